-- Runs after every migration, as the owner: what the runtime role may do, re-applied so that new
-- tables are covered. It reads and writes rows; on the audit log it may insert, read, and fill in
-- the chain columns (the trigger allows that once, on rows not yet chained); on the reward ledger it
-- may insert and read; it cannot truncate,
-- disable triggers, alter tables or touch Flyway's history. Nothing is granted when the runtime
-- role is the owner itself (an external database set up with one role: see docs/operations.md).
DO
$$
BEGIN
    IF '${runtimeRole}' <> '' AND '${runtimeRole}' <> current_user THEN
        EXECUTE 'GRANT USAGE ON SCHEMA public TO ${runtimeRole}';
        EXECUTE 'GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${runtimeRole}';
        EXECUTE 'GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${runtimeRole}';
        EXECUTE 'REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON audit_entry FROM ${runtimeRole}';
        EXECUTE 'GRANT UPDATE (chain_seq, previous_mac, mac) ON audit_entry TO ${runtimeRole}';
        EXECUTE 'REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON reward_ledger FROM ${runtimeRole}';
        EXECUTE 'REVOKE ALL ON flyway_schema_history FROM ${runtimeRole}';
    END IF;
END
$$;
