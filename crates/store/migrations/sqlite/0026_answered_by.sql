-- (SQLite twin of migrations/postgres/0026; the comment there explains the table.)
CREATE TABLE organisation_sponsors (
    organisation_id BLOB PRIMARY KEY REFERENCES organisations (id),
    oep_id BLOB NOT NULL REFERENCES organisations (id),
    recorded_by BLOB REFERENCES users (id),
    recorded_at TEXT NOT NULL
);
