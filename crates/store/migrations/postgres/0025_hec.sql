-- HEC verification (issue 14, item 7): a degree the worker asked to have verified (the
-- education row's flag, with the consent to send it to HEC) gets a check row when it is sent
-- to HEC (`sent`) and its result (`verified` or `not_verified`, HEC's reference and date),
-- recorded by OEC staff or by the HTTP adapter. A change to the degree drops its check.
CREATE TABLE hec_checks (
    education_id UUID PRIMARY KEY REFERENCES education (id),
    user_id UUID NOT NULL REFERENCES users (id),
    status TEXT NOT NULL,
    reference TEXT,
    result_on DATE,
    recorded_by UUID REFERENCES users (id),
    updated_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX hec_checks_user_idx ON hec_checks (user_id);
