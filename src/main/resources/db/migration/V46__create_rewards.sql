-- Rewards (DOMAIN.md, "Reward lifecycle"). A reward is for one report of a case concluded
-- substantiated (or nominated by a supervisor), under one version of a reward policy. What the
-- assessor wrote as evidence is sealed with the report key; which criteria were met, the amount and
-- the people who moved it are plain, for approvals, the ledger and statistics. The claim code is
-- kept as a lookup tag (HMAC with the pepper), never as itself.
CREATE TABLE reward
(
    id                UUID PRIMARY KEY,
    organization_id   UUID                     NOT NULL REFERENCES organization (id),
    case_id           UUID                     NOT NULL REFERENCES case_file (id),
    case_reference    TEXT                     NOT NULL,
    report_id         UUID                     NOT NULL,
    policy_id         UUID                     NOT NULL,
    policy_version    INT                      NOT NULL,
    state             TEXT                     NOT NULL,
    discretionary     BOOLEAN                  NOT NULL,
    nominated_by      UUID REFERENCES staff (id),
    assessor_id       UUID REFERENCES staff (id),
    criteria          TEXT,
    evidence          BYTEA,
    amount_minor      BIGINT CHECK (amount_minor >= 0),
    currency          TEXT                     NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    band              TEXT,
    recovered_minor   BIGINT CHECK (recovered_minor >= 0),
    approvals_needed  INT                      NOT NULL DEFAULT 0,
    preparer_id       UUID REFERENCES staff (id),
    releaser_id       UUID REFERENCES staff (id),
    payout_method     TEXT,
    payout_reference  TEXT,
    claim_tag         BYTEA UNIQUE,
    recipient         TEXT CHECK (recipient IN ('PERSON', 'ORGANIZATION')),
    reason            TEXT,
    notified_at       TIMESTAMP WITH TIME ZONE,
    claimed_at        TIMESTAMP WITH TIME ZONE,
    paid_at           TIMESTAMP WITH TIME ZONE,
    version           BIGINT                   NOT NULL,
    created_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    changed_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    FOREIGN KEY (policy_id, policy_version) REFERENCES reward_policy_version (policy_id, version),
    UNIQUE (case_id, report_id)
);
CREATE INDEX reward_organization_idx ON reward (organization_id, state, changed_at);

CREATE TABLE reward_approval
(
    reward_id   UUID                     NOT NULL REFERENCES reward (id),
    staff_id    UUID                     NOT NULL REFERENCES staff (id),
    approved_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (reward_id, staff_id)
);

-- What the reporter gave at claim time to be paid (an account, a proxy's name): sealed with a key
-- of its own, that key wrapped to each payout officer; deleted when the payment is recorded.
CREATE TABLE reward_payout
(
    reward_id  UUID PRIMARY KEY REFERENCES reward (id),
    details    BYTEA                    NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE TABLE reward_payout_grant
(
    reward_id UUID  NOT NULL REFERENCES reward_payout (reward_id) ON DELETE CASCADE,
    staff_id  UUID  NOT NULL REFERENCES staff (id),
    wrapped   BYTEA NOT NULL,
    PRIMARY KEY (reward_id, staff_id)
);

-- The ledger: every amount proposed, approved, paid, recovered, in integer minor units with its
-- currency. Rows are only ever added.
CREATE TABLE reward_ledger
(
    seq             BIGSERIAL PRIMARY KEY,
    organization_id UUID                     NOT NULL REFERENCES organization (id),
    reward_id       UUID                     NOT NULL REFERENCES reward (id),
    policy_id       UUID                     NOT NULL REFERENCES reward_policy (id),
    kind            TEXT                     NOT NULL CHECK (kind IN ('PROPOSED', 'APPROVED', 'PAID', 'RECOVERED')),
    amount_minor    BIGINT                   NOT NULL CHECK (amount_minor >= 0),
    currency        TEXT                     NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    staff_id        UUID REFERENCES staff (id),
    at              TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX reward_ledger_organization_idx ON reward_ledger (organization_id, at);

CREATE FUNCTION reward_ledger_append_only() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    RAISE EXCEPTION 'the reward ledger is append-only';
END;
$$;
CREATE TRIGGER reward_ledger_append_only
    BEFORE UPDATE OR DELETE OR TRUNCATE ON reward_ledger
    FOR EACH STATEMENT EXECUTE FUNCTION reward_ledger_append_only();

-- The policy a channel's substantiated cases are rewarded under.
CREATE TABLE reward_policy_channel
(
    channel_id UUID PRIMARY KEY REFERENCES channel (id),
    policy_id  UUID NOT NULL REFERENCES reward_policy (id)
);

-- Reward deadlines (start of the assessment, notice, claim window) are rows of the case's deadlines, one set per reward.
ALTER TABLE deadline DROP CONSTRAINT deadline_kind_check;
ALTER TABLE deadline ADD CONSTRAINT deadline_kind_check
    CHECK (kind IN ('ACKNOWLEDGEMENT', 'FEEDBACK', 'REWARD_START', 'REWARD_NOTICE', 'REWARD_CLAIM'));
ALTER TABLE deadline ADD COLUMN subject_id UUID;
CREATE INDEX deadline_subject_idx ON deadline (subject_id, kind) WHERE subject_id IS NOT NULL;

-- The case's own deadlines (what the organisation owes the reporter) are what the inbox, the
-- overview and the notices to staff count; a reporter's claim window passing is no breach of theirs.
DROP INDEX deadline_open_org_idx;
CREATE INDEX deadline_open_org_idx ON deadline (organization_id, due_at)
    WHERE status = 'OPEN' AND kind IN ('ACKNOWLEDGEMENT', 'FEEDBACK');
DROP INDEX deadline_late_idx;
CREATE INDEX deadline_late_idx ON deadline (organization_id, due_at)
    WHERE status = 'BREACHED' AND kind IN ('ACKNOWLEDGEMENT', 'FEEDBACK');
