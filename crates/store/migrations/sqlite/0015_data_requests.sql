-- (SQLite twin of migrations/postgres/0015.)
-- Requests about my data (access, correction, deletion, withdrawal of every consent): a number,
-- a status, a deadline, who handles it, and a history the worker sees. A correction's value is
-- personal data: stored encrypted.
CREATE TABLE data_requests (
    id BLOB PRIMARY KEY,
    number TEXT NOT NULL,
    user_id BLOB NOT NULL REFERENCES users (id),
    kind TEXT NOT NULL,
    status TEXT NOT NULL,
    field TEXT,
    value_enc BLOB,
    evidence_id BLOB REFERENCES evidence (id),
    assigned_to BLOB REFERENCES users (id),
    deadline_at TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    CONSTRAINT data_requests_number_key UNIQUE (number)
);
CREATE INDEX data_requests_user_idx ON data_requests (user_id, created_at);
CREATE INDEX data_requests_open_idx ON data_requests (status, deadline_at);

CREATE TABLE data_request_events (
    id BLOB PRIMARY KEY,
    request_id BLOB NOT NULL REFERENCES data_requests (id),
    at TEXT NOT NULL,
    actor_id BLOB REFERENCES users (id),
    status TEXT NOT NULL,
    note TEXT
);
CREATE INDEX data_request_events_request_idx ON data_request_events (request_id, at);
