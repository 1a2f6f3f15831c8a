package org.tipline.audit;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.tipline.crypto.ServerSecrets;
import org.tipline.shared.OrganizationId;

/**
 * The audit log: records staff and reporter actions and proves that no entry was changed or
 * removed afterwards.
 *
 * <p>Implementation notes: {@link #record} inserts an entry in the caller's transaction, so an
 * action and its entry commit or roll back together, and busy paths never wait for each other.
 * {@link #chainPending} then gives unchained entries, per organisation and in insertion order, a
 * sequence number and a MAC over the previous MAC and the entry's fields
 * (HMAC-SHA256 with the server pepper, so a database-only attacker cannot rebuild the chain). It
 * runs every second under a PostgreSQL advisory lock, so N nodes chain once. A trigger forbids
 * updates and deletes except that one fill. The gap between insert and chain is named in the
 * threat model.
 */
@Service
public class AuditLog {

    /** The organisation of installation-wide entries (e.g. a login for an unknown address). */
    public static final OrganizationId INSTALLATION = new OrganizationId(new UUID(0, 0));

    private static final byte[] GENESIS = new byte[32];

    private final JdbcClient jdbc;
    private final org.springframework.jdbc.core.JdbcTemplate jdbcTemplate;
    private final ServerSecrets secrets;
    private final Clock clock;

    AuditLog(
            JdbcClient jdbc,
            org.springframework.jdbc.core.JdbcTemplate jdbcTemplate,
            ServerSecrets secrets,
            Clock clock) {
        this.jdbc = jdbc;
        this.jdbcTemplate = jdbcTemplate;
        this.secrets = secrets;
        this.clock = clock;
    }

    /**
     * Records that {@code actor} did {@code event} in {@code organization}, in the current
     * transaction: the entry commits or rolls back with the action.
     *
     * @param organization the organisation, or {@link #INSTALLATION}
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void record(OrganizationId organization, Actor actor, AuditEvent event) {
        jdbc.sql("""
                INSERT INTO audit_entry (organization_id, occurred_at, actor, action, subject)
                VALUES (?, ?, ?, ?, ?)""")
                .params(
                        organization.value(),
                        java.sql.Timestamp.from(now()),
                        actor.name(),
                        event.action(),
                        event.subject())
                .update();
    }

    /** Records an entry in a transaction of its own, for actions that roll back (a failed login). */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void recordAlone(OrganizationId organization, Actor actor, AuditEvent event) {
        record(organization, actor, event);
    }

    /** Chains every entry not yet chained; returns how many it chained. */
    @Scheduled(fixedDelayString = "${tipline.audit.chain-interval:1s}")
    @Transactional
    public int chainPending() {
        var organizations = jdbc.sql("SELECT DISTINCT organization_id FROM audit_entry WHERE chain_seq IS NULL")
                .query(UUID.class)
                .list();
        int chained = 0;
        for (var organization : organizations) {
            chained += chain(organization);
        }
        return chained;
    }

    private int chain(UUID organization) {
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtextextended(?, 7))")
                .param("audit:" + organization)
                .query()
                .singleValue();
        var last = jdbc.sql("""
                SELECT chain_seq, mac FROM audit_entry
                WHERE organization_id = ? AND chain_seq IS NOT NULL
                ORDER BY chain_seq DESC LIMIT 1""")
                .param(organization)
                .query((rs, i) -> new Link(rs.getLong(1), rs.getBytes(2)))
                .optional()
                .orElse(new Link(0, GENESIS));
        var pending = jdbc.sql("""
                SELECT id, organization_id, occurred_at, actor, action, subject FROM audit_entry
                WHERE organization_id = ? AND chain_seq IS NULL ORDER BY id LIMIT 10000""").param(organization).query(AuditLog::entry).list();
        long seq = last.seq();
        byte[] previous = last.mac();
        var updates = new ArrayList<Object[]>(pending.size());
        for (var entry : pending) {
            seq++;
            var mac = mac(previous, seq, entry);
            updates.add(new Object[] {seq, previous, mac, entry.id()});
            previous = mac;
        }
        if (!updates.isEmpty()) {
            // one batch, one round trip
            jdbcTemplate.batchUpdate(
                    "UPDATE audit_entry SET chain_seq = ?, previous_mac = ?, mac = ? WHERE id = ?", updates);
        }
        return pending.size();
    }

    /**
     * Checks the chain of one organisation from its first entry to its last.
     *
     * @return the number of entries checked and the first broken one, if any
     */
    @Transactional(readOnly = true)
    public Verification verify(OrganizationId organization) {
        var rows = jdbc.sql("""
                SELECT id, organization_id, occurred_at, actor, action, subject, chain_seq, previous_mac, mac
                FROM audit_entry WHERE organization_id = ? AND chain_seq IS NOT NULL ORDER BY chain_seq""")
                .param(organization.value())
                .query((rs, i) -> new Chained(entry(rs, i), rs.getLong(7), rs.getBytes(8), rs.getBytes(9)))
                .list();
        byte[] previous = GENESIS;
        long expected = 0;
        for (var row : rows) {
            expected++;
            if (row.seq() != expected
                    || !Arrays.equals(row.previousMac(), previous)
                    || !Arrays.equals(row.mac(), mac(previous, row.seq(), row.entry()))) {
                return new Verification(false, rows.size(), row.seq());
            }
            previous = row.mac();
        }
        return new Verification(true, rows.size(), null);
    }

    /** Lists an organisation's most recent chained entries, newest first. */
    @Transactional(readOnly = true)
    public List<Entry> recent(OrganizationId organization, int limit) {
        return jdbc.sql("""
                SELECT id, organization_id, occurred_at, actor, action, subject FROM audit_entry
                WHERE organization_id = ? ORDER BY id DESC LIMIT ?""")
                .params(organization.value(), limit)
                .query(AuditLog::entry)
                .list();
    }

    private byte[] mac(byte[] previous, long seq, Entry entry) {
        var fields = String.join(
                "\u0000",
                entry.organizationId().toString(),
                Long.toString(ChronoUnit.MICROS.between(Instant.EPOCH, entry.occurredAt())),
                entry.actor(),
                entry.action(),
                entry.subject() == null ? "" : entry.subject());
        var bytes = fields.getBytes(StandardCharsets.UTF_8);
        var input = ByteBuffer.allocate(previous.length + Long.BYTES * 2 + bytes.length)
                .put(previous)
                .putLong(seq)
                .putLong(entry.id())
                .put(bytes)
                .array();
        return secrets.lookup("audit-chain", input);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private static Entry entry(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new Entry(
                rs.getLong(1),
                rs.getObject(2, UUID.class),
                rs.getTimestamp(3).toInstant(),
                rs.getString(4),
                rs.getString(5),
                rs.getString(6));
    }

    /** One audit entry as stored. */
    public record Entry(
            long id,
            UUID organizationId,
            Instant occurredAt,
            String actor,
            String action,
            @Nullable String subject) {}

    /**
     * The outcome of {@link #verify}.
     *
     * @param intact true when every MAC matches and no sequence number is missing
     * @param entries how many chained entries were checked
     * @param firstBroken the sequence number of the first entry that does not match
     */
    public record Verification(
            boolean intact, long entries, @Nullable Long firstBroken) {}

    private record Link(long seq, byte[] mac) {}

    private record Chained(Entry entry, long seq, byte[] previousMac, byte[] mac) {}
}
