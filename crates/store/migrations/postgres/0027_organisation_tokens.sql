-- API tokens an organisation's users make for their own systems (issue 14, item 11): each is a
-- session of kind `org_token` (long-lived, revocable, acting as the user who made it, so it
-- reaches only that organisation's data) with a name the organisation gives it.
CREATE TABLE organisation_tokens (
    session_id UUID PRIMARY KEY REFERENCES sessions (id),
    organisation_id UUID NOT NULL REFERENCES organisations (id),
    name TEXT NOT NULL,
    created_by UUID NOT NULL REFERENCES users (id)
);
CREATE INDEX organisation_tokens_org_idx ON organisation_tokens (organisation_id);
