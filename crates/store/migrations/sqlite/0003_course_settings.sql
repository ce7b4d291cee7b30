-- (SQLite twin of migrations/postgres/0003.) Values of the facts lessons cite as {{setting:KEY}} (helplines, fees, contacts), edited by
-- administrators; they override the configuration file and every change is audited.
CREATE TABLE course_setting_values (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL,
    updated_by BLOB REFERENCES users (id),
    updated_at TEXT NOT NULL
);
