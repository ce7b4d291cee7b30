-- Fees in the open (issue 14, item 10): the service charge an OEP records for a selected worker,
-- never above the government cap in force when it was recorded (kept beside it), with the
-- receipt's verification number; then what the worker says they actually paid, and the help-desk
-- ticket (category fee_dispute, on the OEP's record) a difference opened. One per placement.
CREATE TABLE service_charges (
    id UUID PRIMARY KEY,
    placement_id UUID NOT NULL REFERENCES placements (id),
    organisation_id UUID NOT NULL REFERENCES organisations (id),
    user_id UUID NOT NULL REFERENCES users (id),
    amount BIGINT NOT NULL,
    cap BIGINT NOT NULL,
    receipt_number TEXT NOT NULL,
    recorded_by UUID NOT NULL REFERENCES users (id),
    recorded_at TIMESTAMPTZ NOT NULL,
    paid BIGINT,
    paid_reported_at TIMESTAMPTZ,
    ticket_id UUID REFERENCES tickets (id),
    CONSTRAINT service_charges_placement_key UNIQUE (placement_id),
    CONSTRAINT service_charges_receipt_key UNIQUE (receipt_number)
);
CREATE INDEX service_charges_org_idx ON service_charges (organisation_id);
