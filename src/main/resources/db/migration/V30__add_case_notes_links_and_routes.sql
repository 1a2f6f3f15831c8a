-- Internal notes on a case: staff-only text, sealed with the report key like everything else the
-- case holds (the row keeps who wrote it and when, never the text in the clear).
CREATE TABLE case_note
(
    id              UUID PRIMARY KEY,
    case_id         UUID                     NOT NULL REFERENCES case_file (id),
    organization_id UUID                     NOT NULL REFERENCES organization (id),
    author_id       UUID                     NOT NULL REFERENCES staff (id),
    written_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    body            BYTEA                    NOT NULL
);
CREATE INDEX case_note_case_idx ON case_note (case_id, written_at);

-- Cases that belong together. A link is stored once, from the earlier-registered case to the
-- later one; a DUPLICATE link means the later case was merged into the earlier, which keeps
-- priority (DOMAIN.md, "Case lifecycle").
CREATE TABLE case_link
(
    case_id         UUID                     NOT NULL REFERENCES case_file (id),
    related_id      UUID                     NOT NULL REFERENCES case_file (id),
    organization_id UUID                     NOT NULL REFERENCES organization (id),
    kind            TEXT                     NOT NULL CHECK (kind IN ('RELATED', 'DUPLICATE')),
    created_by      UUID                     NOT NULL REFERENCES staff (id),
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (case_id, related_id),
    CHECK (case_id <> related_id)
);
CREATE INDEX case_link_related_idx ON case_link (related_id);
-- A case is merged into at most one other.
CREATE UNIQUE INDEX case_link_duplicate_idx ON case_link (related_id) WHERE kind = 'DUPLICATE';

-- A case's timeline reads the audit entries about it and its report.
CREATE INDEX audit_entry_subject_idx ON audit_entry (organization_id, (subject COLLATE "C"));

-- Routing rules of a channel: the first rule whose category or choice answer matches a report
-- picks its recipients instead of the channel's; tagged like the recipient set, so a rule written
-- straight into the database is ignored.
ALTER TABLE channel
    ADD COLUMN routes     JSONB NOT NULL DEFAULT '[]',
    ADD COLUMN routes_tag BYTEA;
