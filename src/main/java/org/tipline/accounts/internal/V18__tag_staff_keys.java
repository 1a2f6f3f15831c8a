package org.tipline.accounts.internal;

import java.util.UUID;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.springframework.stereotype.Component;
import org.tipline.crypto.ServerSecrets;

/**
 * Gives every staff row its integrity tag. A Java migration because the tag needs the pepper; it
 * runs once, as the owner, so a tag that goes missing later is never written again by itself.
 */
@Component
class V18__tag_staff_keys extends BaseJavaMigration {

    private final ServerSecrets secrets;

    V18__tag_staff_keys(ServerSecrets secrets) {
        this.secrets = secrets;
    }

    @Override
    public void migrate(Context context) throws Exception {
        var connection = context.getConnection();
        try (var alter = connection.createStatement()) {
            alter.execute("ALTER TABLE staff ADD COLUMN key_tag BYTEA");
        }
        try (var select = connection.prepareStatement("SELECT id, organization_id, status, public_key FROM staff");
                var update = connection.prepareStatement("UPDATE staff SET key_tag = ? WHERE id = ?");
                var rows = select.executeQuery()) {
            while (rows.next()) {
                var id = rows.getObject(1, UUID.class);
                update.setBytes(
                        1,
                        StaffKeyTag.of(
                                secrets, id, rows.getObject(2, UUID.class), rows.getString(3), rows.getBytes(4)));
                update.setObject(2, id);
                update.addBatch();
            }
            update.executeBatch();
        }
        try (var alter = connection.createStatement()) {
            alter.execute("ALTER TABLE staff ALTER COLUMN key_tag SET NOT NULL");
        }
    }
}
