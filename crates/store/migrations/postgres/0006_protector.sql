-- Protector of Emigrants offices, their officers, certificate checks, protector stamps, and the
-- machine clients of BE&OE (DESIGN.md section 6).

-- Seeded from crates/domain/data/protector_offices.tsv on first start; administrators edit it.
CREATE TABLE protector_offices (
    code TEXT PRIMARY KEY,
    name_en TEXT NOT NULL,
    name_ur TEXT NOT NULL,
    active BOOLEAN NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
);

-- The office a protector officer works at.
CREATE TABLE staff_offices (
    user_id UUID PRIMARY KEY REFERENCES users (id),
    office_code TEXT NOT NULL REFERENCES protector_offices (code)
);

-- Machine clients (BE&OE systems): the secret is shown once and stored hashed.
CREATE TABLE api_clients (
    id UUID PRIMARY KEY,
    name TEXT NOT NULL,
    secret_hash BYTEA NOT NULL,
    -- space-separated: certificates:read stamps:write
    scopes TEXT NOT NULL,
    office_code TEXT REFERENCES protector_offices (code),
    created_by UUID REFERENCES users (id),
    created_at TIMESTAMPTZ NOT NULL,
    revoked_at TIMESTAMPTZ
);

-- Every officer or machine look-up of a person's certificate, shown to the person.
CREATE TABLE certificate_checks (
    id UUID PRIMARY KEY,
    user_id UUID NOT NULL REFERENCES users (id),
    certificate_id UUID REFERENCES certificates (id),
    office_code TEXT,
    officer_id UUID REFERENCES users (id),
    api_client_id UUID REFERENCES api_clients (id),
    -- lookup | qr | api | stamp
    via TEXT NOT NULL,
    checked_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX certificate_checks_user_idx ON certificate_checks (user_id, checked_at);

-- The protector stamp: once per journey (a protector number names one departure).
CREATE TABLE protector_stamps (
    id UUID PRIMARY KEY,
    user_id UUID NOT NULL REFERENCES users (id),
    certificate_id UUID NOT NULL REFERENCES certificates (id),
    office_code TEXT NOT NULL REFERENCES protector_offices (code),
    officer_id UUID REFERENCES users (id),
    api_client_id UUID REFERENCES api_clients (id),
    protector_number TEXT NOT NULL,
    stamped_on DATE NOT NULL,
    destination TEXT NOT NULL,
    employer TEXT NOT NULL,
    visa_type TEXT NOT NULL,
    idempotency_key TEXT,
    created_at TIMESTAMPTZ NOT NULL,
    CONSTRAINT protector_stamps_protector_number_key UNIQUE (protector_number)
);
CREATE INDEX protector_stamps_office_idx ON protector_stamps (office_code, stamped_on);
CREATE INDEX protector_stamps_user_idx ON protector_stamps (user_id, created_at);
-- A machine client's retry with the same Idempotency-Key finds the stamp it already made.
CREATE UNIQUE INDEX protector_stamps_client_key_idx ON protector_stamps (api_client_id, idempotency_key);
