-- The campaign whose link a report came through, if any: a code, the same for everyone who followed
-- the link, so it says nothing of the reporter. Cases count reports and substantiated outcomes per
-- code for the campaign's results.
ALTER TABLE case_file
    ADD COLUMN campaign TEXT CHECK (campaign ~ '^[a-z0-9]([a-z0-9-]{0,30}[a-z0-9])?$');
CREATE INDEX case_file_campaign_idx ON case_file (organization_id, campaign) WHERE campaign IS NOT NULL;
