package org.tipline.identity;

import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.tipline.accounts.StaffDirectory;
import org.tipline.audit.Actor;
import org.tipline.audit.AuditLog;
import org.tipline.crypto.Keyring;
import org.tipline.crypto.PrivateKey;
import org.tipline.crypto.VaultShare;
import org.tipline.identity.Disclosure.Route;
import org.tipline.identity.Disclosure.State;
import org.tipline.mailbox.Mailbox;
import org.tipline.mailbox.MailboxAccess;
import org.tipline.reports.ReportId;
import org.tipline.reports.Reports;
import org.tipline.shared.InvalidInput;
import org.tipline.shared.OrganizationId;
import org.tipline.shared.Role;
import org.tipline.shared.StaffId;
import org.tipline.shared.StaffPrincipal;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Disclosing one reporter's identity (DOMAIN.md, "Identity disclosure"; CRYPTO.md, key 7).
 *
 * <p>A staff member who works the report's case (holds its grant) and is no custodian drafts a
 * request: purpose, the identity fields asked for, the route and an expiry; they are its one
 * recipient. Submitting it asks the reporter in their mailbox (consent route) or an admin other
 * than the requester (legal route, only where the vault's policy allows it), who approves with a
 * notice shown to the reporter or with a recorded waiver, or refuses. Once consented or approved,
 * custodians release their shares: each opens their own share in their session and seals it again
 * to the requester, bound to the request. With k releases the requester's session rebuilds the
 * vault key, opens this one identity, keeps the approved fields sealed to the requester, drops the
 * released shares and forgets the key. The requester reads the fields until the expiry, each read
 * audited; at the expiry, on closing or when the reporter withdraws their consent, the disclosed
 * fields are deleted. Every step is audited; anyone else learns nothing of the identity.
 */
@Service
public class Disclosures {

    /** The longest purpose or waiver reason. */
    public static final int TEXT_LIMIT = 2_000;

    /** The furthest expiry from now. */
    public static final Duration LONGEST = Duration.ofDays(365);

    private static final Pattern FIELD = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<Map<String, List<String>>> RECORD = new TypeReference<>() {};

    private final JdbcClient jdbc;
    private final Vaults vaults;
    private final Reports reports;
    private final StaffDirectory staff;
    private final Mailbox mailbox;
    private final AuditLog audit;
    private final Clock clock;

    Disclosures(
            JdbcClient jdbc,
            Vaults vaults,
            Reports reports,
            StaffDirectory staff,
            Mailbox mailbox,
            AuditLog audit,
            Clock clock) {
        this.jdbc = jdbc;
        this.vaults = vaults;
        this.reports = reports;
        this.staff = staff;
        this.mailbox = mailbox;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Drafts a request to disclose the identity of the reporter of {@code report}.
     *
     * @throws InvalidInput if the purpose, fields or expiry are not acceptable
     * @throws NoSuchElementException if the requester does not work the report's case
     * @throws DisclosureRefused if the requester is a custodian, there is no vault or no identity,
     *     or the legal route is asked for under a consent-only policy
     */
    @Transactional
    public Disclosure draft(
            StaffPrincipal requester,
            ReportId report,
            Route route,
            String purpose,
            List<String> fields,
            Instant expiresAt) {
        var now = clock.instant();
        var errors = new HashMap<String, String>();
        var text = purpose.strip();
        if (text.isEmpty()) {
            errors.put("purpose", "error.required");
        } else if (text.length() > TEXT_LIMIT || hasControl(text)) {
            errors.put("purpose", "error.too-long");
        }
        var chosen = new LinkedHashSet<String>();
        for (var field : fields) {
            if (!FIELD.matcher(field).matches() || !chosen.add(field)) {
                errors.put("fields", "error.disclosure.fields");
            }
        }
        if (chosen.isEmpty() || chosen.size() > 20) {
            errors.put("fields", "error.disclosure.fields");
        }
        if (!expiresAt.isAfter(now) || expiresAt.isAfter(now.plus(LONGEST))) {
            errors.put("expiresAt", "error.disclosure.expiry");
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        var vault = vaults.current(requester.organization()).orElseThrow(DisclosureRefused::noVault);
        if (isCustodian(requester, vault)) {
            throw DisclosureRefused.custodian();
        }
        if (!reports.holds(requester, report)) {
            throw new NoSuchElementException("No such report");
        }
        if (route == Route.LEGAL && !vault.legalRoute()) {
            throw DisclosureRefused.consentOnly();
        }
        var kept = jdbc.sql("SELECT count(*) FROM reporter_identity WHERE organization_id = ? AND report_id = ?")
                .params(requester.organization().value(), report.value())
                .query(Long.class)
                .single();
        if (kept == 0) {
            throw DisclosureRefused.noIdentity();
        }
        var id = UUID.randomUUID();
        jdbc.sql("""
                        INSERT INTO disclosure_request (id, organization_id, report_id, requester_id, route, state, purpose,
                                                        fields, expires_at, created_at)
                        VALUES (?, ?, ?, ?, ?, 'DRAFT', ?, ?, ?, ?)""")
                .params(
                        id,
                        requester.organization().value(),
                        report.value(),
                        requester.id().value(),
                        route.name(),
                        text,
                        chosen.toArray(String[]::new),
                        Timestamp.from(expiresAt),
                        Timestamp.from(now))
                .update();
        step(requester, "drafted", id, report);
        return get(requester, id);
    }

    /**
     * Submits the requester's draft: the reporter is asked (consent route) or an admin reviews it
     * (legal route).
     */
    @Transactional
    public Disclosure submit(StaffPrincipal requester, UUID id) {
        var row = locked(requester.organization(), id);
        if (!row.requester.equals(requester.id())) {
            throw new NoSuchElementException("No such request");
        }
        live(row, State.DRAFT);
        var next = row.route == Route.CONSENT ? State.CONSENT_REQUESTED : State.LEGAL_REVIEW;
        jdbc.sql("UPDATE disclosure_request SET state = ?, submitted_at = ? WHERE id = ?")
                .params(next.name(), Timestamp.from(clock.instant()), id)
                .update();
        step(requester, "submitted", id, row.report);
        step(requester, row.route == Route.CONSENT ? "consent-requested" : "legal-review", id, row.report);
        return get(requester, id);
    }

    /**
     * An admin other than the requester decides a request on the legal route: approved with a
     * notice to the reporter ({@code waiverReason} null), approved with the notice waived for the
     * recorded reason, or refused.
     */
    @Transactional
    public Disclosure review(StaffPrincipal admin, UUID id, boolean approve, @Nullable String waiverReason) {
        admin.require(Role.ADMIN);
        var row = locked(admin.organization(), id);
        if (row.requester.equals(admin.id())) {
            throw DisclosureRefused.ownRequest();
        }
        live(row, State.LEGAL_REVIEW);
        var reason = waiverReason == null ? "" : waiverReason.strip();
        if (approve && (reason.length() > TEXT_LIMIT || hasControl(reason))) {
            throw new InvalidInput(Map.of("waiverReason", "error.too-long"));
        }
        var next = !approve ? State.DENIED : reason.isEmpty() ? State.NOTICE_SENT : State.NOTICE_WAIVED;
        jdbc.sql("UPDATE disclosure_request SET state = ?, reviewed_by = ?, waiver_reason = ? WHERE id = ?")
                .params(next.name(), admin.id().value(), next == State.NOTICE_WAIVED ? reason : null, id)
                .update();
        if (approve) {
            step(admin, "approved", id, row.report);
        }
        step(
                admin,
                next == State.DENIED ? "denied" : next == State.NOTICE_SENT ? "notice-sent" : "notice-waived",
                id,
                row.report);
        return get(admin, id);
    }

    /**
     * A custodian releases their share for an approved or consented request: opened with their own
     * key, sealed again to the requester, bound to this request.
     *
     * @throws DisclosureRefused if they are not a custodian, are the requester, released already,
     *     enough have released, the request is not releasable, expired, or its consent was withdrawn
     */
    @Transactional
    public Disclosure release(Keyring custodian, UUID id) {
        var who = custodian.owner();
        var row = locked(who.organization(), id);
        var vault = vaults.current(who.organization()).orElseThrow(DisclosureRefused::noVault);
        var share = vaults.share(vault, who.id())
                .filter(held -> row.state != State.DRAFT)
                .orElseThrow(() -> new NoSuchElementException("No such request"));
        if (row.requester.equals(who.id())) {
            throw DisclosureRefused.custodian();
        }
        releasable(row);
        var released = releasedBy(id);
        if (released.contains(who.id().value())) {
            throw DisclosureRefused.releasedTwice();
        }
        if (released.size() >= vault.k()) {
            throw DisclosureRefused.enoughReleased();
        }
        var requester = staff.recipients(who.organization(), List.of(row.requester)).stream()
                .findFirst()
                .orElseThrow(DisclosureRefused::state);
        var opened = custodian.openShare(share.getKey(), share.getValue(), vault.context());
        jdbc.sql("""
                        INSERT INTO disclosure_release (request_id, custodian_id, share_index, wrapped, released_at)
                        VALUES (?, ?, ?, ?, ?)""")
                .params(
                        id,
                        who.id().value(),
                        opened.index(),
                        opened.wrapTo(requester.publicKey(), context(id)),
                        Timestamp.from(clock.instant()))
                .update();
        step(who, "released", id, row.report);
        return get(who, id);
    }

    /**
     * The requester opens the identity once k custodians released: the vault key is rebuilt in
     * this call only, the approved fields are kept sealed to the requester, and the released shares
     * are deleted.
     *
     * @throws DisclosureRefused if fewer than k released, or the request is not releasable,
     *     expired, or its consent was withdrawn
     */
    @Transactional
    public Disclosure open(Keyring requester, UUID id) {
        var who = requester.owner();
        var row = locked(who.organization(), id);
        if (!row.requester.equals(who.id())) {
            throw new NoSuchElementException("No such request");
        }
        releasable(row);
        var vault = vaults.current(who.organization()).orElseThrow(DisclosureRefused::noVault);
        var wrapped = jdbc.sql("SELECT share_index, wrapped FROM disclosure_release WHERE request_id = ?")
                .param(id)
                .query((rs, i) -> Map.entry(rs.getInt(1), rs.getBytes(2)))
                .list();
        if (wrapped.size() < vault.k()) {
            throw DisclosureRefused.notReleased();
        }
        var shares = new ArrayList<VaultShare>();
        for (var share : wrapped) {
            shares.add(requester.openShare(share.getKey(), share.getValue(), context(id)));
        }
        var sealed = jdbc.sql("SELECT sealed FROM reporter_identity WHERE organization_id = ? AND report_id = ?")
                .params(who.organization().value(), row.report.value())
                .query(byte[].class)
                .optional()
                .orElseThrow(DisclosureRefused::noIdentity);
        var key = PrivateKey.join(shares, vault.publicKey());
        var identity = JSON.readValue(key.openSealed(sealed, Identities.context(row.report)), RECORD);
        var approved = new LinkedHashMap<String, List<String>>();
        for (var field : row.fields) {
            var values = identity.get(field);
            if (values != null) {
                approved.put(field, values);
            }
        }
        var recipient = staff.recipients(who.organization(), List.of(who.id())).stream()
                .findFirst()
                .orElseThrow(DisclosureRefused::state);
        var kept = recipient
                .publicKey()
                .seal(JSON.writeValueAsString(approved).getBytes(StandardCharsets.UTF_8), context(id) + ":record");
        jdbc.sql("DELETE FROM disclosure_release WHERE request_id = ?")
                .param(id)
                .update();
        jdbc.sql("UPDATE disclosure_request SET state = 'DISCLOSED', disclosed = ?, disclosed_at = ? WHERE id = ?")
                .params(kept, Timestamp.from(clock.instant()), id)
                .update();
        step(who, "disclosed", id, row.report);
        return get(who, id);
    }

    /**
     * Returns the approved fields of an identity disclosed to the requester (field → values);
     * audited. Nobody else reads them.
     *
     * @throws DisclosureRefused if the request expired or is not disclosed (any more)
     */
    @Transactional
    public Map<String, List<String>> read(Keyring requester, UUID id) {
        var who = requester.owner();
        var row = row(who.organization(), id, false).orElseThrow(() -> new NoSuchElementException("No such request"));
        if (!row.requester.equals(who.id())) {
            throw new NoSuchElementException("No such request");
        }
        if (!clock.instant().isBefore(row.expiresAt)) {
            throw DisclosureRefused.expired();
        }
        if (row.state != State.DISCLOSED) {
            throw DisclosureRefused.state();
        }
        var sealed = jdbc.sql("SELECT disclosed FROM disclosure_request WHERE id = ?")
                .param(id)
                .query(byte[].class)
                .single();
        var fields = JSON.readValue(requester.openSealed(sealed, context(id) + ":record"), RECORD);
        audit.record(who.organization(), Actor.staff(who.id()), new IdentityAudit.IdentityRead(id, row.report));
        return fields;
    }

    /** The requester (or an admin) closes a request: what was disclosed is deleted. */
    @Transactional
    public Disclosure close(StaffPrincipal by, UUID id) {
        var row = locked(by.organization(), id);
        if (!row.requester.equals(by.id()) && !by.has(Role.ADMIN)) {
            throw new NoSuchElementException("No such request");
        }
        if (row.state == State.CLOSED) {
            throw DisclosureRefused.state();
        }
        end(row.id);
        step(by, "closed", id, row.report);
        return get(by, id);
    }

    /**
     * Closes every request past its expiry, deleting what was disclosed and what was released;
     * refused and closed ones stay as they are. Runs every minute; returns how many it closed.
     */
    @Scheduled(fixedDelayString = "${tipline.identity.expiry-interval:PT1M}")
    @Transactional
    public int expire() {
        var now = Timestamp.from(clock.instant());
        var expired = jdbc.sql("""
                        SELECT id, organization_id, report_id FROM disclosure_request
                        WHERE state NOT IN ('CLOSED', 'DENIED') AND expires_at <= ?
                        ORDER BY expires_at LIMIT 500 FOR UPDATE SKIP LOCKED""")
                .param(now)
                .query((rs, i) -> new Object[] {
                    rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getObject(3, UUID.class)
                })
                .list();
        for (var row : expired) {
            var id = (UUID) row[0];
            end(id);
            audit.record(
                    new OrganizationId((UUID) row[1]),
                    Actor.SYSTEM,
                    new IdentityAudit.DisclosureStep("expired", id, new ReportId((UUID) row[2])));
        }
        return expired.size();
    }

    /**
     * The reporter answers a request for their consent, from their mailbox.
     *
     * @throws NoSuchElementException if the request does not concern their report or is not shown to them
     * @throws DisclosureRefused if it does not ask for consent (any more) or has expired
     */
    @Transactional
    public void answer(MailboxAccess access, UUID id, boolean consent) {
        var row = locked(mailbox.organization(access), id);
        if (!row.report.equals(mailbox.report(access)) || row.state == State.DRAFT) {
            throw new NoSuchElementException("No such request");
        }
        live(row, State.CONSENT_REQUESTED);
        jdbc.sql("""
                        INSERT INTO consent (id, organization_id, report_id, kind, subject, given, answered_at)
                        VALUES (?, ?, ?, 'DISCLOSURE', ?, ?, ?)""")
                .params(
                        UUID.randomUUID(),
                        row.organization.value(),
                        row.report.value(),
                        id,
                        consent,
                        Timestamp.from(clock.instant()))
                .update();
        jdbc.sql("UPDATE disclosure_request SET state = ? WHERE id = ?")
                .params((consent ? State.CONSENTED : State.DENIED).name(), id)
                .update();
        audit.record(
                row.organization,
                Actor.REPORTER,
                new IdentityAudit.ConsentStep(consent ? "given" : "refused", "DISCLOSURE", id, row.report));
        audit.record(
                row.organization,
                Actor.REPORTER,
                new IdentityAudit.DisclosureStep(consent ? "consented" : "denied", id, row.report));
    }

    /**
     * The reporter takes back the consent they gave: a request not yet opened is denied and its
     * releases deleted; an identity already disclosed is deleted and the request closed.
     *
     * @throws DisclosureRefused if there is no consent of theirs to withdraw
     */
    @Transactional
    public void withdraw(MailboxAccess access, UUID id) {
        var row = locked(mailbox.organization(access), id);
        if (!row.report.equals(mailbox.report(access)) || row.state == State.DRAFT) {
            throw new NoSuchElementException("No such request");
        }
        var withdrawn =
                jdbc.sql("""
                        UPDATE consent SET withdrawn_at = ?
                        WHERE kind = 'DISCLOSURE' AND subject = ? AND given AND withdrawn_at IS NULL""").params(Timestamp.from(clock.instant()), id).update();
        if (withdrawn == 0 || row.state == State.CLOSED) {
            throw DisclosureRefused.state();
        }
        audit.record(
                row.organization,
                Actor.REPORTER,
                new IdentityAudit.ConsentStep("withdrawn", "DISCLOSURE", id, row.report));
        if (row.state == State.DISCLOSED) {
            end(id);
            audit.record(row.organization, Actor.REPORTER, new IdentityAudit.DisclosureStep("closed", id, row.report));
        } else {
            jdbc.sql("DELETE FROM disclosure_release WHERE request_id = ?")
                    .param(id)
                    .update();
            jdbc.sql("UPDATE disclosure_request SET state = 'DENIED' WHERE id = ?")
                    .param(id)
                    .update();
            audit.record(row.organization, Actor.REPORTER, new IdentityAudit.DisclosureStep("denied", id, row.report));
        }
    }

    /**
     * Returns the requests that concern the reporter of the opened mailbox: every one asking for
     * their consent, and every legal one whose notice was sent; never a draft, a legal one under
     * review or refused there, or one whose notice was waived.
     */
    @Transactional(readOnly = true)
    public List<Disclosure.ForReporter> forReporter(MailboxAccess access) {
        var now = clock.instant();
        return jdbc.sql("""
                        SELECT r.id, r.route, r.state, r.purpose, r.fields, r.expires_at, c.given, c.withdrawn_at
                        FROM disclosure_request r
                        LEFT JOIN consent c ON c.kind = 'DISCLOSURE' AND c.subject = r.id
                        WHERE r.organization_id = ? AND r.report_id = ? AND r.state <> 'DRAFT'
                          AND (r.route = 'CONSENT' OR (r.reviewed_by IS NOT NULL AND r.waiver_reason IS NULL
                                                        AND r.state <> 'DENIED'))
                        ORDER BY r.created_at DESC""")
                .params(
                        mailbox.organization(access).value(),
                        mailbox.report(access).value())
                .query((rs, i) -> {
                    var expiresAt = rs.getTimestamp(6).toInstant();
                    var given = rs.getBoolean(7);
                    return new Disclosure.ForReporter(
                            rs.getObject(1, UUID.class),
                            Route.valueOf(rs.getString(2)),
                            State.valueOf(rs.getString(3)),
                            rs.getString(4),
                            strings(rs.getArray(5)),
                            expiresAt,
                            !now.isBefore(expiresAt),
                            rs.wasNull() ? null : given,
                            rs.getTimestamp(8) != null);
                })
                .list();
    }

    /**
     * Returns the requests that wait on or concern {@code viewer}: their own, those a custodian may
     * release (or released), and for admins those on the legal route; newest first.
     */
    @Transactional(readOnly = true)
    public List<Disclosure> concerning(StaffPrincipal viewer) {
        var vault = vaults.current(viewer.organization());
        var custodian = vault.isPresent() && isCustodian(viewer, vault.get());
        var ids = jdbc.sql("""
                        SELECT id FROM disclosure_request
                        WHERE organization_id = ?
                          AND (requester_id = ?
                               OR (? AND state IN ('CONSENTED', 'NOTICE_SENT', 'NOTICE_WAIVED', 'DISCLOSED'))
                               OR (? AND route = 'LEGAL' AND state <> 'DRAFT'))
                        ORDER BY created_at DESC LIMIT 200""")
                .params(viewer.organization().value(), viewer.id().value(), custodian, viewer.has(Role.ADMIN))
                .query(UUID.class)
                .list();
        return ids.stream().map(id -> get(viewer, id)).toList();
    }

    /**
     * Returns a request as {@code viewer} may see it: its requester, a custodian of the vault, or an admin.
     *
     * @throws NoSuchElementException if there is none, or the viewer may not see it
     */
    @Transactional(readOnly = true)
    public Disclosure get(StaffPrincipal viewer, UUID id) {
        var row =
                row(viewer.organization(), id, false).orElseThrow(() -> new NoSuchElementException("No such request"));
        var vault = vaults.current(viewer.organization());
        var custodian = vault.isPresent() && isCustodian(viewer, vault.get());
        var visible = row.requester.equals(viewer.id())
                || (custodian && row.state != State.DRAFT)
                || (viewer.has(Role.ADMIN) && row.state != State.DRAFT);
        if (!visible) {
            throw new NoSuchElementException("No such request");
        }
        var released = releasedBy(id);
        var names = staff.names(viewer.organization(), List.of(row.requester));
        return new Disclosure(
                row.id,
                row.report,
                row.requester,
                names.getOrDefault(row.requester, ""),
                row.route,
                row.state,
                row.purpose,
                row.fields,
                row.expiresAt,
                row.createdAt,
                row.submittedAt,
                row.reviewedBy,
                row.noticeWaived,
                row.disclosedAt,
                released.size(),
                vault.map(Vault::k).orElse(0),
                released.contains(viewer.id().value()));
    }

    /** What released shares of request {@code id} are sealed under, so they open for no other. */
    static String context(UUID id) {
        return "disclosure:" + id;
    }

    private boolean isCustodian(StaffPrincipal member, Vault vault) {
        return member.has(Role.CUSTODIAN) || vault.custodians().stream().anyMatch(c -> c.id().equals(member.id()));
    }

    /** Checks that shares may be released or joined for the request now. */
    private void releasable(Row row) {
        if (!clock.instant().isBefore(row.expiresAt)) {
            throw DisclosureRefused.expired();
        }
        if (row.route == Route.CONSENT) {
            var consent = jdbc.sql("""
                            SELECT given AND withdrawn_at IS NULL FROM consent
                            WHERE kind = 'DISCLOSURE' AND subject = ?""").param(row.id).query(Boolean.class).optional();
            if (consent.isPresent() && !consent.get()) {
                throw DisclosureRefused.consentWithdrawn();
            }
            if (consent.isEmpty()) {
                throw DisclosureRefused.state();
            }
        }
        if (!row.state.releasable()) {
            throw DisclosureRefused.state();
        }
    }

    /** Checks that the request is in {@code expected} and not past its expiry. */
    private void live(Row row, State expected) {
        if (!clock.instant().isBefore(row.expiresAt)) {
            throw DisclosureRefused.expired();
        }
        if (row.state != expected) {
            throw DisclosureRefused.state();
        }
    }

    private void end(UUID id) {
        jdbc.sql("DELETE FROM disclosure_release WHERE request_id = ?")
                .param(id)
                .update();
        jdbc.sql("UPDATE disclosure_request SET state = 'CLOSED', disclosed = NULL, closed_at = ? WHERE id = ?")
                .params(Timestamp.from(clock.instant()), id)
                .update();
    }

    private java.util.Set<UUID> releasedBy(UUID id) {
        return new java.util.HashSet<>(jdbc.sql("SELECT custodian_id FROM disclosure_release WHERE request_id = ?")
                .param(id)
                .query(UUID.class)
                .list());
    }

    private void step(StaffPrincipal actor, String step, UUID id, ReportId report) {
        audit.record(actor.organization(), Actor.staff(actor.id()), new IdentityAudit.DisclosureStep(step, id, report));
    }

    private Row locked(OrganizationId organization, UUID id) {
        return row(organization, id, true).orElseThrow(() -> new NoSuchElementException("No such request"));
    }

    private Optional<Row> row(OrganizationId organization, UUID id, boolean lock) {
        return jdbc.sql("""
                        SELECT id, organization_id, report_id, requester_id, route, state, purpose, fields, expires_at,
                               created_at, submitted_at, reviewed_by, waiver_reason IS NOT NULL, disclosed_at
                        FROM disclosure_request WHERE organization_id = ? AND id = ?""" + (lock ? " FOR UPDATE" : ""))
                .params(organization.value(), id)
                .query((rs, i) -> new Row(
                        rs.getObject(1, UUID.class),
                        new OrganizationId(rs.getObject(2, UUID.class)),
                        new ReportId(rs.getObject(3, UUID.class)),
                        new StaffId(rs.getObject(4, UUID.class)),
                        Route.valueOf(rs.getString(5)),
                        State.valueOf(rs.getString(6)),
                        rs.getString(7),
                        strings(rs.getArray(8)),
                        rs.getTimestamp(9).toInstant(),
                        rs.getTimestamp(10).toInstant(),
                        instant(rs, 11),
                        rs.getObject(12, UUID.class) == null ? null : new StaffId(rs.getObject(12, UUID.class)),
                        rs.getBoolean(13),
                        instant(rs, 14)))
                .optional();
    }

    private record Row(
            UUID id,
            OrganizationId organization,
            ReportId report,
            StaffId requester,
            Route route,
            State state,
            String purpose,
            List<String> fields,
            Instant expiresAt,
            Instant createdAt,
            @Nullable Instant submittedAt,
            @Nullable StaffId reviewedBy,
            boolean noticeWaived,
            @Nullable Instant disclosedAt) {}

    private static @Nullable Instant instant(ResultSet rs, int column) throws SQLException {
        var value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }

    private static List<String> strings(Array array) throws SQLException {
        return List.of((String[]) array.getArray());
    }

    private static boolean hasControl(String text) {
        return text.codePoints().anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t');
    }
}
