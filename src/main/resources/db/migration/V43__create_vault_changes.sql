-- Changing a vault's custodians (CRYPTO.md, key 7): an admin proposes the new custodians and k; k of
-- the current custodians each release their share sealed to the proposer; the proposer's session
-- rebuilds the key, makes a new key pair, seals every identity again to it, splits the new private
-- key among the new custodians, and forgets both. The old shares are deleted and open nothing new.
CREATE TABLE vault_change
(
    id                        UUID PRIMARY KEY,
    organization_id           UUID                     NOT NULL REFERENCES organization (id),
    from_version              INT                      NOT NULL,
    k                         INT                      NOT NULL CHECK (k >= 1),
    custodians                UUID[]                   NOT NULL CHECK (cardinality(custodians) BETWEEN 1 AND 255),
    single_custodian_accepted BOOLEAN                  NOT NULL,
    proposed_by               UUID                     NOT NULL REFERENCES staff (id),
    proposed_at               TIMESTAMP WITH TIME ZONE NOT NULL,
    state                     TEXT                     NOT NULL CHECK (state IN ('OPEN', 'DONE', 'CANCELLED')),
    ended_at                  TIMESTAMP WITH TIME ZONE,
    FOREIGN KEY (organization_id, from_version) REFERENCES vault (organization_id, version),
    CHECK (k >= 2 OR single_custodian_accepted),
    CHECK (k <= cardinality(custodians))
);

CREATE UNIQUE INDEX vault_change_open ON vault_change (organization_id) WHERE state = 'OPEN';

CREATE TABLE vault_change_release
(
    change_id    UUID                     NOT NULL REFERENCES vault_change (id) ON DELETE CASCADE,
    custodian_id UUID                     NOT NULL REFERENCES staff (id),
    share_index  INT                      NOT NULL,
    wrapped      BYTEA                    NOT NULL,
    released_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (change_id, custodian_id),
    UNIQUE (change_id, share_index)
);
