-- Messages to staff: each member's preference (at once, a daily digest, or none) and an outbox of
-- what to tell whom. A row names a case by its id and reference and says why (new report, reporter
-- wrote, assigned, deadline near or missed); never content, never anything of the reporter.
CREATE TABLE notification_preference
(
    staff_id        UUID PRIMARY KEY REFERENCES staff (id),
    organization_id UUID                     NOT NULL REFERENCES organization (id),
    mode            TEXT                     NOT NULL CHECK (mode IN ('IMMEDIATE', 'DAILY', 'OFF')),
    changed_at      TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE notification
(
    id              UUID PRIMARY KEY,
    organization_id UUID                     NOT NULL REFERENCES organization (id),
    staff_id        UUID                     NOT NULL REFERENCES staff (id),
    case_id         UUID                     NOT NULL,
    case_reference  TEXT                     NOT NULL,
    reason          TEXT                     NOT NULL,
    daily           BOOLEAN                  NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    sent_at         TIMESTAMP WITH TIME ZONE
);
CREATE INDEX notification_unsent_idx ON notification (daily, created_at) WHERE sent_at IS NULL;
