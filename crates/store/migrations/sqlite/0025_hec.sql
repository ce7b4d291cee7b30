-- (SQLite twin of migrations/postgres/0025; the comments there explain the table.)
CREATE TABLE hec_checks (
    education_id BLOB PRIMARY KEY REFERENCES education (id),
    user_id BLOB NOT NULL REFERENCES users (id),
    status TEXT NOT NULL,
    reference TEXT,
    result_on TEXT,
    recorded_by BLOB REFERENCES users (id),
    updated_at TEXT NOT NULL
);
CREATE INDEX hec_checks_user_idx ON hec_checks (user_id);
