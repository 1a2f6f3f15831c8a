package org.tipline.channels.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.UUID;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.springframework.stereotype.Component;
import org.tipline.crypto.ServerSecrets;

/**
 * Gives every channel the integrity tag of its recipient set. A Java migration because the tag
 * needs the pepper; it runs once, as the owner, so a tag that goes missing later is never written
 * again by itself.
 */
@Component
class V19__tag_channel_recipients extends BaseJavaMigration {

    private final ServerSecrets secrets;

    V19__tag_channel_recipients(ServerSecrets secrets) {
        this.secrets = secrets;
    }

    @Override
    public void migrate(Context context) throws Exception {
        var connection = context.getConnection();
        try (var alter = connection.createStatement()) {
            alter.execute("ALTER TABLE channel ADD COLUMN recipients_tag BYTEA");
        }
        var recipients = new HashMap<UUID, List<UUID>>();
        try (var select = connection.prepareStatement("SELECT channel_id, staff_id FROM channel_recipient");
                var rows = select.executeQuery()) {
            while (rows.next()) {
                recipients
                        .computeIfAbsent(rows.getObject(1, UUID.class), id -> new ArrayList<>())
                        .add(rows.getObject(2, UUID.class));
            }
        }
        try (var select =
                        connection.prepareStatement("SELECT id, organization_id, questionnaire_version FROM channel");
                var update = connection.prepareStatement("UPDATE channel SET recipients_tag = ? WHERE id = ?");
                var rows = select.executeQuery()) {
            while (rows.next()) {
                var id = rows.getObject(1, UUID.class);
                update.setBytes(
                        1,
                        RecipientSetTag.of(
                                secrets,
                                id,
                                rows.getObject(2, UUID.class),
                                rows.getInt(3),
                                recipients.getOrDefault(id, List.of())));
                update.setObject(2, id);
                update.addBatch();
            }
            update.executeBatch();
        }
        try (var alter = connection.createStatement()) {
            alter.execute("ALTER TABLE channel ALTER COLUMN recipients_tag SET NOT NULL");
        }
    }
}
