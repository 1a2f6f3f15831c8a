-- Campaigns on the public account: a campaign groups posts and leads to one channel through its link
-- /o/<organisation>/c/<code>. The link counts views per day (a number, nothing about who followed
-- it); reports that come through it carry the code on their case (V35), nothing else.
CREATE TABLE campaign
(
    id              UUID PRIMARY KEY,
    organization_id UUID                     NOT NULL REFERENCES organization (id),
    code            TEXT                     NOT NULL CHECK (code ~ '^[a-z0-9]([a-z0-9-]{0,30}[a-z0-9])?$'),
    name            TEXT                     NOT NULL,
    message         TEXT                     NOT NULL,
    channel_id      UUID                     NOT NULL REFERENCES channel (id),
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    created_by      UUID                     NOT NULL REFERENCES staff (id),
    version         BIGINT                   NOT NULL,
    UNIQUE (organization_id, code)
);

-- A post belongs to at most one campaign; its call to action follows the campaign's link.
CREATE TABLE campaign_post
(
    post_id     UUID PRIMARY KEY REFERENCES post (id),
    campaign_id UUID NOT NULL REFERENCES campaign (id)
);
CREATE INDEX campaign_post_campaign_idx ON campaign_post (campaign_id);

CREATE TABLE campaign_view
(
    campaign_id UUID   NOT NULL REFERENCES campaign (id),
    day         DATE   NOT NULL,
    views       BIGINT NOT NULL CHECK (views > 0),
    PRIMARY KEY (campaign_id, day)
);
