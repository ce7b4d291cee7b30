-- Requests about my data (access, correction, deletion, withdrawal of every consent): a number,
-- a status, a deadline, who handles it, and a history the worker sees. A correction's value is
-- personal data: stored encrypted.
CREATE TABLE data_requests (
    id UUID PRIMARY KEY,
    number TEXT NOT NULL,
    user_id UUID NOT NULL REFERENCES users (id),
    kind TEXT NOT NULL,
    status TEXT NOT NULL,
    field TEXT,
    value_enc BYTEA,
    evidence_id UUID REFERENCES evidence (id),
    assigned_to UUID REFERENCES users (id),
    deadline_at TIMESTAMPTZ NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    CONSTRAINT data_requests_number_key UNIQUE (number)
);
CREATE INDEX data_requests_user_idx ON data_requests (user_id, created_at);
CREATE INDEX data_requests_open_idx ON data_requests (status, deadline_at);

CREATE TABLE data_request_events (
    id UUID PRIMARY KEY,
    request_id UUID NOT NULL REFERENCES data_requests (id),
    at TIMESTAMPTZ NOT NULL,
    actor_id UUID REFERENCES users (id),
    status TEXT NOT NULL,
    note TEXT
);
CREATE INDEX data_request_events_request_idx ON data_request_events (request_id, at);
