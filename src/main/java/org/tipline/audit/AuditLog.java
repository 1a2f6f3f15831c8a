package org.tipline.audit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.tipline.audit.internal.ChainAnchor;
import org.tipline.audit.internal.EntryTag;
import org.tipline.crypto.Randomness;
import org.tipline.crypto.ServerSecrets;
import org.tipline.shared.OrganizationId;

/**
 * The audit log: records staff and reporter actions and proves that no entry was changed, added
 * or removed afterwards.
 *
 * <p>Implementation notes: {@link #record} inserts an entry in the caller's transaction, so an
 * action and its entry commit or roll back together, and busy paths never wait for each other.
 * Each entry carries from its insert a random nonce and a tag (HMAC with the pepper over the nonce
 * and its fields), so an entry forged through the database is recognised even before it is
 * chained. {@link #chainPending} then gives unchained entries, per organisation and in insertion
 * order, a sequence number and a MAC over the previous MAC and the entry's fields (HMAC-SHA256 with
 * the pepper, so a database-only attacker cannot rebuild the chain). It runs every second under a
 * PostgreSQL advisory lock, so N nodes chain once. A trigger forbids updates and deletes except
 * that one fill. Each chain head is anchored in a file outside the database ({@link ChainAnchor}):
 * a chain that lost its anchored head was truncated or replaced, which raises an integrity alert.
 * Heads are logged daily so that they can be kept elsewhere too. The gap between insert and chain
 * is named in the threat model.
 */
@Service
public class AuditLog {

    /** The organisation of installation-wide entries (e.g. a login for an unknown address). */
    public static final OrganizationId INSTALLATION = new OrganizationId(new UUID(0, 0));

    /** The subject of the alert raised when a chain no longer holds its anchored head. */
    public static final String CHAIN_SUBJECT = "audit-chain";

    private static final Logger log = LoggerFactory.getLogger(AuditLog.class);

    private static final byte[] GENESIS = new byte[32];

    private static final String ENTRY_COLUMNS = "id, organization_id, occurred_at, actor, action, subject, nonce, tag";

    private final Cache<String, Boolean> recentAlerts = Caffeine.newBuilder()
            .maximumSize(10_000)
            .expireAfterWrite(Duration.ofMinutes(15))
            .build();

    private final JdbcClient jdbc;
    private final JdbcTemplate jdbcTemplate;
    private final ServerSecrets secrets;
    private final ChainAnchor anchor;
    private final Clock clock;

    AuditLog(JdbcClient jdbc, JdbcTemplate jdbcTemplate, ServerSecrets secrets, ChainAnchor anchor, Clock clock) {
        this.jdbc = jdbc;
        this.jdbcTemplate = jdbcTemplate;
        this.secrets = secrets;
        this.anchor = anchor;
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
        var occurredAt = now();
        var nonce = Randomness.bytes(16);
        jdbc.sql("""
                INSERT INTO audit_entry (organization_id, occurred_at, actor, action, subject, nonce, tag)
                VALUES (?, ?, ?, ?, ?, ?, ?)""")
                .params(
                        organization.value(),
                        Timestamp.from(occurredAt),
                        actor.name(),
                        event.action(),
                        event.subject(),
                        nonce,
                        EntryTag.of(
                                secrets,
                                nonce,
                                organization.value(),
                                occurredAt,
                                actor.name(),
                                event.action(),
                                event.subject()))
                .update();
    }

    /** Records an entry in a transaction of its own, for actions that roll back (a failed login). */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void recordAlone(OrganizationId organization, Actor actor, AuditEvent event) {
        record(organization, actor, event);
    }

    /**
     * Records an integrity alert in a transaction of its own (the request that found it fails) and
     * in the log, by subject only. The same alert is recorded at most once per quarter of an hour on
     * this node, so that a flood of requests against a tampered row does not flood the log.
     */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void alert(OrganizationId organization, IntegrityAlert alert) {
        raise(organization, alert);
    }

    private void raise(OrganizationId organization, IntegrityAlert alert) {
        if (recentAlerts.asMap().putIfAbsent(organization.value() + "/" + alert.subject(), Boolean.TRUE) != null) {
            return;
        }
        log.error("Integrity alert in organisation {}: {} is not what Tipline wrote", organization, alert.subject());
        record(organization, Actor.SYSTEM, alert);
    }

    /**
     * Chains every entry not yet chained and anchors the new heads once that commits; returns how
     * many entries it chained. An entry without its tag is chained too (the log keeps everything)
     * and raises an alert.
     */
    @Scheduled(fixedDelayString = "${tipline.audit.chain-interval:1s}")
    @Transactional
    public int chainPending() {
        var organizations = jdbc.sql("SELECT DISTINCT organization_id FROM audit_entry WHERE chain_seq IS NULL")
                .query(UUID.class)
                .list();
        int chained = 0;
        var heads = new HashMap<UUID, ChainAnchor.Head>();
        for (var organization : organizations) {
            chained += chain(organization, heads);
        }
        anchorAfterCommit(heads);
        return chained;
    }

    private int chain(UUID organization, Map<UUID, ChainAnchor.Head> heads) {
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtextextended(?, 7))")
                .param("audit:" + organization)
                .query()
                .singleValue();
        var last = head(organization).orElse(new Link(0, GENESIS));
        var holdsAnchor = holdsAnchor(organization, last, true);
        var pending = jdbc.sql("SELECT " + ENTRY_COLUMNS
                        + " FROM audit_entry WHERE organization_id = ? AND chain_seq IS NULL ORDER BY id LIMIT 10000")
                .param(organization)
                .query(AuditLog::tagged)
                .list();
        long seq = last.seq();
        byte[] previous = last.mac();
        var updates = new ArrayList<Object[]>(pending.size());
        for (var entry : pending) {
            if (!carriesTag(entry)) {
                raise(
                        new OrganizationId(organization),
                        new IntegrityAlert("audit:" + entry.entry().id()));
            }
            seq++;
            var mac = mac(previous, seq, entry.entry());
            updates.add(new Object[] {seq, previous, mac, entry.entry().id()});
            previous = mac;
        }
        if (!updates.isEmpty()) {
            // one batch, one round trip
            jdbcTemplate.batchUpdate(
                    "UPDATE audit_entry SET chain_seq = ?, previous_mac = ?, mac = ? WHERE id = ?", updates);
        }
        if (holdsAnchor && seq > 0) {
            heads.put(organization, new ChainAnchor.Head(seq, previous, now()));
        }
        return pending.size();
    }

    /**
     * Compares every organisation's chain with its anchor outside the database: raises an alert for
     * a chain that lost its anchored head, and anchors the heads of the others. Runs at start-up
     * and every minute.
     */
    @EventListener(ApplicationReadyEvent.class)
    @Scheduled(
            fixedDelayString = "${tipline.audit.anchor-interval:60s}",
            initialDelayString = "${tipline.audit.anchor-interval:60s}")
    @Transactional
    public void checkAnchors() {
        var heads = new HashMap<UUID, ChainAnchor.Head>();
        var organizations = new TreeSet<>(anchor.heads().keySet());
        organizations.addAll(organizationsWithChains());
        for (var organization : organizations) {
            var head = head(organization);
            if (holdsAnchor(organization, head.orElse(new Link(0, GENESIS)), true) && head.isPresent()) {
                heads.put(
                        organization,
                        new ChainAnchor.Head(head.get().seq(), head.get().mac(), now()));
            }
        }
        anchorAfterCommit(heads);
    }

    /** Writes every organisation's chain head to the log, daily, so that it can be kept elsewhere. */
    @Scheduled(cron = "${tipline.audit.head-log-cron:0 0 4 * * *}")
    @Transactional(readOnly = true)
    public void logHeads() {
        for (var organization : organizationsWithChains()) {
            var state = state(new OrganizationId(organization));
            log.info(
                    "Audit chain head of organisation {}: sequence {}, MAC {}, {}",
                    organization,
                    state.sequence(),
                    state.mac(),
                    switch (state.anchor()) {
                        case HOLDS -> "anchored";
                        case NOT_YET -> "not anchored yet";
                        case BROKEN -> "NO LONGER HOLDS ITS ANCHORED HEAD " + state.anchoredSequence();
                    });
        }
    }

    /** Returns the head of an organisation's chain and how it stands against its anchor. */
    @Transactional(readOnly = true)
    public ChainState state(OrganizationId organization) {
        var head = head(organization.value());
        var anchored = anchor.head(organization.value());
        var anchoring = anchored.isEmpty()
                ? Anchoring.NOT_YET
                : holdsAnchor(organization.value(), head.orElse(new Link(0, GENESIS)), false)
                        ? Anchoring.HOLDS
                        : Anchoring.BROKEN;
        return new ChainState(
                head.map(Link::seq).orElse(0L),
                head.map(link -> HexFormat.of().formatHex(link.mac())).orElse(""),
                anchored.map(ChainAnchor.Head::sequence).orElse(null),
                anchored.map(ChainAnchor.Head::at).orElse(null),
                anchoring);
    }

    /**
     * Checks the chain of one organisation from its first entry to its last, the tag of every entry
     * (chained or not), and the anchor.
     *
     * @return what was checked and the first break found, if any
     */
    @Transactional(readOnly = true)
    public Verification verify(OrganizationId organization) {
        var untagged = new long[1];
        var broken = new Long[1];
        var checked = new long[1];
        var previous = new byte[][] {GENESIS};
        // streamed: a long chain is never held in memory at once
        jdbcTemplate.query(
                con -> {
                    var statement = con.prepareStatement(
                            "SELECT " + ENTRY_COLUMNS + ", chain_seq, previous_mac, mac FROM audit_entry"
                                    + " WHERE organization_id = ? ORDER BY chain_seq NULLS LAST, id");
                    statement.setObject(1, organization.value());
                    statement.setFetchSize(1000);
                    return statement;
                },
                rs -> {
                    var entry = tagged(rs, 0);
                    if (!carriesTag(entry)) {
                        untagged[0]++;
                    }
                    var seq = rs.getObject(9, Long.class);
                    if (seq == null) {
                        return;
                    }
                    checked[0]++;
                    if (broken[0] == null
                            && (seq != checked[0]
                                    || !Arrays.equals(rs.getBytes(10), previous[0])
                                    || !Arrays.equals(rs.getBytes(11), mac(previous[0], seq, entry.entry())))) {
                        broken[0] = seq;
                    }
                    previous[0] = rs.getBytes(11);
                });
        var anchoring = state(organization).anchor();
        return new Verification(
                broken[0] == null && untagged[0] == 0 && anchoring != Anchoring.BROKEN,
                checked[0],
                broken[0],
                untagged[0],
                anchoring);
    }

    /** Lists an organisation's most recent integrity alerts, newest first. */
    @Transactional(readOnly = true)
    public List<Entry> alerts(OrganizationId organization, int limit) {
        return jdbc.sql("SELECT " + ENTRY_COLUMNS + """
                 FROM audit_entry
                WHERE organization_id = ? AND action = 'integrity.alert' ORDER BY id DESC LIMIT ?""")
                .params(organization.value(), limit)
                .query(AuditLog::entry)
                .list();
    }

    /** Counts an organisation's integrity alerts since {@code since}, for the page header. */
    @Transactional(readOnly = true)
    public long countAlerts(OrganizationId organization, Instant since) {
        return jdbc.sql("""
                SELECT count(*) FROM audit_entry
                WHERE organization_id = ? AND action = 'integrity.alert' AND occurred_at >= ?""")
                .params(organization.value(), Timestamp.from(since))
                .query(Long.class)
                .single();
    }

    /** Lists an organisation's most recent entries, newest first. */
    @Transactional(readOnly = true)
    public List<Entry> recent(OrganizationId organization, int limit) {
        return jdbc.sql("SELECT " + ENTRY_COLUMNS
                        + " FROM audit_entry WHERE organization_id = ? ORDER BY id DESC LIMIT ?")
                .params(organization.value(), limit)
                .query(AuditLog::entry)
                .list();
    }

    /**
     * Lists the entries of an organisation whose subject starts with one of {@code subjects} (such as
     * {@code case:<id>} and {@code report:<id>}, which also covers {@code report:<id>/staff:<id>}),
     * oldest first, at most {@code limit}.
     */
    @Transactional(readOnly = true)
    public List<Entry> about(OrganizationId organization, List<String> subjects, int limit) {
        if (subjects.isEmpty()) {
            return List.of();
        }
        // subjects are ASCII: every one that starts with a prefix sorts between it and it + DEL in "C"
        var where = String.join(
                " OR ",
                java.util.Collections.nCopies(
                        subjects.size(), "(subject COLLATE \"C\" >= ? AND subject COLLATE \"C\" < ?)"));
        var params = new java.util.ArrayList<Object>();
        params.add(organization.value());
        subjects.forEach(subject -> {
            params.add(subject);
            params.add(subject + '\u007f');
        });
        params.add(limit);
        return jdbc.sql("SELECT " + ENTRY_COLUMNS + " FROM audit_entry WHERE organization_id = ? AND (" + where
                        + ") ORDER BY occurred_at, id LIMIT ?")
                .params(params)
                .query(AuditLog::entry)
                .list();
    }

    private Optional<Link> head(UUID organization) {
        return jdbc.sql("""
                SELECT chain_seq, mac FROM audit_entry
                WHERE organization_id = ? AND chain_seq IS NOT NULL
                ORDER BY chain_seq DESC LIMIT 1""")
                .param(organization)
                .query((rs, i) -> new Link(rs.getLong(1), rs.getBytes(2)))
                .optional();
    }

    /**
     * Returns whether the chain whose head is {@code head} still holds the organisation's anchored
     * head (or nothing was anchored yet); raises an alert when it does not and {@code alert} is set
     * (in a transaction that writes).
     */
    private boolean holdsAnchor(UUID organization, Link head, boolean alert) {
        var anchored = anchor.head(organization);
        if (anchored.isEmpty()) {
            return true;
        }
        boolean holds;
        if (anchored.get().sequence() > head.seq()) {
            holds = false;
        } else if (anchored.get().sequence() == head.seq()) {
            holds = Arrays.equals(anchored.get().mac(), head.mac());
        } else {
            holds = jdbc.sql("SELECT mac FROM audit_entry WHERE organization_id = ? AND chain_seq = ?")
                    .params(organization, anchored.get().sequence())
                    .query(byte[].class)
                    .optional()
                    .filter(mac -> Arrays.equals(mac, anchored.get().mac()))
                    .isPresent();
        }
        if (!holds && alert) {
            raise(new OrganizationId(organization), new IntegrityAlert(CHAIN_SUBJECT));
        }
        return holds;
    }

    /** Returns the organisations that have chained entries, one index probe each. */
    private List<UUID> organizationsWithChains() {
        return jdbc.sql("""
                WITH RECURSIVE organizations(id) AS (
                    (SELECT organization_id FROM audit_entry WHERE chain_seq IS NOT NULL ORDER BY organization_id LIMIT 1)
                    UNION ALL
                    SELECT (SELECT e.organization_id FROM audit_entry e
                            WHERE e.organization_id > o.id AND e.chain_seq IS NOT NULL
                            ORDER BY e.organization_id LIMIT 1)
                    FROM organizations o WHERE o.id IS NOT NULL)
                SELECT id FROM organizations WHERE id IS NOT NULL""").query(UUID.class).list();
    }

    private void anchorAfterCommit(Map<UUID, ChainAnchor.Head> heads) {
        if (heads.isEmpty()) {
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                anchor.advance(heads);
            }
        });
    }

    private boolean carriesTag(Tagged entry) {
        var expected = EntryTag.of(
                secrets,
                entry.nonce(),
                entry.entry().organizationId(),
                entry.entry().occurredAt(),
                entry.entry().actor(),
                entry.entry().action(),
                entry.entry().subject());
        return java.security.MessageDigest.isEqual(expected, entry.tag());
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

    private static Entry entry(ResultSet rs, int row) throws SQLException {
        return new Entry(
                rs.getLong(1),
                rs.getObject(2, UUID.class),
                rs.getTimestamp(3).toInstant(),
                rs.getString(4),
                rs.getString(5),
                rs.getString(6));
    }

    private static Tagged tagged(ResultSet rs, int row) throws SQLException {
        var nonce = rs.getBytes(7);
        var tag = rs.getBytes(8);
        return new Tagged(entry(rs, row), nonce == null ? new byte[0] : nonce, tag == null ? new byte[0] : tag);
    }

    /** One audit entry as stored. */
    public record Entry(
            long id,
            UUID organizationId,
            Instant occurredAt,
            String actor,
            String action,
            @Nullable String subject) {}

    /** How a chain stands against the head anchored outside the database. */
    public enum Anchoring {
        /** Nothing anchored yet: a new organisation, or a node that has not chained yet. */
        NOT_YET,
        /** The chain still holds the anchored head. */
        HOLDS,
        /** The anchored head is gone or different: the log was truncated or replaced. */
        BROKEN
    }

    /**
     * The head of an organisation's chain, to be compared with a copy kept elsewhere.
     *
     * @param sequence the last chained entry's sequence number (0 for an empty chain)
     * @param mac that entry's MAC in hex
     * @param anchoredSequence the sequence number anchored outside the database, if any
     * @param anchoredAt when it was anchored
     * @param anchor how the chain stands against the anchor
     */
    public record ChainState(
            long sequence,
            String mac,
            @Nullable Long anchoredSequence,
            @Nullable Instant anchoredAt,
            Anchoring anchor) {}

    /**
     * The outcome of {@link #verify}.
     *
     * @param intact true when every MAC and tag matches, no sequence number is missing, and the
     *     chain holds its anchored head
     * @param entries how many chained entries were checked
     * @param firstBroken the sequence number of the first chained entry that does not match
     * @param untagged how many entries (chained or not) do not carry the tag Tipline wrote
     * @param anchor how the chain stands against its anchor
     */
    public record Verification(
            boolean intact, long entries, @Nullable Long firstBroken, long untagged, Anchoring anchor) {}

    private record Link(long seq, byte[] mac) {}

    private record Tagged(Entry entry, byte[] nonce, byte[] tag) {}
}
