-- (SQLite twin of migrations/postgres/0012.)
-- Identity over time: evidence files (photos of a passport's data page, documents a support
-- agent checked), the passports and mobile numbers an account had before, and mobile changes
-- waiting for the code sent to the new number.
CREATE TABLE evidence (
    id BLOB PRIMARY KEY,
    user_id BLOB NOT NULL REFERENCES users (id),
    purpose TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size_bytes INTEGER NOT NULL,
    sha256 TEXT NOT NULL,
    object_key TEXT NOT NULL,
    uploaded_by BLOB NOT NULL REFERENCES users (id),
    created_at TEXT NOT NULL
);
CREATE INDEX evidence_user_idx ON evidence (user_id, created_at);

CREATE TABLE passport_history (
    id BLOB PRIMARY KEY,
    user_id BLOB NOT NULL REFERENCES users (id),
    passport_enc BLOB NOT NULL,
    passport_hash BLOB NOT NULL,
    passport_expiry TEXT,
    replaced_at TEXT NOT NULL,
    evidence_id BLOB REFERENCES evidence (id)
);
CREATE INDEX passport_history_user_idx ON passport_history (user_id, replaced_at);
CREATE INDEX passport_history_hash_idx ON passport_history (passport_hash);

CREATE TABLE mobile_history (
    id BLOB PRIMARY KEY,
    user_id BLOB NOT NULL REFERENCES users (id),
    mobile_enc BLOB NOT NULL,
    mobile_hash BLOB NOT NULL,
    replaced_at TEXT NOT NULL,
    changed_by BLOB NOT NULL REFERENCES users (id),
    evidence_id BLOB REFERENCES evidence (id)
);
CREATE INDEX mobile_history_user_idx ON mobile_history (user_id, replaced_at);

CREATE TABLE mobile_changes (
    id BLOB PRIMARY KEY,
    user_id BLOB NOT NULL REFERENCES users (id),
    mobile_enc BLOB NOT NULL,
    mobile_hash BLOB NOT NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
);
CREATE INDEX mobile_changes_user_idx ON mobile_changes (user_id);
CREATE INDEX mobile_changes_expires_idx ON mobile_changes (expires_at);
