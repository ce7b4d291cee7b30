-- (SQLite twin of migrations/postgres/0005.) The final test, certificates and the keys that sign them (DESIGN.md sections 5 and 6).

-- An attempt keeps what it drew (questions and option order, per module); the clock is the
-- server's: answers after deadline_at are refused and the attempt is scored as it stands.
CREATE TABLE test_attempts (
    id BLOB PRIMARY KEY,
    user_id BLOB NOT NULL REFERENCES users (id),
    course_version_id BLOB NOT NULL REFERENCES course_versions (id),
    number INTEGER NOT NULL,
    drawn TEXT NOT NULL,
    started_at TEXT NOT NULL,
    deadline_at TEXT NOT NULL,
    submitted_at TEXT,
    score_percent INTEGER,
    passed BOOLEAN,
    -- JSON {module id: percent}
    module_scores TEXT,
    CONSTRAINT test_attempts_user_number_key UNIQUE (user_id, number)
);
CREATE INDEX test_attempts_open_idx ON test_attempts (submitted_at, deadline_at);

-- Each answer is saved the moment it is given (option ids, in order for an ordering).
CREATE TABLE test_answers (
    attempt_id BLOB NOT NULL REFERENCES test_attempts (id),
    question_id TEXT NOT NULL,
    answer TEXT NOT NULL,
    answered_at TEXT NOT NULL,
    PRIMARY KEY (attempt_id, question_id)
);

-- Ed25519 keys that sign certificates. The private key is encrypted with the data key; retired
-- keys sign nothing new but stay published so older certificates still verify.
CREATE TABLE signing_keys (
    kid TEXT PRIMARY KEY,
    public_key BLOB NOT NULL,
    private_key_enc BLOB NOT NULL,
    created_at TEXT NOT NULL,
    retired_at TEXT
);

-- Certificates: the number people type, what was signed (the QR text), and the status.
CREATE TABLE certificates (
    id BLOB PRIMARY KEY,
    number TEXT NOT NULL,
    user_id BLOB NOT NULL REFERENCES users (id),
    attempt_id BLOB REFERENCES test_attempts (id),
    full_name TEXT NOT NULL,
    cnic_last4 TEXT NOT NULL,
    issued_on TEXT NOT NULL,
    expires_on TEXT NOT NULL,
    kid TEXT NOT NULL REFERENCES signing_keys (kid),
    qr_text TEXT NOT NULL,
    -- valid | revoked | superseded
    status TEXT NOT NULL,
    status_reason TEXT,
    status_changed_at TEXT,
    superseded_by BLOB,
    created_at TEXT NOT NULL,
    CONSTRAINT certificates_number_key UNIQUE (number)
);
CREATE INDEX certificates_user_idx ON certificates (user_id, created_at);
