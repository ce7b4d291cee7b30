-- (SQLite twin of migrations/postgres/0028; the comments there explain the table.)
CREATE TABLE service_charges (
    id BLOB PRIMARY KEY,
    placement_id BLOB NOT NULL REFERENCES placements (id),
    organisation_id BLOB NOT NULL REFERENCES organisations (id),
    user_id BLOB NOT NULL REFERENCES users (id),
    amount INTEGER NOT NULL,
    cap INTEGER NOT NULL,
    receipt_number TEXT NOT NULL,
    recorded_by BLOB NOT NULL REFERENCES users (id),
    recorded_at TEXT NOT NULL,
    paid INTEGER,
    paid_reported_at TEXT,
    ticket_id BLOB REFERENCES tickets (id),
    CONSTRAINT service_charges_placement_key UNIQUE (placement_id),
    CONSTRAINT service_charges_receipt_key UNIQUE (receipt_number)
);
CREATE INDEX service_charges_org_idx ON service_charges (organisation_id);
