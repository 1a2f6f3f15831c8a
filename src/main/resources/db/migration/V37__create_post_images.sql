-- Images of posts: a poster series is a post's images in order, each with its alt text. Only the
-- files drawn afresh from an upload are kept (no original, so none of its metadata), one per width.
CREATE TABLE post_image
(
    id              UUID PRIMARY KEY,
    organization_id UUID                     NOT NULL REFERENCES organization (id),
    post_id         UUID                     NOT NULL REFERENCES post (id),
    position        INT                      NOT NULL CHECK (position > 0),
    alt             TEXT                     NOT NULL CHECK (length(alt) > 0),
    caption         TEXT                     NOT NULL,
    width           INT                      NOT NULL CHECK (width > 0),
    height          INT                      NOT NULL CHECK (height > 0),
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    UNIQUE (post_id, position)
);

CREATE TABLE post_image_file
(
    image_id     UUID  NOT NULL REFERENCES post_image (id) ON DELETE CASCADE,
    width        INT   NOT NULL CHECK (width > 0),
    height       INT   NOT NULL CHECK (height > 0),
    content_type TEXT  NOT NULL CHECK (content_type IN ('image/jpeg', 'image/png')),
    bytes        BYTEA NOT NULL,
    PRIMARY KEY (image_id, width)
);
