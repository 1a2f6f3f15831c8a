-- The organisation's public account: posts written by editors in Markdown, kept with the sanitised
-- HTML rendered when they were saved (so a page view renders nothing). A post is visible once it is
-- PUBLISHED and its publication time has come: a scheduled post is a published one whose time is
-- still ahead, so no job has to flip it. Translations of one post share a group, one per language.
-- Every edit keeps the text it replaced as a numbered revision.
CREATE TABLE post
(
    id                UUID PRIMARY KEY,
    organization_id   UUID                     NOT NULL REFERENCES organization (id),
    number            BIGINT                   NOT NULL CHECK (number > 0),
    translation_group UUID                     NOT NULL,
    language          TEXT                     NOT NULL,
    title             TEXT                     NOT NULL,
    summary           TEXT                     NOT NULL,
    body              TEXT                     NOT NULL,
    body_html         TEXT                     NOT NULL,
    tags              TEXT[]                   NOT NULL DEFAULT '{}',
    channel_id        UUID REFERENCES channel (id),
    status            TEXT                     NOT NULL CHECK (status IN ('DRAFT', 'PUBLISHED', 'WITHDRAWN')),
    published_at      TIMESTAMP WITH TIME ZONE,
    created_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    author_id         UUID                     NOT NULL REFERENCES staff (id),
    revision          INT                      NOT NULL,
    version           BIGINT                   NOT NULL,
    CHECK (status <> 'PUBLISHED' OR published_at IS NOT NULL)
);
CREATE UNIQUE INDEX post_number_idx ON post (organization_id, number);
CREATE UNIQUE INDEX post_translation_idx ON post (translation_group, language);
CREATE INDEX post_public_idx ON post (organization_id, published_at DESC, id DESC) WHERE status = 'PUBLISHED';
CREATE INDEX post_tags_idx ON post USING gin (tags) WHERE status = 'PUBLISHED';
CREATE INDEX post_desk_idx ON post (organization_id, updated_at DESC, id DESC);

CREATE TABLE post_revision
(
    post_id         UUID                     NOT NULL REFERENCES post (id),
    revision        INT                      NOT NULL,
    organization_id UUID                     NOT NULL REFERENCES organization (id),
    title           TEXT                     NOT NULL,
    summary         TEXT                     NOT NULL,
    body            TEXT                     NOT NULL,
    tags            TEXT[]                   NOT NULL,
    edited_by       UUID                     NOT NULL REFERENCES staff (id),
    edited_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (post_id, revision)
);
