package org.tipline.notifications;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.tipline.accounts.StaffDirectory;
import org.tipline.accounts.StaffMember;
import org.tipline.audit.Actor;
import org.tipline.audit.AuditLog;
import org.tipline.cases.CaseAssigned;
import org.tipline.cases.CaseManagement;
import org.tipline.cases.CaseRef;
import org.tipline.cases.DeadlinesPassed;
import org.tipline.intake.ReportSubmitted;
import org.tipline.mailbox.MessagePosted;
import org.tipline.notifications.internal.Mails;
import org.tipline.notifications.internal.Outbox;
import org.tipline.shared.OrganizationId;
import org.tipline.shared.PublicLinks;
import org.tipline.shared.Role;
import org.tipline.shared.StaffId;
import org.tipline.shared.StaffPrincipal;

/**
 * Tells staff by e-mail that a case needs them: a new report reached them, the reporter wrote, a
 * case was assigned to them, one of their deadlines is near or was missed (supervisors hear of
 * missed ones too), or one of its rewards waits on them (approvers, the assessor, payout officers). Each member chooses mail at once, a daily digest, or none.
 *
 * <p>Implementation notes: the listeners run after the event's transaction commits, from Spring
 * Modulith's event publication registry (so a crash between commit and listener is retried on
 * restart), and only queue rows in the outbox; a job (one node at a time, advisory lock, rows
 * claimed with {@code SKIP LOCKED}) sends them and marks them sent, so a failed mail server delays
 * mails but loses none. Without {@code spring.mail.host} nothing is queued. Mails carry a case
 * reference, a reason and a link — never content ({@link Mails}).
 */
@Service
public class Notifications {

    private static final Logger log = LoggerFactory.getLogger(Notifications.class);
    private static final int BATCH = 200;

    private final Outbox outbox;
    private final @Nullable Mails mails;
    private final CaseManagement cases;
    private final StaffDirectory staff;
    private final AuditLog audit;
    private final JdbcClient jdbc;
    private final Clock clock;

    Notifications(
            Outbox outbox,
            ObjectProvider<JavaMailSender> sender,
            PublicLinks links,
            NotificationsProperties properties,
            CaseManagement cases,
            StaffDirectory staff,
            AuditLog audit,
            JdbcClient jdbc,
            Clock clock) {
        this.outbox = outbox;
        var mailSender = sender.getIfAvailable();
        this.mails = mailSender == null ? null : new Mails(mailSender, links, properties.from());
        if (mailSender == null) {
            log.warn("spring.mail.host is not set: staff get no e-mail notifications");
        }
        this.cases = cases;
        this.staff = staff;
        this.audit = audit;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Returns how {@code me} wants to be notified. */
    @Transactional(readOnly = true)
    public Delivery delivery(StaffPrincipal me) {
        return outbox.delivery(me.id());
    }

    /** Sets how {@code me} wants to be notified; audited. */
    @Transactional
    public void setDelivery(StaffPrincipal me, Delivery delivery) {
        outbox.setDelivery(me.id(), me.organization(), delivery, clock.instant());
        audit.record(
                me.organization(), Actor.staff(me.id()), new NotificationsAudit.DeliveryChanged(me.id(), delivery));
    }

    @ApplicationModuleListener
    void on(ReportSubmitted submitted) {
        cases.ofReport(submitted.organization(), submitted.report())
                .ifPresent(ref -> queue(submitted.organization(), submitted.recipients(), ref, Reason.NEW_REPORT));
    }

    @ApplicationModuleListener
    void on(MessagePosted posted) {
        if (posted.fromReporter()) {
            cases.ofReport(posted.organization(), posted.report())
                    .ifPresent(ref -> queue(posted.organization(), ref.holders(), ref, Reason.REPORTER_WROTE));
        }
    }

    @ApplicationModuleListener
    void on(CaseAssigned assigned) {
        cases.ref(assigned.organization(), assigned.id())
                .ifPresent(ref -> queue(assigned.organization(), List.of(assigned.assignee()), ref, Reason.ASSIGNED));
    }

    @ApplicationModuleListener
    void on(DeadlinesPassed passed) {
        if (mails == null) {
            return;
        }
        var organization = passed.organization();
        var found = cases.passed(passed);
        for (var id : found.approaching()) {
            cases.ref(organization, id)
                    .ifPresent(ref -> queue(organization, responsible(ref), ref, Reason.DEADLINE_APPROACHING));
        }
        if (found.breached().isEmpty()) {
            return;
        }
        var supervisors = staff.members(organization).stream()
                .filter(member -> member.roles().contains(Role.SUPERVISOR))
                .map(StaffMember::id)
                .toList();
        for (var id : found.breached()) {
            cases.ref(organization, id).ifPresent(ref -> {
                var told = new LinkedHashSet<>(responsible(ref));
                told.addAll(supervisors);
                queue(organization, told, ref, Reason.DEADLINE_BREACHED);
            });
        }
    }

    @ApplicationModuleListener
    void on(org.tipline.rewards.RewardWaiting waiting) {
        if (mails == null) {
            return;
        }
        var reason = switch (waiting.state()) {
            case PENDING_APPROVAL -> Reason.REWARD_APPROVAL;
            case APPROVED -> Reason.REWARD_NOTICE;
            case CLAIMED -> Reason.REWARD_PAYOUT;
            case PAYOUT_PENDING -> Reason.REWARD_RELEASE;
            default -> null;
        };
        if (reason == null) {
            return;
        }
        var now = clock.instant();
        for (var member : new LinkedHashSet<>(waiting.who())) {
            var delivery = outbox.delivery(member);
            if (delivery != Delivery.OFF) {
                outbox.add(
                        waiting.organization(),
                        member,
                        waiting.caseId(),
                        waiting.reference(),
                        reason,
                        waiting.reward(),
                        delivery == Delivery.DAILY,
                        now);
            }
        }
    }

    /** Sends what waits to be sent at once; one node at a time. Returns how many mails went out. */
    @Scheduled(fixedDelayString = "${tipline.notifications.send-interval:PT10S}")
    @Transactional
    public int sendPending() {
        if (mails == null || !lock()) {
            return 0;
        }
        var pending = outbox.claim(false, BATCH);
        var addresses = addresses(pending);
        var done = new ArrayList<UUID>();
        var sent = 0;
        for (var item : pending) {
            var to = addresses.get(item.staff());
            try {
                if (to != null) {
                    mails.one(to, item);
                    sent++;
                }
                done.add(item.id());
            } catch (MailException e) {
                log.warn(
                        "A notification could not be sent, will retry: {}",
                        e.getClass().getSimpleName());
                break;
            }
        }
        outbox.sent(done, clock.instant());
        return sent;
    }

    /** Sends each member who chose a digest one mail listing their cases; one node at a time. */
    @Scheduled(cron = "${tipline.notifications.digest-cron:0 0 7 * * *}")
    @Transactional
    public int sendDigests() {
        if (mails == null || !lock()) {
            return 0;
        }
        var byStaff = new LinkedHashMap<StaffId, List<Outbox.Pending>>();
        List<Outbox.Pending> batch;
        do {
            batch = outbox.claim(true, BATCH * 10);
            batch.forEach(item -> byStaff.computeIfAbsent(item.staff(), k -> new ArrayList<>())
                    .add(item));
            outbox.sent(batch.stream().map(Outbox.Pending::id).toList(), clock.instant());
        } while (batch.size() == BATCH * 10);
        var addresses =
                addresses(byStaff.values().stream().flatMap(List::stream).toList());
        var sent = 0;
        for (var entry : byStaff.entrySet()) {
            var to = addresses.get(entry.getKey());
            if (to != null) {
                mails.digest(to, entry.getValue());
                sent++;
            }
        }
        return sent;
    }

    /** Forgets what was sent more than a week ago. */
    @Scheduled(fixedDelayString = "PT6H", initialDelayString = "PT10M")
    @Transactional
    public void purge() {
        outbox.purge(clock.instant().minus(Duration.ofDays(7)));
    }

    private void queue(OrganizationId organization, Collection<StaffId> who, CaseRef ref, Reason reason) {
        if (mails == null) {
            return;
        }
        var now = clock.instant();
        for (var member : new LinkedHashSet<>(who)) {
            var delivery = outbox.delivery(member);
            if (delivery != Delivery.OFF) {
                outbox.add(organization, member, ref.id(), ref.reference(), reason, delivery == Delivery.DAILY, now);
            }
        }
    }

    /** The assignee if there is one, else everyone who holds the case's key. */
    private static List<StaffId> responsible(CaseRef ref) {
        return ref.assignee() != null ? List.of(ref.assignee()) : ref.holders();
    }

    private java.util.Map<StaffId, String> addresses(List<Outbox.Pending> pending) {
        var addresses = new java.util.HashMap<StaffId, String>();
        var byOrganization = new LinkedHashMap<OrganizationId, List<StaffId>>();
        pending.forEach(item -> byOrganization
                .computeIfAbsent(item.organization(), k -> new ArrayList<>())
                .add(item.staff()));
        byOrganization.forEach((organization, ids) ->
                staff.members(organization, ids).forEach(member -> addresses.put(member.id(), member.email())));
        return addresses;
    }

    private boolean lock() {
        return jdbc.sql("SELECT pg_try_advisory_xact_lock(hashtextextended('tipline:notifications', 0))")
                .query(Boolean.class)
                .single();
    }
}
