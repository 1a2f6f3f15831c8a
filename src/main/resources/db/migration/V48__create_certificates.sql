-- Certificates of recognition (DOMAIN.md: ISSUED → DELIVERED | REVOKED). A reporter who claims may
-- ask for one, with a display name (sealed with the server key; none means a pseudonym) in their
-- language; it is issued when the reward is paid, signed with the organisation's certificate key,
-- and checked by anyone at /verify/{serial}, which says valid or revoked and nothing of the reporter.
ALTER TABLE reward
    ADD COLUMN certificate_wanted BOOLEAN NOT NULL DEFAULT false,
    ADD COLUMN certificate_name   BYTEA,
    ADD COLUMN language           TEXT;

CREATE TABLE reward_certificate
(
    serial          TEXT PRIMARY KEY CHECK (serial ~ '^[0-9A-Z]{16}$'),
    organization_id UUID                     NOT NULL REFERENCES organization (id),
    reward_id       UUID                     NOT NULL UNIQUE REFERENCES reward (id),
    state           TEXT                     NOT NULL CHECK (state IN ('ISSUED', 'DELIVERED', 'REVOKED')),
    issued_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    delivered_at    TIMESTAMP WITH TIME ZONE,
    revoked_at      TIMESTAMP WITH TIME ZONE
);

-- Each organisation's certificate key: an EC P-256 key pair with a self-signed X.509 certificate;
-- the private key sealed with the server key, like every other secret at rest.
CREATE TABLE certificate_key
(
    organization_id UUID PRIMARY KEY REFERENCES organization (id),
    certificate     BYTEA                    NOT NULL,
    private_key     BYTEA                    NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL
);
