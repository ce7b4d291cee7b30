-- (SQLite twin of migrations/postgres/0029, which explains it.) On SQLite `changed` is one more
-- than the largest in the table when the row is written: writes are serialised, so the numbers
-- follow the order of the commits and a process reads the rows above the largest it has seen.
DROP TABLE candidates_fts;
ALTER TABLE candidates ADD COLUMN changed INTEGER NOT NULL DEFAULT 0;
CREATE INDEX candidates_changed_idx ON candidates (changed);
