-- A reporter's answers to identity questions, sealed to the organisation's identity vault (HPKE to
-- the vault's public key of that version), never to the report key: handlers do not see them; k
-- custodians open them for an approved disclosure.
CREATE TABLE reporter_identity
(
    report_id       UUID PRIMARY KEY REFERENCES report (id),
    organization_id UUID                     NOT NULL REFERENCES organization (id),
    vault_version   INT                      NOT NULL,
    sealed          BYTEA                    NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    FOREIGN KEY (organization_id, vault_version) REFERENCES vault (organization_id, version)
);
