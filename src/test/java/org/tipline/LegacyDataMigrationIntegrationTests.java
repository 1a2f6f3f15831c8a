package org.tipline;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.migration.JavaMigration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.tipline.accounts.internal.StaffKeyTag;
import org.tipline.audit.internal.EntryTag;
import org.tipline.channels.internal.RecipientSetTag;
import org.tipline.crypto.PrivateKey;
import org.tipline.crypto.ServerSecrets;
import org.tipline.shared.internal.DatabaseAdministrator;
import org.tipline.support.IntegrationTest;

/**
 * An installation from before integrity tags: its staff keys, channel recipient sets and audit
 * entries get their tags from the migrations, once, and the append-only rule then covers them.
 */
@IntegrationTest
class LegacyDataMigrationIntegrationTests {

    @Autowired
    DatabaseAdministrator database;

    @Autowired
    ApplicationContext context;

    @Autowired
    ServerSecrets secrets;

    @Test
    void rowsFromBeforeTheTagsGetThem() {
        var name = "legacy_" + UUID.randomUUID().toString().replace("-", "");
        var source = database.createDatabase(name);
        try {
            flyway(source).target("17").load().migrate();
            var owner = JdbcClient.create(source);
            var organization = UUID.randomUUID();
            var staff = UUID.randomUUID();
            var channel = UUID.randomUUID();
            var publicKey = PrivateKey.generate().publicKey().toBytes();
            var at = Timestamp.from(Instant.now().truncatedTo(ChronoUnit.MICROS));
            owner.sql("INSERT INTO organization (id, name, created_at, slug, home) VALUES (?, 'Old', ?, 'old', TRUE)")
                    .params(organization, at)
                    .update();
            owner.sql("""
                    INSERT INTO staff (id, organization_id, email, display_name, status, password_salt, password_verifier,
                                       totp_secret, public_key, private_key_by_password, recovery_salt,
                                       private_key_by_recovery, created_at, password_scheme)
                    VALUES (?, ?, 'old@example.org', 'Old', 'ACTIVE', '\\x00', '\\x00', '\\x00', ?, '\\x00', '\\x00',
                            '\\x00', ?, 1)""").params(staff, organization, publicKey, at).update();
            owner.sql("""
                    INSERT INTO channel (id, organization_id, slug, name, public_text, receipt_format,
                                         questionnaire_version, created_at, updated_at)
                    VALUES (?, ?, 'report', 'Old channel', '', 'LETTERS', 3, ?, ?)""").params(channel, organization, at, at).update();
            owner.sql("INSERT INTO channel_recipient (channel_id, organization_id, staff_id) VALUES (?, ?, ?)")
                    .params(channel, organization, staff)
                    .update();
            for (int i = 0; i < 3; i++) {
                owner.sql("""
                        INSERT INTO audit_entry (organization_id, occurred_at, actor, action, subject, chain_seq)
                        VALUES (?, ?, 'system', 'old.entry', ?, ?)""")
                        .params(organization, at, i == 0 ? null : "n:" + i, i == 2 ? null : (long) i + 1)
                        .update();
            }

            flyway(source).load().migrate();

            var staffTag = owner.sql("SELECT key_tag FROM staff WHERE id = ?")
                    .param(staff)
                    .query(byte[].class)
                    .single();
            assertThat(StaffKeyTag.verify(secrets, staffTag, staff, organization, "ACTIVE", publicKey))
                    .isTrue();
            assertThat(StaffKeyTag.verify(secrets, staffTag, staff, organization, "DEACTIVATED", publicKey))
                    .isFalse();
            var channelTag = owner.sql("SELECT recipients_tag FROM channel WHERE id = ?")
                    .param(channel)
                    .query(byte[].class)
                    .single();
            assertThat(RecipientSetTag.verify(secrets, channelTag, channel, organization, 3, List.of(staff)))
                    .isTrue();
            assertThat(RecipientSetTag.verify(secrets, channelTag, channel, organization, 2, List.of(staff)))
                    .isFalse();
            var entries = owner.sql("SELECT occurred_at, actor, action, subject, nonce, tag FROM audit_entry")
                    .query((rs, i) -> Arrays.equals(
                            rs.getBytes(6),
                            EntryTag.of(
                                    secrets,
                                    rs.getBytes(5),
                                    organization,
                                    rs.getTimestamp(1).toInstant(),
                                    rs.getString(2),
                                    rs.getString(3),
                                    rs.getString(4))))
                    .list();
            assertThat(entries).hasSize(3).containsOnly(true);
            assertThat(owner.sql(
                                    "SELECT count(*) FROM pg_trigger WHERE tgrelid = 'audit_entry'::regclass AND tgenabled = 'O'")
                            .query(Long.class)
                            .single())
                    .as("the append-only triggers are on again")
                    .isEqualTo(2);
        } finally {
            database.dropDatabase(name);
        }
    }

    private FluentConfiguration flyway(DataSource source) {
        return Flyway.configure()
                .dataSource(source)
                .locations("classpath:db/migration")
                .placeholders(Map.of("runtimeRole", ""))
                .javaMigrations(
                        context.getBeansOfType(JavaMigration.class).values().toArray(JavaMigration[]::new));
    }
}
