-- Reward policies (DOMAIN.md, "Reward programmes"): per organisation, versioned; each version keeps
-- the policy as its written tree (JSON of the YAML an admin imported), so a reward keeps the version
-- it was assessed under.
CREATE TABLE reward_policy
(
    id              UUID PRIMARY KEY,
    organization_id UUID                     NOT NULL REFERENCES organization (id),
    name            TEXT                     NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    shape           TEXT                     NOT NULL CHECK (shape IN ('BANDS', 'SHARE', 'BOARD')),
    currency        TEXT                     NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    current_version INT                      NOT NULL CHECK (current_version >= 1),
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE INDEX reward_policy_organization ON reward_policy (organization_id, name);

CREATE TABLE reward_policy_version
(
    policy_id  UUID                     NOT NULL REFERENCES reward_policy (id),
    version    INT                      NOT NULL CHECK (version >= 1),
    rules      TEXT                     NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    created_by UUID                     NOT NULL REFERENCES staff (id),
    PRIMARY KEY (policy_id, version)
);
