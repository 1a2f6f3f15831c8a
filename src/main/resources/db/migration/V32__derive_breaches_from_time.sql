-- A missed deadline is a fact of time, not a row the deadline job rewrites: an OPEN deadline whose
-- due time has passed is breached; BREACHED is stored only when what was due happened late (with
-- met_at). The job no longer marks half a million rows after an outage or an import: it announces
-- the deadlines that came due since its last run, a range of the open-deadline index.

-- Rows the job had marked and nobody has met since are open and past due: the same fact.
UPDATE deadline SET status = 'OPEN' WHERE status = 'BREACHED' AND met_at IS NULL;

-- Breaches are counted from the rows (an index range over a month), so their tally goes.
DROP TRIGGER deadline_breach_tallies ON deadline;
DROP FUNCTION deadline_breach_tallies();
DROP TABLE deadline_breach_tally;

CREATE OR REPLACE FUNCTION case_tallies_rebuild() RETURNS void
    LANGUAGE plpgsql AS
$$
BEGIN
    DELETE FROM case_tally;
    DELETE FROM case_due_tally;
    DELETE FROM case_delay_tally;
    INSERT INTO case_tally (organization_id, channel_id, state, shard, n)
    SELECT organization_id, channel_id, state, 0, count(*) FROM case_file GROUP BY 1, 2, 3;
    INSERT INTO case_due_tally (organization_id, due_day, shard, n)
    SELECT organization_id, (next_due_at AT TIME ZONE 'UTC')::date, 0, count(*) FROM case_file
    WHERE next_due_at IS NOT NULL GROUP BY 1, 2;
    INSERT INTO case_delay_tally (organization_id, kind, received_day, hours, shard, n)
    SELECT organization_id, 'ACKNOWLEDGEMENT', (received_at AT TIME ZONE 'UTC')::date,
           floor(extract(epoch FROM acknowledged_at - received_at) / 3600)::int, 0, count(*)
    FROM case_file WHERE acknowledged_at IS NOT NULL GROUP BY 1, 2, 3, 4;
    INSERT INTO case_delay_tally (organization_id, kind, received_day, hours, shard, n)
    SELECT organization_id, 'FEEDBACK', (received_at AT TIME ZONE 'UTC')::date,
           floor(extract(epoch FROM feedback_at - received_at) / 3600)::int, 0, count(*)
    FROM case_file WHERE feedback_at IS NOT NULL GROUP BY 1, 2, 3, 4;
END
$$;

-- Breaches by organisation and due time: open ones come from deadline_open_org_idx, late ones from here.
DROP INDEX deadline_breached_idx;
CREATE INDEX deadline_late_idx ON deadline (organization_id, due_at) WHERE status = 'BREACHED';

-- Where the deadline job got to: the next run announces what came due after this time.
CREATE TABLE deadline_watch
(
    only_row      BOOLEAN PRIMARY KEY DEFAULT TRUE CHECK (only_row),
    checked_until TIMESTAMP WITH TIME ZONE NOT NULL
);
INSERT INTO deadline_watch (checked_until) VALUES (now());
