-- Foundation: accounts, pending registrations, OTPs, sessions, devices, profile, consents,
-- audit log, rate limits and the job queue. The SQLite migration of the same number must have the
-- same tables, columns, nullability and indexes (tests/schema_parity.rs checks it).

CREATE TABLE users (
    id UUID PRIMARY KEY,
    role TEXT NOT NULL,
    full_name TEXT NOT NULL,
    guardian_name TEXT,
    guardian_relation TEXT,
    gender TEXT,
    -- Personal data: AES-256-GCM ciphertext, found through keyed hashes (blind indexes).
    cnic_enc BYTEA,
    cnic_hash BYTEA,
    passport_enc BYTEA,
    passport_hash BYTEA,
    passport_expiry DATE,
    dob_enc BYTEA,
    mobile_enc BYTEA NOT NULL,
    mobile_hash BYTEA NOT NULL,
    email TEXT,
    email_verified_at TIMESTAMPTZ,
    province TEXT,
    district TEXT,
    language TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    CONSTRAINT users_cnic_hash_key UNIQUE (cnic_hash),
    CONSTRAINT users_passport_hash_key UNIQUE (passport_hash)
);
CREATE INDEX users_mobile_hash_idx ON users (mobile_hash);

-- A registration waits here (encrypted) until its mobile number is verified; purged after 30 days.
CREATE TABLE pending_registrations (
    id UUID PRIMARY KEY,
    payload_enc BYTEA NOT NULL,
    mobile_hash BYTEA NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    expires_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX pending_registrations_expires_idx ON pending_registrations (expires_at);

CREATE TABLE otps (
    id UUID PRIMARY KEY,
    purpose TEXT NOT NULL,
    subject UUID NOT NULL,
    code_hash BYTEA NOT NULL,
    attempts INTEGER NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    expires_at TIMESTAMPTZ NOT NULL,
    consumed_at TIMESTAMPTZ
);
CREATE INDEX otps_subject_idx ON otps (purpose, subject, created_at);

CREATE TABLE devices (
    id UUID PRIMARY KEY,
    user_id UUID NOT NULL REFERENCES users (id),
    device_key_hash BYTEA NOT NULL,
    kind TEXT NOT NULL,
    model TEXT,
    os TEXT,
    app_version TEXT,
    user_agent TEXT,
    first_seen_at TIMESTAMPTZ NOT NULL,
    last_seen_at TIMESTAMPTZ NOT NULL,
    CONSTRAINT devices_user_key_key UNIQUE (user_id, device_key_hash)
);

CREATE TABLE sessions (
    id UUID PRIMARY KEY,
    token_hash BYTEA NOT NULL,
    user_id UUID NOT NULL REFERENCES users (id),
    kind TEXT NOT NULL,
    device_id UUID REFERENCES devices (id),
    created_at TIMESTAMPTZ NOT NULL,
    last_seen_at TIMESTAMPTZ NOT NULL,
    expires_at TIMESTAMPTZ NOT NULL,
    revoked_at TIMESTAMPTZ,
    CONSTRAINT sessions_token_hash_key UNIQUE (token_hash)
);
CREATE INDEX sessions_user_idx ON sessions (user_id);
CREATE INDEX sessions_expires_idx ON sessions (expires_at);

CREATE TABLE consents (
    user_id UUID NOT NULL REFERENCES users (id),
    purpose TEXT NOT NULL,
    granted BOOLEAN NOT NULL,
    policy_version TEXT NOT NULL,
    recorded_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (user_id, purpose)
);

CREATE TABLE education (
    id UUID PRIMARY KEY,
    user_id UUID NOT NULL REFERENCES users (id),
    level TEXT NOT NULL,
    institution TEXT,
    year INTEGER,
    hec_verification_requested BOOLEAN NOT NULL,
    created_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX education_user_idx ON education (user_id);

CREATE TABLE employment (
    id UUID PRIMARY KEY,
    user_id UUID NOT NULL REFERENCES users (id),
    employer TEXT NOT NULL,
    job_title TEXT NOT NULL,
    occupation TEXT NOT NULL,
    country TEXT NOT NULL,
    from_month DATE NOT NULL,
    to_month DATE,
    created_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX employment_user_idx ON employment (user_id);

CREATE TABLE intended_moves (
    user_id UUID PRIMARY KEY REFERENCES users (id),
    destination TEXT NOT NULL,
    occupation TEXT NOT NULL,
    employer_or_oep TEXT,
    salary_amount BIGINT,
    salary_currency TEXT,
    benefits TEXT,
    updated_at TIMESTAMPTZ NOT NULL
);

CREATE TABLE email_verifications (
    token_hash BYTEA PRIMARY KEY,
    user_id UUID NOT NULL REFERENCES users (id),
    email TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    expires_at TIMESTAMPTZ NOT NULL,
    used_at TIMESTAMPTZ
);

-- Append-only: the triggers below refuse UPDATE and DELETE. `detail` never holds personal data.
CREATE TABLE audit_log (
    id UUID PRIMARY KEY,
    at TIMESTAMPTZ NOT NULL,
    actor_id UUID,
    subject_id UUID,
    action TEXT NOT NULL,
    detail TEXT NOT NULL,
    client_ip TEXT
);
CREATE INDEX audit_log_subject_idx ON audit_log (subject_id, at);
CREATE INDEX audit_log_actor_idx ON audit_log (actor_id, at);

CREATE FUNCTION audit_log_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'audit_log is append-only';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();

-- Fixed-window counters shared by every process (OTP resends, sign-in failures, ...).
CREATE TABLE rate_limits (
    bucket TEXT NOT NULL,
    key BYTEA NOT NULL,
    window_start TIMESTAMPTZ NOT NULL,
    count INTEGER NOT NULL,
    PRIMARY KEY (bucket, key, window_start)
);
CREATE INDEX rate_limits_window_idx ON rate_limits (window_start);

-- Side effects (SMS, email) written in the same transaction as the change that caused them;
-- the worker sends them after commit. The payload is encrypted: it holds phone numbers.
CREATE TABLE jobs (
    id UUID PRIMARY KEY,
    kind TEXT NOT NULL,
    payload_enc BYTEA NOT NULL,
    status TEXT NOT NULL,
    attempts INTEGER NOT NULL,
    run_at TIMESTAMPTZ NOT NULL,
    locked_until TIMESTAMPTZ,
    last_error TEXT,
    created_at TIMESTAMPTZ NOT NULL,
    done_at TIMESTAMPTZ
);
CREATE INDEX jobs_due_idx ON jobs (status, run_at);
