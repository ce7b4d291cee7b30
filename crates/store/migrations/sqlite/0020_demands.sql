-- (SQLite twin of migrations/postgres/0020.)
-- Job demands (issue 14, item 3): an approved organisation posts one; OEC approves it or returns
-- it with a note before anyone sees it; it closes on its closing date or when filled. Each step
-- is a history row.
CREATE TABLE demands (
    id BLOB PRIMARY KEY,
    number TEXT NOT NULL,
    organisation_id BLOB NOT NULL REFERENCES organisations (id),
    posted_by BLOB NOT NULL REFERENCES users (id),
    country TEXT NOT NULL,
    city TEXT NOT NULL,
    occupation TEXT NOT NULL,
    positions INTEGER NOT NULL,
    positions_filled INTEGER NOT NULL DEFAULT 0,
    salary_min INTEGER NOT NULL,
    salary_max INTEGER NOT NULL,
    currency TEXT NOT NULL,
    contract_months INTEGER NOT NULL,
    benefits TEXT NOT NULL,
    experience_years INTEGER NOT NULL,
    education TEXT,
    languages TEXT,
    driving_licence BOOLEAN NOT NULL,
    age_min INTEGER,
    age_max INTEGER,
    closes_on TEXT NOT NULL,
    status TEXT NOT NULL,
    status_note TEXT,
    status_at TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    CONSTRAINT demands_number_key UNIQUE (number)
);
CREATE INDEX demands_org_idx ON demands (organisation_id, created_at);
CREATE INDEX demands_status_idx ON demands (status, closes_on);

CREATE TABLE demand_events (
    id BLOB PRIMARY KEY,
    demand_id BLOB NOT NULL REFERENCES demands (id),
    at TEXT NOT NULL,
    actor_id BLOB REFERENCES users (id),
    status TEXT NOT NULL,
    note TEXT
);
CREATE INDEX demand_events_demand_idx ON demand_events (demand_id, at);
