-- How each member's password verifier and password-sealed private key were derived: 1 without the
-- server pepper (before this change), 2 with it. A member moves to 2 at their next login.
ALTER TABLE staff ADD COLUMN password_scheme SMALLINT NOT NULL DEFAULT 1;
ALTER TABLE staff ALTER COLUMN password_scheme DROP DEFAULT;
