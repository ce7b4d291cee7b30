-- A support agent's unlock: sign-in limits are keyed on this number (and the password hash), so
-- raising it lifts every lock on the account, as a password reset does.
ALTER TABLE users ADD COLUMN sign_in_epoch INTEGER NOT NULL DEFAULT 0;
