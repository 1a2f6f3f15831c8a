-- One table for every session whose secret only the client can open: staff sessions (the private
-- key) and reporter follow-up visits (the report key). A row is found by HMAC(pepper, random id)
-- and holds the secret sealed under the client's session key, then under the server key.
-- It replaces staff_session and followup_session; sessions open at the upgrade end.
CREATE TABLE sealed_session
(
    id_lookup       BYTEA PRIMARY KEY,
    kind            TEXT                     NOT NULL,
    organization_id UUID                     NOT NULL REFERENCES organization (id),
    -- a staff id for STAFF sessions, a report id for REPORTER_VISIT sessions
    holder          UUID                     NOT NULL,
    sealed_secret   BYTEA                    NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    last_seen_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    idle_seconds    INT                      NOT NULL,
    expires_at      TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX sealed_session_holder_idx ON sealed_session (kind, holder);
CREATE INDEX sealed_session_expiry_idx ON sealed_session (expires_at);

DROP TABLE staff_session;
DROP TABLE followup_session;
