-- Tallies for the supervisor's overview, kept by triggers as cases and deadlines change, so that
-- counting a million cases costs a few index lookups instead of scans (docs/benchmarks.md). Each
-- tally is spread over 16 shards picked at random, so concurrent submissions to one channel do not
-- queue on one counter row; readers sum the shards.
--   case_tally          open and closed cases by channel and state
--   case_due_tally      cases by the UTC day their earliest unmet deadline is (or was) due
--   case_delay_tally    acknowledged / first-fed-back cases by UTC day received and whole hours taken
--   deadline_breach_tally  breached deadlines by the UTC day of their last change
CREATE TABLE case_tally
(
    organization_id UUID     NOT NULL,
    channel_id      UUID     NOT NULL,
    state           TEXT     NOT NULL,
    shard           SMALLINT NOT NULL,
    n               BIGINT   NOT NULL,
    PRIMARY KEY (organization_id, channel_id, state, shard)
);
CREATE TABLE case_due_tally
(
    organization_id UUID     NOT NULL,
    due_day         DATE     NOT NULL,
    shard           SMALLINT NOT NULL,
    n               BIGINT   NOT NULL,
    PRIMARY KEY (organization_id, due_day, shard)
);
CREATE TABLE case_delay_tally
(
    organization_id UUID     NOT NULL,
    kind            TEXT     NOT NULL CHECK (kind IN ('ACKNOWLEDGEMENT', 'FEEDBACK')),
    received_day    DATE     NOT NULL,
    hours           INT      NOT NULL,
    shard           SMALLINT NOT NULL,
    n               BIGINT   NOT NULL,
    PRIMARY KEY (organization_id, kind, received_day, hours, shard)
);
CREATE TABLE deadline_breach_tally
(
    organization_id UUID     NOT NULL,
    day             DATE     NOT NULL,
    shard           SMALLINT NOT NULL,
    n               BIGINT   NOT NULL,
    PRIMARY KEY (organization_id, day, shard)
);

-- Adds delta (+1 or -1) for one case row to the tallies it counts in.
CREATE FUNCTION case_tallies_add(c case_file, delta INT, states BOOLEAN, due BOOLEAN, delays BOOLEAN) RETURNS void
    LANGUAGE plpgsql AS
$$
DECLARE
    pick SMALLINT := floor(random() * 16)::smallint;
BEGIN
    IF states THEN
        INSERT INTO case_tally AS t (organization_id, channel_id, state, shard, n)
        VALUES (c.organization_id, c.channel_id, c.state, pick, delta)
        ON CONFLICT (organization_id, channel_id, state, shard) DO UPDATE SET n = t.n + excluded.n;
    END IF;
    IF due AND c.next_due_at IS NOT NULL THEN
        INSERT INTO case_due_tally AS t (organization_id, due_day, shard, n)
        VALUES (c.organization_id, (c.next_due_at AT TIME ZONE 'UTC')::date, pick, delta)
        ON CONFLICT (organization_id, due_day, shard) DO UPDATE SET n = t.n + excluded.n;
    END IF;
    IF delays AND c.acknowledged_at IS NOT NULL THEN
        INSERT INTO case_delay_tally AS t (organization_id, kind, received_day, hours, shard, n)
        VALUES (c.organization_id, 'ACKNOWLEDGEMENT', (c.received_at AT TIME ZONE 'UTC')::date,
                floor(extract(epoch FROM c.acknowledged_at - c.received_at) / 3600)::int, pick, delta)
        ON CONFLICT (organization_id, kind, received_day, hours, shard) DO UPDATE SET n = t.n + excluded.n;
    END IF;
    IF delays AND c.feedback_at IS NOT NULL THEN
        INSERT INTO case_delay_tally AS t (organization_id, kind, received_day, hours, shard, n)
        VALUES (c.organization_id, 'FEEDBACK', (c.received_at AT TIME ZONE 'UTC')::date,
                floor(extract(epoch FROM c.feedback_at - c.received_at) / 3600)::int, pick, delta)
        ON CONFLICT (organization_id, kind, received_day, hours, shard) DO UPDATE SET n = t.n + excluded.n;
    END IF;
END
$$;

-- New cases, per statement (a bulk load counts in one pass).
CREATE FUNCTION case_tallies_inserted() RETURNS trigger
    LANGUAGE plpgsql AS
$$
DECLARE
    pick SMALLINT := floor(random() * 16)::smallint;
BEGIN
    INSERT INTO case_tally AS t (organization_id, channel_id, state, shard, n)
    SELECT organization_id, channel_id, state, pick, count(*) FROM inserted GROUP BY 1, 2, 3
    ON CONFLICT (organization_id, channel_id, state, shard) DO UPDATE SET n = t.n + excluded.n;
    INSERT INTO case_due_tally AS t (organization_id, due_day, shard, n)
    SELECT organization_id, (next_due_at AT TIME ZONE 'UTC')::date, pick, count(*) FROM inserted
    WHERE next_due_at IS NOT NULL GROUP BY 1, 2
    ON CONFLICT (organization_id, due_day, shard) DO UPDATE SET n = t.n + excluded.n;
    INSERT INTO case_delay_tally AS t (organization_id, kind, received_day, hours, shard, n)
    SELECT organization_id, kind, received_day, hours, pick, count(*)
    FROM (SELECT organization_id, 'ACKNOWLEDGEMENT' AS kind, (received_at AT TIME ZONE 'UTC')::date AS received_day,
                 floor(extract(epoch FROM acknowledged_at - received_at) / 3600)::int AS hours
          FROM inserted WHERE acknowledged_at IS NOT NULL
          UNION ALL
          SELECT organization_id, 'FEEDBACK', (received_at AT TIME ZONE 'UTC')::date,
                 floor(extract(epoch FROM feedback_at - received_at) / 3600)::int
          FROM inserted WHERE feedback_at IS NOT NULL) d
    GROUP BY 1, 2, 3, 4
    ON CONFLICT (organization_id, kind, received_day, hours, shard) DO UPDATE SET n = t.n + excluded.n;
    RETURN NULL;
END
$$;

-- A changed or deleted case moves between counts; only the tallies whose inputs changed are touched.
CREATE FUNCTION case_tallies_changed() RETURNS trigger
    LANGUAGE plpgsql AS
$$
DECLARE
    states BOOLEAN := TG_OP = 'DELETE' OR OLD.state IS DISTINCT FROM NEW.state
        OR OLD.channel_id IS DISTINCT FROM NEW.channel_id OR OLD.organization_id IS DISTINCT FROM NEW.organization_id;
    due BOOLEAN := TG_OP = 'DELETE' OR OLD.next_due_at IS DISTINCT FROM NEW.next_due_at
        OR OLD.organization_id IS DISTINCT FROM NEW.organization_id;
    delays BOOLEAN := TG_OP = 'DELETE' OR OLD.acknowledged_at IS DISTINCT FROM NEW.acknowledged_at
        OR OLD.feedback_at IS DISTINCT FROM NEW.feedback_at OR OLD.received_at IS DISTINCT FROM NEW.received_at
        OR OLD.organization_id IS DISTINCT FROM NEW.organization_id;
BEGIN
    PERFORM case_tallies_add(OLD, -1, states, due, delays);
    IF TG_OP = 'UPDATE' THEN
        PERFORM case_tallies_add(NEW, 1, states, due, delays);
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER case_tallies_inserted
    AFTER INSERT ON case_file REFERENCING NEW TABLE AS inserted
    FOR EACH STATEMENT EXECUTE FUNCTION case_tallies_inserted();
CREATE TRIGGER case_tallies_updated
    AFTER UPDATE ON case_file FOR EACH ROW
    WHEN (OLD.state IS DISTINCT FROM NEW.state OR OLD.channel_id IS DISTINCT FROM NEW.channel_id
        OR OLD.next_due_at IS DISTINCT FROM NEW.next_due_at OR OLD.acknowledged_at IS DISTINCT FROM NEW.acknowledged_at
        OR OLD.feedback_at IS DISTINCT FROM NEW.feedback_at OR OLD.received_at IS DISTINCT FROM NEW.received_at
        OR OLD.organization_id IS DISTINCT FROM NEW.organization_id)
    EXECUTE FUNCTION case_tallies_changed();
CREATE TRIGGER case_tallies_deleted
    AFTER DELETE ON case_file FOR EACH ROW EXECUTE FUNCTION case_tallies_changed();

-- Breaches: the deadline job marks many rows in one statement, so this one works per statement.
CREATE FUNCTION deadline_breach_tallies() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    INSERT INTO deadline_breach_tally AS t (organization_id, day, shard, n)
    SELECT organization_id, day, floor(random() * 16)::smallint, sum(s)
    FROM (SELECT organization_id, (changed_at AT TIME ZONE 'UTC')::date AS day, 1 AS s FROM after_rows WHERE status = 'BREACHED'
          UNION ALL
          SELECT organization_id, (changed_at AT TIME ZONE 'UTC')::date, -1 FROM before_rows WHERE status = 'BREACHED') b
    GROUP BY 1, 2 HAVING sum(s) <> 0
    ON CONFLICT (organization_id, day, shard) DO UPDATE SET n = t.n + excluded.n;
    RETURN NULL;
END
$$;
CREATE TRIGGER deadline_breach_tallies
    AFTER UPDATE ON deadline REFERENCING OLD TABLE AS before_rows NEW TABLE AS after_rows
    FOR EACH STATEMENT EXECUTE FUNCTION deadline_breach_tallies();

-- Counts everything afresh: after this migration, and after a bulk load that ran without triggers.
CREATE FUNCTION case_tallies_rebuild() RETURNS void
    LANGUAGE plpgsql AS
$$
BEGIN
    DELETE FROM case_tally;
    DELETE FROM case_due_tally;
    DELETE FROM case_delay_tally;
    DELETE FROM deadline_breach_tally;
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
    INSERT INTO deadline_breach_tally (organization_id, day, shard, n)
    SELECT organization_id, (changed_at AT TIME ZONE 'UTC')::date, 0, count(*) FROM deadline
    WHERE status = 'BREACHED' GROUP BY 1, 2;
END
$$;

SELECT case_tallies_rebuild();
