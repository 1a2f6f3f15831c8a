-- Retention (DOMAIN.md): a finished case keeps its content for its policy's retention period after
-- it was closed (concluded, referred or closed without action), then its content is purged: the
-- report's answers, files, grants and receipt, the thread, notes, labels, links and the reporter's
-- identity go; the case row stays as PURGED with its metadata, so statistics keep counting it.
ALTER TABLE case_file
    ADD COLUMN closed_at TIMESTAMP WITH TIME ZONE,
    ADD COLUMN purged_at TIMESTAMP WITH TIME ZONE;

UPDATE case_file SET closed_at = last_activity
WHERE state IN ('CONCLUDED', 'REFERRED', 'CLOSED_NO_ACTION', 'ARCHIVED', 'PURGED');

CREATE INDEX case_file_retention_idx ON case_file (closed_at)
    WHERE state IN ('CONCLUDED', 'REFERRED', 'CLOSED_NO_ACTION', 'ARCHIVED');

-- A supervisor's legal hold keeps a case's content past its retention period until released.
ALTER TABLE case_file
    ADD COLUMN legal_hold TEXT CHECK (length(legal_hold) BETWEEN 1 AND 500);
