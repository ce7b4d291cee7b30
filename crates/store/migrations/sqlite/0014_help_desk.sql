-- (SQLite twin of migrations/postgres/0014.)
-- The help desk: a worker's tickets, their messages (replies, and staff's internal notes the
-- worker never sees), each message's attachment an evidence file.
CREATE TABLE tickets (
    id BLOB PRIMARY KEY,
    number TEXT NOT NULL,
    user_id BLOB NOT NULL REFERENCES users (id),
    category TEXT NOT NULL,
    subject TEXT NOT NULL,
    status TEXT NOT NULL,
    assigned_to BLOB REFERENCES users (id),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    -- A staff answer is due by then; past it, the worker job escalates the ticket.
    due_at TEXT NOT NULL,
    escalated_at TEXT,
    CONSTRAINT tickets_number_key UNIQUE (number)
);
CREATE INDEX tickets_user_idx ON tickets (user_id, created_at);
CREATE INDEX tickets_queue_idx ON tickets (status, due_at);

CREATE TABLE ticket_messages (
    id BLOB PRIMARY KEY,
    ticket_id BLOB NOT NULL REFERENCES tickets (id),
    author_id BLOB NOT NULL REFERENCES users (id),
    from_staff BOOLEAN NOT NULL,
    internal BOOLEAN NOT NULL,
    body TEXT NOT NULL,
    evidence_id BLOB REFERENCES evidence (id),
    created_at TEXT NOT NULL
);
CREATE INDEX ticket_messages_ticket_idx ON ticket_messages (ticket_id, created_at);
