-- Agreements OEC signs (issue 14, item 2): with a partner organisation or a country's
-- government, for sectors, with a quota of positions and a period. A job demand may be under
-- one; the agreement's page counts them.
CREATE TABLE agreements (
    id UUID PRIMARY KEY,
    number TEXT NOT NULL,
    title TEXT NOT NULL,
    partner_organisation_id UUID REFERENCES organisations (id),
    partner_country TEXT,
    sectors TEXT NOT NULL,
    quota INTEGER NOT NULL,
    starts_on DATE NOT NULL,
    ends_on DATE NOT NULL,
    created_by UUID NOT NULL REFERENCES users (id),
    created_at TIMESTAMPTZ NOT NULL,
    CONSTRAINT agreements_number_key UNIQUE (number)
);
CREATE INDEX agreements_ends_idx ON agreements (ends_on);

ALTER TABLE demands ADD COLUMN agreement_id UUID REFERENCES agreements (id);
CREATE INDEX demands_agreement_idx ON demands (agreement_id);
