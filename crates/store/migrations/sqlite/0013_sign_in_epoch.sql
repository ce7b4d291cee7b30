-- (SQLite twin of migrations/postgres/0013.) A support agent's unlock: sign-in limits are keyed on
-- this number (and the password hash), so raising it lifts every lock on the account.
ALTER TABLE users ADD COLUMN sign_in_epoch INTEGER NOT NULL DEFAULT 0;
