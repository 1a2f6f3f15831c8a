-- Who holds which case, for a member's inbox: one row per grant of a case's report, fed by the grants'
-- events from reports (which stay the authority for opening a case), with copies of the case's
-- columns that the inbox filters and sorts on most, so that a member's inbox is one index range of
-- their own rows instead of a probe of every case they hold (docs/benchmarks.md). A trigger keeps the
-- copies current as the case changes.
CREATE TABLE case_holder
(
    case_id         UUID                     NOT NULL REFERENCES case_file (id) ON DELETE CASCADE,
    staff_id        UUID                     NOT NULL REFERENCES staff (id),
    organization_id UUID                     NOT NULL REFERENCES organization (id),
    state           TEXT                     NOT NULL,
    channel_id      UUID                     NOT NULL,
    category        TEXT,
    received_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    last_activity   TIMESTAMP WITH TIME ZONE NOT NULL,
    next_due_at     TIMESTAMP WITH TIME ZONE,
    PRIMARY KEY (case_id, staff_id)
);
CREATE INDEX case_holder_received_idx ON case_holder (staff_id, received_at DESC, case_id DESC);
CREATE INDEX case_holder_state_idx ON case_holder (staff_id, state, received_at DESC, case_id DESC);
CREATE INDEX case_holder_activity_idx ON case_holder (staff_id, last_activity DESC, case_id DESC);
CREATE INDEX case_holder_due_idx ON case_holder (staff_id, next_due_at, case_id) WHERE next_due_at IS NOT NULL;

INSERT INTO case_holder (case_id, staff_id, organization_id, state, channel_id, category, received_at, last_activity,
                         next_due_at)
SELECT c.id, g.staff_id, c.organization_id, c.state, c.channel_id, c.category, c.received_at, c.last_activity,
       c.next_due_at
FROM key_grant g
         JOIN case_file c ON c.report_id = g.report_id AND c.organization_id = g.organization_id;

CREATE FUNCTION case_holder_copy() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    UPDATE case_holder
    SET state = NEW.state, channel_id = NEW.channel_id, category = NEW.category, received_at = NEW.received_at,
        last_activity = NEW.last_activity, next_due_at = NEW.next_due_at
    WHERE case_id = NEW.id;
    RETURN NULL;
END
$$;

CREATE TRIGGER case_holder_copy
    AFTER UPDATE ON case_file FOR EACH ROW
    WHEN (OLD.state IS DISTINCT FROM NEW.state OR OLD.channel_id IS DISTINCT FROM NEW.channel_id
        OR OLD.category IS DISTINCT FROM NEW.category OR OLD.received_at IS DISTINCT FROM NEW.received_at
        OR OLD.last_activity IS DISTINCT FROM NEW.last_activity OR OLD.next_due_at IS DISTINCT FROM NEW.next_due_at)
    EXECUTE FUNCTION case_holder_copy();
