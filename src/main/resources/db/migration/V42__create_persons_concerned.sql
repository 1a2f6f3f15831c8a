-- Persons concerned (DOMAIN.md): people named in a case, recorded by its handlers under a
-- pseudonym; who they are is sealed with the report key, so only holders of the case open it, and
-- pages, timelines and exports name them by pseudonym unless a holder asks (audited).
CREATE TABLE case_person
(
    id              UUID PRIMARY KEY,
    case_id         UUID                     NOT NULL REFERENCES case_file (id),
    organization_id UUID                     NOT NULL REFERENCES organization (id),
    pseudonym       TEXT                     NOT NULL CHECK (pseudonym ~ '^P-[0-9]{1,4}$'),
    role            TEXT                     NOT NULL CHECK (role IN ('SUBJECT', 'WITNESS', 'OTHER')),
    sealed_identity BYTEA                    NOT NULL,
    recorded_by     UUID                     NOT NULL REFERENCES staff (id),
    recorded_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    UNIQUE (case_id, pseudonym)
);
