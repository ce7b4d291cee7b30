-- The consent ledger: every consent given or withdrawn, never changed or removed; `consents`
-- keeps the current state of each purpose for quick checks (the two change in one transaction).
CREATE TABLE consent_ledger (
    id UUID PRIMARY KEY,
    user_id UUID NOT NULL REFERENCES users (id),
    purpose TEXT NOT NULL,
    purpose_version INTEGER NOT NULL,
    granted BOOLEAN NOT NULL,
    policy_version TEXT NOT NULL,
    channel TEXT NOT NULL,
    recorded_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX consent_ledger_user_idx ON consent_ledger (user_id, recorded_at);

CREATE FUNCTION consent_ledger_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'consent_ledger is append-only';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER consent_ledger_no_update BEFORE UPDATE ON consent_ledger
    FOR EACH ROW EXECUTE FUNCTION consent_ledger_append_only();
CREATE TRIGGER consent_ledger_no_delete BEFORE DELETE ON consent_ledger
    FOR EACH ROW EXECUTE FUNCTION consent_ledger_append_only();

ALTER TABLE consents ADD COLUMN purpose_version INTEGER NOT NULL DEFAULT 1;

-- What was recorded before the ledger, kept as its first entries.
INSERT INTO consent_ledger (id, user_id, purpose, purpose_version, granted, policy_version, channel, recorded_at)
SELECT md5(user_id::text || purpose)::uuid, user_id, purpose, 1, granted, policy_version, 'before_ledger', recorded_at
FROM consents;
