CREATE TABLE organization
(
    id         UUID PRIMARY KEY,
    name       TEXT                     NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL
);

-- The first-run setup code: only its lookup tag is kept, and it is consumed exactly once.
CREATE TABLE setup_code
(
    id          INT PRIMARY KEY CHECK (id = 1),
    code_lookup BYTEA                    NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    used_at     TIMESTAMP WITH TIME ZONE
);

CREATE TABLE staff
(
    id                      UUID PRIMARY KEY,
    organization_id         UUID                     NOT NULL REFERENCES organization (id),
    email                   TEXT                     NOT NULL,
    display_name            TEXT                     NOT NULL,
    status                  TEXT                     NOT NULL,
    password_salt           BYTEA                    NOT NULL,
    password_verifier       BYTEA                    NOT NULL,
    totp_secret             BYTEA                    NOT NULL,
    totp_last_step          BIGINT                   NOT NULL DEFAULT 0,
    public_key              BYTEA                    NOT NULL,
    private_key_by_password BYTEA                    NOT NULL,
    recovery_salt           BYTEA                    NOT NULL,
    private_key_by_recovery BYTEA                    NOT NULL,
    created_at              TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE UNIQUE INDEX staff_email_idx ON staff (lower(email));
CREATE INDEX staff_organization_idx ON staff (organization_id);

CREATE TABLE staff_role
(
    staff_id        UUID NOT NULL REFERENCES staff (id),
    organization_id UUID NOT NULL REFERENCES organization (id),
    role            TEXT NOT NULL,
    PRIMARY KEY (staff_id, role)
);

CREATE TABLE invitation
(
    id              UUID PRIMARY KEY,
    organization_id UUID                     NOT NULL REFERENCES organization (id),
    token_lookup    BYTEA                    NOT NULL UNIQUE,
    email           TEXT                     NOT NULL,
    display_name    TEXT                     NOT NULL,
    roles           TEXT[]                   NOT NULL,
    invited_by      UUID                     NOT NULL REFERENCES staff (id),
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    accepted_at     TIMESTAMP WITH TIME ZONE,
    staff_id        UUID REFERENCES staff (id)
);
CREATE INDEX invitation_organization_idx ON invitation (organization_id, created_at);

-- A logged-in staff session. The private key is sealed under a session key that only the
-- client holds (cookie or bearer token); the row itself is useless without it.
CREATE TABLE staff_session
(
    id_lookup       BYTEA PRIMARY KEY,
    organization_id UUID                     NOT NULL REFERENCES organization (id),
    staff_id        UUID                     NOT NULL REFERENCES staff (id),
    sealed_key      BYTEA                    NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    last_seen_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at      TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX staff_session_staff_idx ON staff_session (staff_id);
CREATE INDEX staff_session_expiry_idx ON staff_session (expires_at);
