-- A signing key can be declared compromised: from then on nothing it signed verifies.
ALTER TABLE signing_keys ADD COLUMN compromised_at TIMESTAMPTZ;
