-- What the inbox filters and sorts on, kept on the case by case handling itself: the category the
-- report came in under (the case's own from then on), its priority, its labels (plain names a team
-- uses, like categories; notes are where sealed text goes), when the earliest deadline not yet met
-- is (or was) due - past means a deadline was missed - and when feedback was first given. The
-- deadline job does not touch cases: a missed deadline stays the earliest unmet one.
ALTER TABLE case_file
    ADD COLUMN category     TEXT,
    ADD COLUMN priority     TEXT    NOT NULL DEFAULT 'NORMAL' CHECK (priority IN ('LOW', 'NORMAL', 'HIGH', 'URGENT')),
    ADD COLUMN next_due_at  TIMESTAMP WITH TIME ZONE,
    ADD COLUMN feedback_at  TIMESTAMP WITH TIME ZONE;

UPDATE case_file c SET next_due_at = (SELECT min(d.due_at) FROM deadline d
                                      WHERE d.case_id = c.id AND d.met_at IS NULL AND d.status IN ('OPEN', 'BREACHED'));

CREATE TABLE case_label
(
    case_id         UUID NOT NULL REFERENCES case_file (id),
    organization_id UUID NOT NULL REFERENCES organization (id),
    name            TEXT NOT NULL,
    PRIMARY KEY (case_id, name)
);
CREATE INDEX case_label_name_idx ON case_label (organization_id, name, case_id);

CREATE INDEX case_file_state_idx ON case_file (organization_id, state, received_at DESC, id DESC);
CREATE INDEX case_file_open_idx ON case_file (organization_id, state, channel_id);
CREATE INDEX case_file_timing_idx ON case_file (organization_id, received_at) INCLUDE (acknowledged_at, feedback_at);
CREATE INDEX case_file_channel_idx ON case_file (organization_id, channel_id, received_at DESC, id DESC);
CREATE INDEX case_file_due_idx ON case_file (organization_id, next_due_at, id) WHERE next_due_at IS NOT NULL;
CREATE INDEX case_file_activity_idx ON case_file (organization_id, last_activity DESC, id DESC);
CREATE INDEX deadline_breached_idx ON deadline (organization_id, changed_at) WHERE status = 'BREACHED';
CREATE INDEX deadline_open_org_idx ON deadline (organization_id, due_at) WHERE status = 'OPEN';
CREATE INDEX deadline_reminded_idx ON deadline (organization_id, reminded_at) WHERE reminded_at IS NOT NULL;
