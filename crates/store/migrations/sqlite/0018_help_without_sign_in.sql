-- (SQLite twin of migrations/postgres/0018.)
-- Help without signing in (issue 13, item 7): a worker who cannot sign in opens a ticket with
-- their CNIC and a code sent to the mobile they have now. The ticket waits as a draft (encrypted:
-- it holds the CNIC and the number) until the code is confirmed; the number it was confirmed
-- with stays with the ticket, so the replies reach it even when the account's SIM is lost.
CREATE TABLE help_drafts (
    id BLOB PRIMARY KEY,
    payload_enc BLOB NOT NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
);
CREATE INDEX help_drafts_expires_idx ON help_drafts (expires_at);

CREATE TABLE ticket_contacts (
    ticket_id BLOB PRIMARY KEY REFERENCES tickets (id),
    mobile_enc BLOB NOT NULL,
    verified_at TEXT NOT NULL
);
