-- (SQLite twin of migrations/postgres/0024; the comments there explain the tables.)
CREATE TABLE placements (
    id BLOB PRIMARY KEY,
    demand_id BLOB NOT NULL REFERENCES demands (id),
    organisation_id BLOB NOT NULL REFERENCES organisations (id),
    user_id BLOB NOT NULL REFERENCES users (id),
    status TEXT NOT NULL,
    interview_at TEXT,
    interview_mode TEXT,
    interview_place TEXT,
    offer_salary INTEGER,
    offer_currency TEXT,
    offer_terms TEXT,
    departed_on TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    CONSTRAINT placements_demand_user_key UNIQUE (demand_id, user_id)
);
CREATE INDEX placements_user_idx ON placements (user_id, updated_at);
CREATE INDEX placements_org_idx ON placements (organisation_id, status);

CREATE TABLE placement_events (
    id BLOB PRIMARY KEY,
    placement_id BLOB NOT NULL REFERENCES placements (id),
    at TEXT NOT NULL,
    actor_id BLOB REFERENCES users (id),
    status TEXT NOT NULL,
    note TEXT
);
CREATE INDEX placement_events_placement_idx ON placement_events (placement_id, at);
