CREATE TABLE channel
(
    id                    UUID PRIMARY KEY,
    organization_id       UUID                     NOT NULL REFERENCES organization (id),
    slug                  TEXT                     NOT NULL UNIQUE,
    name                  TEXT                     NOT NULL,
    public_text           TEXT                     NOT NULL,
    receipt_format        TEXT                     NOT NULL,
    questionnaire_version INT                      NOT NULL,
    created_at            TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at            TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX channel_organization_idx ON channel (organization_id);

-- Every version of a channel's questionnaire is kept: a report records the version it answered.
CREATE TABLE questionnaire
(
    channel_id      UUID                     NOT NULL REFERENCES channel (id),
    organization_id UUID                     NOT NULL REFERENCES organization (id),
    version         INT                      NOT NULL,
    definition      JSONB                    NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (channel_id, version)
);

CREATE TABLE channel_recipient
(
    channel_id      UUID NOT NULL REFERENCES channel (id),
    organization_id UUID NOT NULL REFERENCES organization (id),
    staff_id        UUID NOT NULL REFERENCES staff (id),
    PRIMARY KEY (channel_id, staff_id)
);
