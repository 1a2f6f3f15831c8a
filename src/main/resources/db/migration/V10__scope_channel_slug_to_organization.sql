-- Channel slugs are unique within their organisation.
ALTER TABLE channel DROP CONSTRAINT channel_slug_key;
CREATE UNIQUE INDEX channel_slug_idx ON channel (organization_id, slug);
