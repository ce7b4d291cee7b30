-- (SQLite twin of migrations/postgres/0010.) One more final-test attempt granted by a support agent, with the reason; used once.
CREATE TABLE test_grants (
    id BLOB PRIMARY KEY,
    user_id BLOB NOT NULL REFERENCES users (id),
    granted_by BLOB NOT NULL REFERENCES users (id),
    reason TEXT NOT NULL,
    created_at TEXT NOT NULL,
    used_by_attempt BLOB
);
CREATE INDEX test_grants_user_idx ON test_grants (user_id);
