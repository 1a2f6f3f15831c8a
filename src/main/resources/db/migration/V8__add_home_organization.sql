-- The home organisation (the one created at first set-up) answers the short reporter addresses
-- (/r/<channel>), however many organisations the installation holds later.
ALTER TABLE organization ADD COLUMN home BOOLEAN NOT NULL DEFAULT FALSE;
UPDATE organization SET home = TRUE WHERE id = (SELECT id FROM organization ORDER BY created_at, id LIMIT 1);
CREATE UNIQUE INDEX organization_home_idx ON organization (home) WHERE home;
