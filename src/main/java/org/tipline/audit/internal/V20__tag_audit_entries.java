package org.tipline.audit.internal;

import java.util.UUID;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.springframework.stereotype.Component;
import org.tipline.crypto.Randomness;
import org.tipline.crypto.ServerSecrets;

/**
 * Gives every audit entry a nonce and its integrity tag, and makes both as unchangeable as the
 * rest of an entry. A Java migration because the tag needs the pepper. The append-only trigger is
 * off only inside this migration's transaction, as the owner.
 */
@Component
class V20__tag_audit_entries extends BaseJavaMigration {

    private final ServerSecrets secrets;

    V20__tag_audit_entries(ServerSecrets secrets) {
        this.secrets = secrets;
    }

    @Override
    public void migrate(Context context) throws Exception {
        var connection = context.getConnection();
        try (var statement = connection.createStatement()) {
            statement.execute("ALTER TABLE audit_entry ADD COLUMN nonce BYTEA, ADD COLUMN tag BYTEA");
            statement.execute("ALTER TABLE audit_entry DISABLE TRIGGER audit_entry_append_only");
        }
        try (var select = connection.prepareStatement(
                        "SELECT id, organization_id, occurred_at, actor, action, subject FROM audit_entry");
                var update = connection.prepareStatement("UPDATE audit_entry SET nonce = ?, tag = ? WHERE id = ?");
                var rows = select.executeQuery()) {
            int batched = 0;
            while (rows.next()) {
                var nonce = Randomness.bytes(16);
                update.setBytes(1, nonce);
                update.setBytes(
                        2,
                        EntryTag.of(
                                secrets,
                                nonce,
                                rows.getObject(2, UUID.class),
                                rows.getTimestamp(3).toInstant(),
                                rows.getString(4),
                                rows.getString(5),
                                rows.getString(6)));
                update.setLong(3, rows.getLong(1));
                update.addBatch();
                if (++batched % 1000 == 0) {
                    update.executeBatch();
                }
            }
            update.executeBatch();
        }
        try (var statement = connection.createStatement()) {
            statement.execute("ALTER TABLE audit_entry ENABLE TRIGGER audit_entry_append_only");
            statement.execute("ALTER TABLE audit_entry ALTER COLUMN nonce SET NOT NULL, ALTER COLUMN tag SET NOT NULL");
            statement.execute("CREATE UNIQUE INDEX audit_entry_tag_idx ON audit_entry (tag)");
            statement.execute("""
                    CREATE INDEX audit_entry_alert_idx ON audit_entry (organization_id, id)
                        WHERE action = 'integrity.alert'""");
            statement.execute("""
                    CREATE OR REPLACE FUNCTION audit_entry_append_only() RETURNS trigger
                        LANGUAGE plpgsql AS
                    $$
                    BEGIN
                        IF TG_OP IN ('DELETE', 'TRUNCATE') THEN
                            RAISE EXCEPTION 'audit entries cannot be deleted';
                        END IF;
                        IF OLD.chain_seq IS NOT NULL
                            OR NEW.organization_id IS DISTINCT FROM OLD.organization_id
                            OR NEW.occurred_at IS DISTINCT FROM OLD.occurred_at
                            OR NEW.actor IS DISTINCT FROM OLD.actor
                            OR NEW.action IS DISTINCT FROM OLD.action
                            OR NEW.subject IS DISTINCT FROM OLD.subject
                            OR NEW.nonce IS DISTINCT FROM OLD.nonce
                            OR NEW.tag IS DISTINCT FROM OLD.tag THEN
                            RAISE EXCEPTION 'audit entries cannot be changed';
                        END IF;
                        RETURN NEW;
                    END
                    $$""");
            statement.execute("""
                    CREATE TRIGGER audit_entry_no_truncate BEFORE TRUNCATE ON audit_entry
                        FOR EACH STATEMENT EXECUTE FUNCTION audit_entry_append_only()""");
        }
    }
}
