CREATE TABLE case_file
(
    id              UUID PRIMARY KEY,
    organization_id UUID                     NOT NULL REFERENCES organization (id),
    report_id       UUID                     NOT NULL UNIQUE REFERENCES report (id),
    channel_id      UUID                     NOT NULL REFERENCES channel (id),
    reference       TEXT                     NOT NULL,
    status          TEXT                     NOT NULL,
    received_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    last_activity   TIMESTAMP WITH TIME ZONE NOT NULL,
    unread          BOOLEAN                  NOT NULL DEFAULT TRUE
);
CREATE UNIQUE INDEX case_file_reference_idx ON case_file (organization_id, reference);

-- Who may work a case; kept beside the key grants, which enforce it cryptographically.
CREATE TABLE case_member
(
    case_id         UUID NOT NULL REFERENCES case_file (id),
    staff_id        UUID NOT NULL REFERENCES staff (id),
    organization_id UUID NOT NULL REFERENCES organization (id),
    PRIMARY KEY (staff_id, case_id)
);
CREATE INDEX case_member_case_idx ON case_member (case_id);
CREATE INDEX case_file_inbox_idx ON case_file (organization_id, received_at DESC, id);
