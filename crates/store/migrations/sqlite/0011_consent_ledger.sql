-- The consent ledger (SQLite twin of migrations/postgres/0011): every consent given or withdrawn,
-- never changed or removed; `consents` keeps the current state of each purpose.
CREATE TABLE consent_ledger (
    id BLOB PRIMARY KEY,
    user_id BLOB NOT NULL REFERENCES users (id),
    purpose TEXT NOT NULL,
    purpose_version INTEGER NOT NULL,
    granted BOOLEAN NOT NULL,
    policy_version TEXT NOT NULL,
    channel TEXT NOT NULL,
    recorded_at TEXT NOT NULL
);
CREATE INDEX consent_ledger_user_idx ON consent_ledger (user_id, recorded_at);

CREATE TRIGGER consent_ledger_no_update BEFORE UPDATE ON consent_ledger
BEGIN
    SELECT RAISE(ABORT, 'consent_ledger is append-only');
END;
CREATE TRIGGER consent_ledger_no_delete BEFORE DELETE ON consent_ledger
BEGIN
    SELECT RAISE(ABORT, 'consent_ledger is append-only');
END;

ALTER TABLE consents ADD COLUMN purpose_version INTEGER NOT NULL DEFAULT 1;

-- What was recorded before the ledger, kept as its first entries.
INSERT INTO consent_ledger (id, user_id, purpose, purpose_version, granted, policy_version, channel, recorded_at)
SELECT randomblob(16), user_id, purpose, 1, granted, policy_version, 'before_ledger', recorded_at
FROM consents;
