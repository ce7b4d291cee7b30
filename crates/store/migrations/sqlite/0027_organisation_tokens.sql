-- (SQLite twin of migrations/postgres/0027; the comment there explains the table.)
CREATE TABLE organisation_tokens (
    session_id BLOB PRIMARY KEY REFERENCES sessions (id),
    organisation_id BLOB NOT NULL REFERENCES organisations (id),
    name TEXT NOT NULL,
    created_by BLOB NOT NULL REFERENCES users (id)
);
CREATE INDEX organisation_tokens_org_idx ON organisation_tokens (organisation_id);
