-- One row that /readyz rewrites, so readiness means "can write", not only "answers".
CREATE TABLE ops_probe (
    id INTEGER PRIMARY KEY,
    checked_at TIMESTAMPTZ NOT NULL,
    -- Filled and emptied by each probe, so the probe needs free pages as real writes do.
    room BYTEA
);
