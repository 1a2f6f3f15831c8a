-- The organisation's logo on reporter pages: a PNG that Tipline re-encoded from the admin's upload
-- (nothing of the original file's metadata is kept). The version goes up with each change, so the
-- logo's address changes and browsers may cache each one for long.
ALTER TABLE organization
    ADD COLUMN logo         BYTEA,
    ADD COLUMN logo_version INTEGER NOT NULL DEFAULT 0;
