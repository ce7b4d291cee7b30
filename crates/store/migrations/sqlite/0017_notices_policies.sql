-- (SQLite twin of migrations/postgres/0017.)
-- The notifications centre (issue 13, item 3): every message the portal sends a person (codes
-- excepted) is also a notice they read in the app. The text is not stored: the notice keeps its
-- kind and its arguments (encrypted: a ticket or certificate number), and is worded in the
-- reader's language when read. Each channel it also went by has a delivery row the worker keeps
-- up to date, so support staff see whether the SMS or email left.
CREATE TABLE notices (
    id BLOB PRIMARY KEY,
    user_id BLOB NOT NULL REFERENCES users (id),
    kind TEXT NOT NULL,
    args_enc BLOB NOT NULL,
    urgent BOOLEAN NOT NULL,
    created_at TEXT NOT NULL,
    read_at TEXT
);
CREATE INDEX notices_user_idx ON notices (user_id, created_at);
CREATE INDEX notices_created_idx ON notices (created_at);

CREATE TABLE notice_deliveries (
    notice_id BLOB NOT NULL REFERENCES notices (id) ON DELETE CASCADE,
    channel TEXT NOT NULL,
    job_id BLOB NOT NULL,
    -- queued (waiting, or retrying after a failure), sent, failed (given up after retries)
    status TEXT NOT NULL,
    attempts INTEGER NOT NULL,
    -- When a quiet-hours SMS may leave.
    not_before TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (notice_id, channel)
);
CREATE UNIQUE INDEX notice_deliveries_job_idx ON notice_deliveries (job_id);

-- Policy versions (issue 13, item 2): the privacy policy and the terms of use, each version in
-- both languages, published by an administrator. A material version is announced to every
-- worker registered before it (a notice, an SMS, an email), by the worker job in batches
-- (`announced_through`: the last account id told; `announced_at`: everyone told).
CREATE TABLE policy_versions (
    id BLOB PRIMARY KEY,
    document TEXT NOT NULL,
    version TEXT NOT NULL,
    material BOOLEAN NOT NULL,
    summary_en TEXT NOT NULL,
    summary_ur TEXT NOT NULL,
    body_en TEXT NOT NULL,
    body_ur TEXT NOT NULL,
    published_at TEXT NOT NULL,
    published_by BLOB REFERENCES users (id),
    announced_through BLOB,
    announced_at TEXT,
    CONSTRAINT policy_versions_key UNIQUE (document, version)
);
CREATE INDEX policy_versions_doc_idx ON policy_versions (document, published_at);

-- The wording of each consent purpose, every version kept: a consent holds only under the
-- newest. Version 1 comes from policy/purposes.toml; later ones are published with a policy.
CREATE TABLE purpose_wordings (
    purpose TEXT NOT NULL,
    version INTEGER NOT NULL,
    title_en TEXT NOT NULL,
    title_ur TEXT NOT NULL,
    text_en TEXT NOT NULL,
    text_ur TEXT NOT NULL,
    policy_version_id BLOB REFERENCES policy_versions (id),
    published_at TEXT NOT NULL,
    PRIMARY KEY (purpose, version)
);

-- The last time the worker acknowledged the policy notices: material versions published later
-- are shown on their next visit.
ALTER TABLE users ADD COLUMN policy_seen_at TEXT;
