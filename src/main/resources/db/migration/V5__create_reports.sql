-- A report's content is sealed with its own key; that key is wrapped to each recipient (key_grant)
-- and under a key derived from the receipt (receipt_key). Only the receipt's HMAC is stored.
CREATE TABLE report
(
    id                    UUID PRIMARY KEY,
    organization_id       UUID                     NOT NULL REFERENCES organization (id),
    channel_id            UUID                     NOT NULL REFERENCES channel (id),
    questionnaire_version INT                      NOT NULL,
    category              TEXT,
    receipt_lookup        BYTEA                    NOT NULL UNIQUE,
    receipt_salt          BYTEA                    NOT NULL,
    receipt_key           BYTEA                    NOT NULL,
    sealed_answers        BYTEA                    NOT NULL,
    status                TEXT                     NOT NULL,
    received_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at            TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX report_organization_idx ON report (organization_id, received_at);

CREATE TABLE key_grant
(
    report_id       UUID                     NOT NULL REFERENCES report (id),
    staff_id        UUID                     NOT NULL REFERENCES staff (id),
    organization_id UUID                     NOT NULL REFERENCES organization (id),
    wrapped_key     BYTEA                    NOT NULL,
    granted_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (report_id, staff_id)
);
CREATE INDEX key_grant_staff_idx ON key_grant (staff_id);

CREATE TABLE message
(
    id              UUID PRIMARY KEY,
    seq             BIGINT GENERATED ALWAYS AS IDENTITY,
    report_id       UUID                     NOT NULL REFERENCES report (id),
    organization_id UUID                     NOT NULL REFERENCES organization (id),
    author          TEXT                     NOT NULL CHECK (author IN ('REPORTER', 'STAFF')),
    staff_id        UUID REFERENCES staff (id),
    sealed_body     BYTEA                    NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX message_report_idx ON message (report_id, seq);

-- An attachment's bytes live in the blob store, sealed with their own streaming key; that key and
-- the file's name and type are sealed with the report key.
CREATE TABLE attachment
(
    id              UUID PRIMARY KEY,
    seq             BIGINT GENERATED ALWAYS AS IDENTITY,
    report_id       UUID                     NOT NULL REFERENCES report (id),
    organization_id UUID                     NOT NULL REFERENCES organization (id),
    message_id      UUID REFERENCES message (id),
    question_key    TEXT,
    blob_key        TEXT                     NOT NULL UNIQUE,
    sealed_file_key BYTEA                    NOT NULL,
    sealed_meta     BYTEA                    NOT NULL,
    size_bytes      BIGINT                   NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX attachment_report_idx ON attachment (report_id);

-- A reporter's follow-up visit in a browser: the report key sealed under a key only the cookie holds.
CREATE TABLE followup_session
(
    id_lookup       BYTEA PRIMARY KEY,
    report_id       UUID                     NOT NULL REFERENCES report (id),
    organization_id UUID                     NOT NULL REFERENCES organization (id),
    sealed_key      BYTEA                    NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    last_seen_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at      TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX followup_session_expiry_idx ON followup_session (expires_at);
