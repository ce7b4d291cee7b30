-- One more final-test attempt granted by a support agent, with the reason; used once.
CREATE TABLE test_grants (
    id UUID PRIMARY KEY,
    user_id UUID NOT NULL REFERENCES users (id),
    granted_by UUID NOT NULL REFERENCES users (id),
    reason TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    used_by_attempt UUID
);
CREATE INDEX test_grants_user_idx ON test_grants (user_id);
