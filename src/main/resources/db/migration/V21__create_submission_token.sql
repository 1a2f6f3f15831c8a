-- A report is sent once. A form token (issued with the reporter's form) or an API client's
-- Idempotency-Key is spent in the transaction that stores the report; a second request with it
-- finds the row and gets the first result instead of a second report. The row holds only
-- HMAC(pepper, token) and the result sealed under a key derived from the token and the pepper, so
-- neither the database nor its backups link a token to a report; rows go when the window passes.
CREATE TABLE submission_token
(
    lookup        BYTEA PRIMARY KEY,
    sealed_result BYTEA                    NOT NULL,
    expires_at    TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX submission_token_expires_idx ON submission_token (expires_at);

-- The receipt after the form's redirect: shown by one GET of an unguessable address, then deleted.
-- Sealed under a key derived from that address, which only the reporter's browser holds.
CREATE TABLE receipt_pickup
(
    lookup         BYTEA PRIMARY KEY,
    sealed_receipt BYTEA                    NOT NULL,
    expires_at     TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX receipt_pickup_expires_idx ON receipt_pickup (expires_at);
