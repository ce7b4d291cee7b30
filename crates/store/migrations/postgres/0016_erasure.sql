-- An erased account: its personal data removed (issue 13, item 4); the row stays, so what the law
-- requires about an issued certificate and a protector stamp keeps its owner.
ALTER TABLE users ADD COLUMN erased_at TIMESTAMPTZ;
