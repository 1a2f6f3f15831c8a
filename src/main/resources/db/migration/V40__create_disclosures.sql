-- Identity disclosure (DOMAIN.md): a request names one report's identity, the fields asked for, a
-- purpose, its one requester and an expiry, and takes the consent route (the reporter answers in
-- the mailbox) or, where the vault's policy allows it, the legal route (an admin approves, with a
-- notice to the reporter or a recorded waiver). Custodians release their shares re-sealed to the
-- requester; the requester's session rebuilds the vault key, keeps only the approved fields sealed
-- to the requester, and drops the released shares. Purpose and recipient are workflow metadata,
-- stored plain like a case's category; nothing a reporter wrote is here.
ALTER TABLE vault
    ADD COLUMN legal_route BOOLEAN NOT NULL DEFAULT FALSE;

CREATE TABLE disclosure_request
(
    id              UUID PRIMARY KEY,
    organization_id UUID                     NOT NULL REFERENCES organization (id),
    report_id       UUID                     NOT NULL REFERENCES report (id),
    requester_id    UUID                     NOT NULL REFERENCES staff (id),
    route           TEXT                     NOT NULL CHECK (route IN ('CONSENT', 'LEGAL')),
    state           TEXT                     NOT NULL CHECK (state IN ('DRAFT', 'CONSENT_REQUESTED', 'CONSENTED',
                                                                       'DENIED', 'LEGAL_REVIEW', 'NOTICE_SENT',
                                                                       'NOTICE_WAIVED', 'DISCLOSED', 'CLOSED')),
    purpose         TEXT                     NOT NULL CHECK (length(purpose) BETWEEN 1 AND 2000),
    fields          TEXT[]                   NOT NULL CHECK (cardinality(fields) BETWEEN 1 AND 20),
    expires_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    submitted_at    TIMESTAMP WITH TIME ZONE,
    reviewed_by     UUID REFERENCES staff (id),
    waiver_reason   TEXT CHECK (length(waiver_reason) BETWEEN 1 AND 2000),
    disclosed_at    TIMESTAMP WITH TIME ZONE,
    closed_at       TIMESTAMP WITH TIME ZONE,
    -- the approved fields, sealed to the requester; only while DISCLOSED and not expired
    disclosed       BYTEA,
    CHECK (disclosed IS NULL OR state = 'DISCLOSED'),
    CHECK (route = 'LEGAL' OR waiver_reason IS NULL)
);

CREATE INDEX disclosure_request_report ON disclosure_request (report_id);
CREATE INDEX disclosure_request_open ON disclosure_request (organization_id, expires_at) WHERE state <> 'CLOSED';

-- A custodian's share, opened in their session and sealed again to the request's requester.
CREATE TABLE disclosure_release
(
    request_id   UUID                     NOT NULL REFERENCES disclosure_request (id) ON DELETE CASCADE,
    custodian_id UUID                     NOT NULL REFERENCES staff (id),
    share_index  INT                      NOT NULL,
    wrapped      BYTEA                    NOT NULL,
    released_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (request_id, custodian_id),
    UNIQUE (request_id, share_index)
);

-- What a reporter agreed to (recording, disclosure, publicity, ceremony) or refused, and when they
-- took it back. A consent about a disclosure names its request.
CREATE TABLE consent
(
    id              UUID PRIMARY KEY,
    organization_id UUID                     NOT NULL REFERENCES organization (id),
    report_id       UUID                     NOT NULL REFERENCES report (id),
    kind            TEXT                     NOT NULL CHECK (kind IN ('RECORDING', 'DISCLOSURE', 'PUBLICITY', 'CEREMONY')),
    subject         UUID,
    given           BOOLEAN                  NOT NULL,
    answered_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    withdrawn_at    TIMESTAMP WITH TIME ZONE,
    CHECK (withdrawn_at IS NULL OR given)
);

CREATE INDEX consent_report ON consent (report_id);
CREATE UNIQUE INDEX consent_subject ON consent (kind, subject) WHERE subject IS NOT NULL;
