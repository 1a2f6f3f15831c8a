-- A reward remembers the campaign its case came through (copied from the case once), so campaign
-- results and the transparency report can count rewards without joining into the case table.
ALTER TABLE reward ADD COLUMN campaign TEXT;
CREATE INDEX reward_campaign_idx ON reward (organization_id, campaign) WHERE campaign IS NOT NULL;
