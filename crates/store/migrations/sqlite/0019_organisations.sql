-- (SQLite twin of migrations/postgres/0019.)
-- Organisations that recruit (issue 14): foreign employers, recruitment agencies and licensed
-- OEPs. An application is public; OEC decides (approve, return with a note, reject, suspend,
-- reinstate, blacklist), each decision a history row with its reason. The contact person's
-- mobile is personal data: stored encrypted. The applicant follows and corrects the
-- application through a link whose key is kept only as a keyed hash.
CREATE TABLE organisations (
    id BLOB PRIMARY KEY,
    number TEXT NOT NULL,
    kind TEXT NOT NULL,
    legal_name TEXT NOT NULL,
    name_key TEXT NOT NULL,
    country TEXT NOT NULL,
    address TEXT NOT NULL,
    contact_name TEXT NOT NULL,
    contact_mobile_enc BLOB NOT NULL,
    contact_email TEXT,
    language TEXT NOT NULL,
    licence_number TEXT,
    licence_expires_on TEXT,
    status TEXT NOT NULL,
    status_reason TEXT,
    status_at TEXT NOT NULL,
    access_hash BLOB NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    CONSTRAINT organisations_number_key UNIQUE (number)
);
CREATE INDEX organisations_status_idx ON organisations (status, status_at);
CREATE INDEX organisations_licence_idx ON organisations (licence_number);
CREATE INDEX organisations_name_idx ON organisations (name_key);

CREATE TABLE organisation_events (
    id BLOB PRIMARY KEY,
    organisation_id BLOB NOT NULL REFERENCES organisations (id),
    at TEXT NOT NULL,
    actor_id BLOB REFERENCES users (id),
    status TEXT NOT NULL,
    reason TEXT
);
CREATE INDEX organisation_events_org_idx ON organisation_events (organisation_id, at);

-- Registration documents and the licence: PDFs, recognised by their first bytes, in the object
-- store under organisations/.
CREATE TABLE organisation_documents (
    id BLOB PRIMARY KEY,
    organisation_id BLOB NOT NULL REFERENCES organisations (id),
    kind TEXT NOT NULL,
    size_bytes INTEGER NOT NULL,
    sha256 TEXT NOT NULL,
    object_key TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX organisation_documents_org_idx ON organisation_documents (organisation_id, created_at);

-- An approved organisation's invitations to its users (role employer_user): a link sent by SMS,
-- its key kept only as a keyed hash, used once.
CREATE TABLE organisation_invitations (
    id BLOB PRIMARY KEY,
    organisation_id BLOB NOT NULL REFERENCES organisations (id),
    full_name TEXT NOT NULL,
    mobile_enc BLOB NOT NULL,
    token_hash BLOB NOT NULL,
    invited_by BLOB REFERENCES users (id),
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    accepted_at TEXT,
    user_id BLOB REFERENCES users (id),
    CONSTRAINT organisation_invitations_token_key UNIQUE (token_hash)
);
CREATE INDEX organisation_invitations_org_idx ON organisation_invitations (organisation_id, created_at);

ALTER TABLE users ADD COLUMN organisation_id BLOB REFERENCES organisations (id);
CREATE INDEX users_organisation_idx ON users (organisation_id);
-- A complaint about an organisation is on that organisation's record.
ALTER TABLE tickets ADD COLUMN organisation_id BLOB REFERENCES organisations (id);
CREATE INDEX tickets_organisation_idx ON tickets (organisation_id);
