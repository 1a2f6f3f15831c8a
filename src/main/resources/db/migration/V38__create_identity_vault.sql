-- The identity vault (CRYPTO.md, key 7): per organisation an HPKE key pair whose public half seals
-- reporters' identities and whose private half exists only as n Shamir shares, each sealed to one
-- custodian's public key. Any k of them rebuild it; the whole key is never stored. A vault with
-- k = 1 exists only where the organisation accepted a single custodian.
CREATE TABLE vault
(
    organization_id           UUID                     NOT NULL REFERENCES organization (id),
    version                   INT                      NOT NULL CHECK (version > 0),
    public_key                BYTEA                    NOT NULL,
    k                         INT                      NOT NULL CHECK (k >= 1),
    n                         INT                      NOT NULL CHECK (n >= k AND n <= 255),
    single_custodian_accepted BOOLEAN                  NOT NULL,
    created_at                TIMESTAMP WITH TIME ZONE NOT NULL,
    created_by                UUID                     NOT NULL REFERENCES staff (id),
    PRIMARY KEY (organization_id, version),
    CHECK (k >= 2 OR single_custodian_accepted)
);

CREATE TABLE vault_share
(
    organization_id UUID  NOT NULL,
    version         INT   NOT NULL,
    share_index     INT   NOT NULL CHECK (share_index BETWEEN 1 AND 255),
    custodian_id    UUID  NOT NULL REFERENCES staff (id),
    wrapped         BYTEA NOT NULL,
    PRIMARY KEY (organization_id, version, share_index),
    UNIQUE (organization_id, version, custodian_id),
    FOREIGN KEY (organization_id, version) REFERENCES vault (organization_id, version)
);
