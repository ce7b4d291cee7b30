-- The OEP that answered for a foreign employer or agency OEC blacklisted (issue 14, item 9):
-- named by the administrator with the decision, shown on the public blacklist.
CREATE TABLE organisation_sponsors (
    organisation_id UUID PRIMARY KEY REFERENCES organisations (id),
    oep_id UUID NOT NULL REFERENCES organisations (id),
    recorded_by UUID REFERENCES users (id),
    recorded_at TIMESTAMPTZ NOT NULL
);
