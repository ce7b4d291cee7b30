-- A certified worker's interest in an approved job demand (issue 14, item 4): one row each,
-- kept with the time; the organisation sees how many, the candidate search will filter by it.
CREATE TABLE demand_interests (
    demand_id UUID NOT NULL REFERENCES demands (id),
    user_id UUID NOT NULL REFERENCES users (id),
    at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (demand_id, user_id)
);
CREATE INDEX demand_interests_user_idx ON demand_interests (user_id, at);
