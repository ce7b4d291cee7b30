-- (SQLite twin of migrations/postgres/0016.) An erased account: its personal data removed; the
-- row stays, so what the law requires about an issued certificate and a stamp keeps its owner.
ALTER TABLE users ADD COLUMN erased_at TEXT;
