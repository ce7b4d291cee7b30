-- The placement pipeline (issue 14, item 6): one row per demand and worker, from the shortlist
-- to departure, with the interview (its time as written, Pakistan time) and the offer on it; every step a history row (the timeline
-- the worker and the organisation see). psk_domain::placement holds the order of the steps.
CREATE TABLE placements (
    id UUID PRIMARY KEY,
    demand_id UUID NOT NULL REFERENCES demands (id),
    organisation_id UUID NOT NULL REFERENCES organisations (id),
    user_id UUID NOT NULL REFERENCES users (id),
    status TEXT NOT NULL,
    interview_at TEXT,
    interview_mode TEXT,
    interview_place TEXT,
    offer_salary BIGINT,
    offer_currency TEXT,
    offer_terms TEXT,
    departed_on DATE,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    CONSTRAINT placements_demand_user_key UNIQUE (demand_id, user_id)
);
CREATE INDEX placements_user_idx ON placements (user_id, updated_at);
CREATE INDEX placements_org_idx ON placements (organisation_id, status);

CREATE TABLE placement_events (
    id UUID PRIMARY KEY,
    placement_id UUID NOT NULL REFERENCES placements (id),
    at TIMESTAMPTZ NOT NULL,
    actor_id UUID REFERENCES users (id),
    status TEXT NOT NULL,
    note TEXT
);
CREATE INDEX placement_events_placement_idx ON placement_events (placement_id, at);
