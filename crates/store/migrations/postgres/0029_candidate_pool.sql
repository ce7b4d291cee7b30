-- The candidate search ranks from an index of the findable workers that each process keeps in
-- memory (app orgs/pool.rs), because ranking in the database read every certified worker holding
-- the searched token for each request (bench/REPORT.md, issue 14). The database no longer
-- indexes the tokens; `doc` keeps them for the processes to load.
-- `changed` says which rows a process must read again: on PostgreSQL the id of the transaction
-- that last wrote the row (pg_current_xact_id()). A process reads the rows whose `changed` is at
-- least the oldest transaction still running when it last read (pg_snapshot_xmin), so a
-- transaction that commits late is never skipped.
DROP INDEX candidates_doc_gin;
ALTER TABLE candidates DROP COLUMN doc_tsv;
ALTER TABLE candidates ADD COLUMN changed BIGINT NOT NULL DEFAULT 0;
CREATE INDEX candidates_changed_idx ON candidates (changed);
