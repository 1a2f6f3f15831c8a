-- The case workflow of DOMAIN.md: the policy version a case runs on, when it was acknowledged, the
-- retaliation-risk assessment, and how it ended (outcome, reason for closing, referral). Cases
-- opened before profiles existed have no policy and run on their organisation's default preset.
ALTER TABLE case_file
    ADD COLUMN policy_profile_id UUID REFERENCES policy_profile (id),
    ADD COLUMN policy_version    INTEGER,
    ADD COLUMN acknowledged_at   TIMESTAMP WITH TIME ZONE,
    ADD COLUMN risk              TEXT CHECK (risk IN ('LOW', 'MEDIUM', 'HIGH')),
    ADD COLUMN outcome           TEXT,
    ADD COLUMN closing_reason    TEXT,
    ADD COLUMN referred_to       TEXT;

-- Deadlines are rows: started and met by the events the rules name, waived or extended only with a
-- reason (a policy code, and a justification sealed with the report key) and an actor, marked
-- BREACHED by a job. An extension closes the row as EXTENDED and opens its successor.
CREATE TABLE deadline
(
    id              UUID PRIMARY KEY,
    organization_id UUID                     NOT NULL REFERENCES organization (id),
    case_id         UUID                     NOT NULL REFERENCES case_file (id),
    kind            TEXT                     NOT NULL CHECK (kind IN ('ACKNOWLEDGEMENT', 'FEEDBACK')),
    due_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    counted         TEXT                     NOT NULL,
    status          TEXT                     NOT NULL CHECK (status IN ('OPEN', 'MET', 'WAIVED', 'EXTENDED', 'BREACHED')),
    remind_at       TIMESTAMP WITH TIME ZONE,
    reminded_at     TIMESTAMP WITH TIME ZONE,
    met_at          TIMESTAMP WITH TIME ZONE,
    reason          TEXT,
    justification   BYTEA,
    actor_id        UUID REFERENCES staff (id),
    extends_id      UUID REFERENCES deadline (id),
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    changed_at      TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX deadline_case_idx ON deadline (case_id, created_at);
CREATE INDEX deadline_open_due_idx ON deadline (due_at) WHERE status = 'OPEN';
CREATE INDEX deadline_reminder_idx ON deadline (remind_at) WHERE status = 'OPEN' AND reminded_at IS NULL;

-- Notices are messages of a kind: the acknowledgement, feedback, a request for information.
ALTER TABLE message ADD COLUMN kind TEXT NOT NULL DEFAULT 'MESSAGE'
    CHECK (kind IN ('MESSAGE', 'ACKNOWLEDGEMENT', 'FEEDBACK', 'QUESTION'));

-- What the reporter may expect and by when, from the case's deadlines.
ALTER TABLE mailbox
    ADD COLUMN acknowledgement_by TIMESTAMP WITH TIME ZONE,
    ADD COLUMN feedback_by        TIMESTAMP WITH TIME ZONE;
