-- Append-only audit log, one hash chain per organisation. Entries are written in the transaction of the action they record and
-- chained shortly after by one chainer at a time (chain_seq, previous_mac, mac), so that busy
-- paths never queue on the chain. Entries hold ids and action names only, never content.
CREATE TABLE audit_entry
(
    id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    -- the nil UUID marks installation-wide entries (e.g. a login for an unknown address)
    organization_id UUID                     NOT NULL,
    occurred_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    actor           TEXT                     NOT NULL,
    action          TEXT                     NOT NULL,
    subject         TEXT,
    chain_seq       BIGINT,
    previous_mac    BYTEA,
    mac             BYTEA
);
CREATE UNIQUE INDEX audit_entry_chain_idx ON audit_entry (organization_id, chain_seq);
CREATE INDEX audit_entry_unchained_idx ON audit_entry (id) WHERE chain_seq IS NULL;
CREATE INDEX audit_entry_organization_idx ON audit_entry (organization_id, occurred_at);

-- The log is append-only: only the chainer's one-time fill of the chain columns may change a row.
CREATE FUNCTION audit_entry_append_only() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION 'audit entries cannot be deleted';
    END IF;
    IF OLD.chain_seq IS NOT NULL
        OR NEW.organization_id IS DISTINCT FROM OLD.organization_id
        OR NEW.occurred_at IS DISTINCT FROM OLD.occurred_at
        OR NEW.actor IS DISTINCT FROM OLD.actor
        OR NEW.action IS DISTINCT FROM OLD.action
        OR NEW.subject IS DISTINCT FROM OLD.subject THEN
        RAISE EXCEPTION 'audit entries cannot be changed';
    END IF;
    RETURN NEW;
END
$$;

CREATE TRIGGER audit_entry_append_only
    BEFORE UPDATE OR DELETE
    ON audit_entry
    FOR EACH ROW
EXECUTE FUNCTION audit_entry_append_only();
