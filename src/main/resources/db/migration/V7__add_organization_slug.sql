-- Organisations get a slug for their web addresses (/r/<organisation>/<channel>). Before this change
-- an installation held at most one organisation; its slug is derived from its name.
ALTER TABLE organization ADD COLUMN slug TEXT;
UPDATE organization
SET slug = coalesce(nullif(left(trim(BOTH '-' FROM lower(regexp_replace(name, '[^A-Za-z0-9]+', '-', 'g'))), 63), ''), 'home');
ALTER TABLE organization ALTER COLUMN slug SET NOT NULL;
CREATE UNIQUE INDEX organization_slug_idx ON organization (slug);
