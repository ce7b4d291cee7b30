-- (SQLite twin of migrations/postgres/0023; the comments there explain the tables.)
-- SQLite indexes the search tokens in an FTS5 table whose rowid is candidates.seq; it keeps no
-- copy of the text (contentless) and is written with the candidates row.
CREATE TABLE candidate_skills (
    user_id BLOB PRIMARY KEY REFERENCES users (id),
    skills TEXT,
    languages TEXT NOT NULL,
    driving_licence BOOLEAN NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE candidates (
    seq INTEGER PRIMARY KEY,
    user_id BLOB NOT NULL REFERENCES users (id),
    occupation TEXT,
    destination TEXT,
    past_occupations TEXT NOT NULL,
    education_rank INTEGER NOT NULL,
    experience_months INTEGER NOT NULL,
    driving_licence BOOLEAN NOT NULL,
    languages TEXT NOT NULL,
    hec_verified BOOLEAN NOT NULL,
    certified_on TEXT,
    certified_until TEXT,
    consent_version INTEGER,
    doc TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    CONSTRAINT candidates_user_key UNIQUE (user_id)
);
CREATE VIRTUAL TABLE candidates_fts USING fts5(doc, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 2');

CREATE TABLE profile_views (
    id BLOB PRIMARY KEY,
    user_id BLOB NOT NULL REFERENCES users (id),
    organisation_id BLOB NOT NULL REFERENCES organisations (id),
    viewer_id BLOB NOT NULL REFERENCES users (id),
    day TEXT NOT NULL,
    at TEXT NOT NULL
);
CREATE INDEX profile_views_user_idx ON profile_views (user_id, at);
CREATE INDEX profile_views_viewer_idx ON profile_views (viewer_id, day);
