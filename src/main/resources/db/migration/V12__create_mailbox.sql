-- The reporter's mailbox: what they are told of their report's progress, in plain language, set by
-- case handling. It replaces report.status, which repeated the case's status and never changed.
CREATE TABLE mailbox
(
    report_id         UUID PRIMARY KEY REFERENCES report (id),
    organization_id   UUID                     NOT NULL REFERENCES organization (id),
    status            TEXT                     NOT NULL,
    status_changed_at TIMESTAMP WITH TIME ZONE NOT NULL
);
INSERT INTO mailbox (report_id, organization_id, status, status_changed_at)
SELECT id, organization_id, 'RECEIVED', received_at FROM report;
