package org.tipline.cases;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.tipline.accounts.StaffDeactivated;
import org.tipline.accounts.StaffDirectory;
import org.tipline.accounts.StaffMember;
import org.tipline.audit.Actor;
import org.tipline.audit.AuditLog;
import org.tipline.channels.ChannelId;
import org.tipline.channels.Channels;
import org.tipline.channels.PolicyProfiles;
import org.tipline.channels.PolicyRules;
import org.tipline.channels.WorkingCalendar;
import org.tipline.crypto.Keyring;
import org.tipline.intake.ReportSubmitted;
import org.tipline.mailbox.Mailbox;
import org.tipline.mailbox.MessagePosted;
import org.tipline.mailbox.Notice;
import org.tipline.reports.Report;
import org.tipline.reports.ReportHoldersChanged;
import org.tipline.reports.ReportId;
import org.tipline.reports.ReportKey;
import org.tipline.reports.Reports;
import org.tipline.shared.InvalidInput;
import org.tipline.shared.OrganizationId;
import org.tipline.shared.Role;
import org.tipline.shared.StaffId;
import org.tipline.shared.StaffPrincipal;
import org.tipline.shared.WebProperties;

/**
 * Case handling: opens a case for every report, keeps the handlers' inboxes, opens a case with the
 * handler's own grant, and moves cases through their workflow, telling the reporter through the
 * mailbox. Who may work a case is who holds a grant of its report, as {@link Reports} says.
 */
@Service
public class CaseManagement {

    /** The longest justification of a waiver or an extension. */
    public static final int JUSTIFICATION_LIMIT = 2_000;

    private final Cases cases;
    private final Deadlines deadlines;
    private final Notes notes;
    private final Links links;
    private final Reports reports;
    private final Mailbox mailbox;
    private final Channels channels;
    private final PolicyProfiles policies;
    private final StaffDirectory staff;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final WebProperties web;
    private final com.github.benmanes.caffeine.cache.@Nullable Cache<OrganizationId, Overview> overviews;

    private final org.tipline.identity.Identities identities;

    CaseManagement(
            Cases cases,
            Deadlines deadlines,
            Notes notes,
            Links links,
            Reports reports,
            Mailbox mailbox,
            Channels channels,
            PolicyProfiles policies,
            StaffDirectory staff,
            AuditLog audit,
            ApplicationEventPublisher events,
            Clock clock,
            WebProperties web,
            CasesProperties properties,
            org.tipline.identity.Identities identities) {
        this.identities = identities;
        this.web = web;
        this.overviews = properties.overviewCache().isZero()
                ? null
                : com.github.benmanes.caffeine.cache.Caffeine.newBuilder()
                        .maximumSize(10_000)
                        .expireAfterWrite(properties.overviewCache())
                        .<OrganizationId, Overview>build();
        this.cases = cases;
        this.deadlines = deadlines;
        this.notes = notes;
        this.links = links;
        this.reports = reports;
        this.mailbox = mailbox;
        this.channels = channels;
        this.policies = policies;
        this.staff = staff;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
    }

    /** One page of an inbox, and where the next one starts (null when this is the last). */
    public record Page(List<CaseSummary> cases, InboxQuery.@Nullable Cursor next) {
        /** Returns whether more cases follow. */
        public boolean hasNext() {
            return next != null;
        }
    }

    /**
     * Opens the case of a new report inside the submission's transaction, on the current version of
     * its channel's policy profile, and starts its deadlines: a report never exists without its case.
     * The report's own audit entry covers it. Idempotent.
     */
    @EventListener
    void on(ReportSubmitted submitted) {
        var profile = policies.current(submitted.organization(), submitted.policy());
        var opened = Case.opened(
                submitted.organization(),
                submitted.report(),
                submitted.channel(),
                submitted.receivedAt(),
                new PolicyRef(profile.id(), profile.version()));
        var campaign =
                submitted.campaign() == null ? null : submitted.campaign().value();
        if (!cases.insert(opened, submitted.category(), campaign)) {
            return;
        }
        var rules = profile.rules();
        var calendar = policies.calendar(submitted.organization(), rules);
        var received = submitted.receivedAt();
        var acknowledgeBy = rules.acknowledgeBy(received, calendar);
        var feedbackBy = rules.feedbackBy(received, null, calendar);
        deadlines.start(
                opened,
                Deadline.Kind.ACKNOWLEDGEMENT,
                acknowledgeBy,
                rules.acknowledgement().toString(),
                rules.reminder().before(acknowledgeBy, calendar),
                received,
                null);
        deadlines.start(
                opened,
                Deadline.Kind.FEEDBACK,
                feedbackBy,
                rules.feedback().toString(),
                rules.reminder().before(feedbackBy, calendar),
                received,
                null);
        mailbox.expect(submitted.report(), acknowledgeBy, feedbackBy);
        cases.refreshDeadlines(List.of(opened.id()));
        cases.hold(opened.id(), reports.holders(submitted.organization(), submitted.report()));
    }

    /**
     * Keeps the inbox's read model of who holds which case in step with the grants, in the grant's
     * transaction. A grant made before its report has a case is taken when the case opens.
     */
    @EventListener
    void on(ReportHoldersChanged changed) {
        if (changed.holds()) {
            cases.hold(changed.organization(), changed.report(), changed.member());
        } else {
            cases.release(changed.organization(), changed.report(), changed.member());
        }
    }

    /** A deactivated member holds nothing any more: their grants go in the same transaction. */
    @EventListener
    void on(StaffDeactivated deactivated) {
        cases.releaseAll(deactivated.organization(), deactivated.member());
    }

    /**
     * Keeps the inbox's activity current, in the message's transaction; a reporter's message is
     * unread, and answers a request for information: a case awaiting the reporter resumes.
     */
    @EventListener
    void on(MessagePosted posted) {
        cases.touch(posted.report(), posted.at(), posted.fromReporter());
        if (posted.fromReporter()) {
            cases.byReport(posted.organization(), posted.report())
                    .map(Cases.Listed::aggregate)
                    .filter(current -> current.state() == CaseState.AWAITING_REPORTER)
                    .ifPresent(current -> save(Actor.REPORTER, current, current.investigate()));
        }
    }

    /**
     * Returns one page of an inbox: the cases granted to {@code viewer} or, for a supervisor who asks,
     * every case of the organisation (metadata only: opening one still needs its key).
     *
     * @throws org.springframework.security.access.AccessDeniedException if a handler asks for every case
     */
    @Transactional(readOnly = true)
    public Page inbox(StaffPrincipal viewer, InboxQuery query) {
        if (query.scope() == InboxQuery.Scope.ALL) {
            viewer.require(Role.SUPERVISOR);
        } else if (!viewer.has(Role.SUPERVISOR)) {
            viewer.require(Role.HANDLER);
        }
        var mine = query.scope() != InboxQuery.Scope.ALL;
        var rows = cases.search(
                viewer.organization(),
                mine ? viewer.id() : null,
                query,
                web.timeZone(),
                clock.instant(),
                InboxQuery.PAGE_SIZE + 1);
        var hasNext = rows.size() > InboxQuery.PAGE_SIZE;
        var shown = hasNext ? rows.subList(0, InboxQuery.PAGE_SIZE) : rows;
        var next = hasNext
                ? new InboxQuery.Cursor(
                        shown.getLast().sortValue(query.sort()),
                        shown.getLast().aggregate().id().value())
                : null;
        if (mine) {
            // the read model only finds them: what is listed is what the grants say the viewer holds
            var held = reports.heldBy(
                    viewer, shown.stream().map(row -> row.aggregate().report()).toList());
            shown = shown.stream()
                    .filter(row -> held.contains(row.aggregate().report()))
                    .toList();
        }
        return new Page(summaries(viewer, shown), next);
    }

    /**
     * Opens a case granted to the keyring's owner, with its report and thread, and marks it read.
     *
     * @throws NoSuchElementException if there is none in their organisation, or it is not granted to them
     */
    @Transactional
    public CaseView view(Keyring keyring, CaseId id) {
        var listed = granted(keyring.owner(), id);
        return view(
                keyring.owner(),
                listed,
                reports.unlock(keyring, listed.aggregate().report()));
    }

    /** Opens a case whose key is open, for {@code staff} who holds it; marks it read and audits. */
    CaseView view(StaffPrincipal staff, Cases.Listed listed, ReportKey key) {
        var id = listed.aggregate().id();
        cases.markRead(id);
        audit.record(staff.organization(), Actor.staff(staff.id()), new CaseAudit.Opened(id));
        var report = reports.read(key);
        var aggregate = listed.aggregate();
        return new CaseView(
                summary(staff, listed),
                aggregate,
                deadlines.of(id),
                policies.version(
                        staff.organization(),
                        aggregate.policy().profile(),
                        aggregate.policy().version()),
                members(aggregate),
                report,
                channels.questionnaire(report.channel(), report.questionnaireVersion()),
                mailbox.thread(key),
                openNotes(key, id),
                links.of(id),
                identities.given(staff.organization(), aggregate.report()));
    }

    /** Returns a case's internal notes, opened with its key. */
    List<CaseNote> openNotes(ReportKey key, CaseId id) {
        var sealed = notes.of(id);
        var names = staff.names(
                key.organization(),
                sealed.stream().map(Notes.Sealed::author).distinct().toList());
        return sealed.stream()
                .map(note -> new CaseNote(
                        note.id(),
                        note.author(),
                        names.getOrDefault(note.author(), ""),
                        note.writtenAt(),
                        new String(key.open(noteContext(note.id()), note.body()), StandardCharsets.UTF_8)))
                .toList();
    }

    static String noteContext(UUID note) {
        return "note:" + note + ":body";
    }

    /**
     * Sends the keyring's owner's message to the reporter of a case granted to them.
     *
     * @throws NoSuchElementException if the case is not theirs
     * @throws org.tipline.shared.InvalidInput if the message is empty or too long
     */
    @Transactional
    public void reply(Keyring keyring, CaseId id, String body) {
        mailbox.post(unlock(keyring, id), body);
    }

    /**
     * Opens one attachment of a case granted to the keyring's owner; audited by reports.
     *
     * @throws NoSuchElementException if the case or attachment is not theirs
     */
    @Transactional
    public Report.OpenedAttachment attachment(Keyring keyring, CaseId id, UUID attachment) {
        return reports.attachment(unlock(keyring, id), attachment);
    }

    /**
     * Carries out a handler's command on a case granted to them, in one transaction: the move, its
     * deadlines, the notice to the reporter, the reporter's status and the audit entries all happen,
     * or none does.
     *
     * @param seen the version of the case the handler saw, or null to act on whatever it is now
     * @return the changed case
     * @throws NoSuchElementException if the case is not granted to the keyring's owner
     * @throws IllegalTransition if the case's state does not allow the move
     * @throws CaseRuleBroken if the case's rules do not (a risk assessment missing, no waiver or extension allowed)
     * @throws InvalidInput if a reason, justification or message is missing or wrong
     * @throws CaseChangedMeanwhile if someone else changed the case since {@code seen}, or at the same time
     * @see CaseStateChanged
     */
    @Transactional
    public Case act(Keyring keyring, CaseId id, @Nullable Long seen, CaseCommand command) {
        var staff = keyring.owner();
        var current = granted(staff, id).aggregate();
        if (seen != null && seen != current.version()) {
            throw new CaseChangedMeanwhile();
        }
        var key = reports.unlock(keyring, current.report());
        var rules = policies.version(
                        staff.organization(),
                        current.policy().profile(),
                        current.policy().version())
                .rules();
        var calendar = policies.calendar(staff.organization(), rules);
        var now = clock.instant();
        var actor = Actor.staff(staff.id());
        Case changed = switch (command) {
            case CaseCommand.Acknowledge acknowledge -> {
                var moved = current.acknowledge(now);
                deadlines.meet(id, Deadline.Kind.ACKNOWLEDGEMENT, now);
                var feedbackBy = rules.feedbackBy(current.receivedAt(), now, calendar);
                deadlines.reschedule(
                        id, Deadline.Kind.FEEDBACK, feedbackBy, rules.reminder().before(feedbackBy, calendar), now);
                mailbox.notify(key, Notice.ACKNOWLEDGEMENT, acknowledge.message());
                mailbox.expect(current.report(), null, feedbackBy);
                yield moved;
            }
            case CaseCommand.WaiveAcknowledgement waiver -> {
                var moved = current.waiveAcknowledgement(rules, waiver.reason());
                var deadline = openDeadline(id, Deadline.Kind.ACKNOWLEDGEMENT);
                deadlines.close(
                        deadline.id(),
                        Deadline.Status.WAIVED,
                        waiver.reason(),
                        justification(key, deadline, waiver.justification()),
                        staff.id(),
                        now);
                audit.record(
                        staff.organization(), actor, new CaseAudit.DeadlineWaived(id, Deadline.Kind.ACKNOWLEDGEMENT));
                mailbox.expect(current.report(), null, feedbackDue(id));
                yield moved;
            }
            case CaseCommand.StartTriage triage -> current.startTriage();
            case CaseCommand.AssessRisk assessment -> {
                var assessed = current.assessRisk(assessment.level());
                audit.record(staff.organization(), actor, new CaseAudit.RiskAssessed(id, assessment.level()));
                yield assessed;
            }
            case CaseCommand.Investigate investigate -> current.investigate();
            case CaseCommand.RequestInformation request -> {
                var waiting = current.awaitReporter();
                mailbox.notify(key, Notice.QUESTION, request.question());
                yield waiting;
            }
            case CaseCommand.Address address -> current.address();
            case CaseCommand.GiveFeedback feedback -> {
                if (!current.takesFeedback()) {
                    throw new CaseRuleBroken(
                            "error.case.feedback-state",
                            "A case in state " + current.state() + " takes no separate feedback.");
                }
                giveFeedback(key, current, feedback.message(), now);
                yield current;
            }
            case CaseCommand.Conclude conclusion -> {
                var concluded = current.conclude(conclusion.outcome());
                giveFeedback(key, current, conclusion.message(), now);
                yield concluded;
            }
            case CaseCommand.Refer referral -> {
                var referred = current.refer(referral.to());
                giveFeedback(key, current, referral.message(), now);
                yield referred;
            }
            case CaseCommand.Close closing -> {
                var closed = current.closeWithoutAction(rules, closing.reason());
                giveFeedback(key, current, closing.message(), now);
                yield closed;
            }
            case CaseCommand.Archive archive -> current.archive();
            case CaseCommand.ExtendFeedback extension -> {
                extendFeedback(key, current, rules, calendar, extension.justification(), now);
                yield current;
            }
        };
        save(actor, current, changed);
        cases.refreshDeadlines(List.of(id));
        return changed;
    }

    /**
     * Merges two cases the keyring's owner both holds, found by the other's reference: whichever was
     * registered later is concluded as the duplicate of the earlier (which keeps priority and goes
     * on), its reporter is told in the mailbox, its open deadlines are met, and everyone who works
     * the earlier case is handed the later one's key (audited by reports).
     *
     * @param seen the version of case {@code id} the handler saw, or null
     * @return the case that goes on
     * @throws NoSuchElementException if case {@code id} is not granted to the keyring's owner
     * @throws InvalidInput if the other reference names no case they hold, or this one; or the message is empty
     * @throws IllegalTransition if the later case is already concluded, closed or archived
     * @throws CaseRuleBroken if the earlier case was itself merged or purged
     * @throws CaseChangedMeanwhile if case {@code id} changed since {@code seen} or at the same time
     */
    @Transactional
    public CaseId merge(Keyring keyring, CaseId id, @Nullable Long seen, String otherReference, String message) {
        var owner = keyring.owner();
        var one = granted(owner, id).aggregate();
        if (seen != null && seen != one.version()) {
            throw new CaseChangedMeanwhile();
        }
        var two = other(owner, one, otherReference);
        if (message.isBlank()) {
            throw new InvalidInput(Map.of("message", "error.required"));
        }
        var oneFirst = registeredFirst(one, two);
        var survivor = oneFirst ? one : two;
        var duplicate = oneFirst ? two : one;
        if (survivor.state() == CaseState.PURGED
                || links.mergedInto(survivor.id()).isPresent()) {
            throw new CaseRuleBroken(
                    "error.case.merge-target",
                    "The earlier case " + survivor.reference() + " was purged or merged itself.");
        }
        var merged = duplicate.mergeInto();
        var key = reports.unlock(keyring, duplicate.report());
        var now = clock.instant();
        deadlines.meet(duplicate.id(), Deadline.Kind.ACKNOWLEDGEMENT, now);
        giveFeedback(key, duplicate, message, now);
        links.link(survivor.id(), duplicate.id(), owner.organization(), CaseLink.Kind.DUPLICATE, owner.id(), now);
        var newcomers = reports.holders(owner.organization(), survivor.report()).stream()
                .filter(holder -> !reports.holds(holder, owner.organization(), duplicate.report()))
                .toList();
        staff.recipients(owner.organization(), newcomers).forEach(recipient -> reports.grant(key, recipient));
        var actor = Actor.staff(owner.id());
        audit.record(owner.organization(), actor, new CaseAudit.Merged(duplicate.id(), survivor.id(), true));
        audit.record(owner.organization(), actor, new CaseAudit.Merged(survivor.id(), duplicate.id(), false));
        save(actor, duplicate, merged);
        cases.refreshDeadlines(List.of(duplicate.id()));
        return survivor.id();
    }

    /**
     * Links case {@code id} to the case of {@code otherReference} as related, or removes that link;
     * both must be held by {@code staff}. Audited on both cases when it changed anything.
     *
     * @throws NoSuchElementException if case {@code id} is not granted to them
     * @throws InvalidInput if the other reference names no case they hold, or this one
     */
    @Transactional
    public void link(StaffPrincipal staff, CaseId id, String otherReference, boolean add) {
        var one = granted(staff, id).aggregate();
        var two = other(staff, one, otherReference);
        var oneFirst = registeredFirst(one, two);
        var changed = add
                ? links.link(
                        oneFirst ? one.id() : two.id(),
                        oneFirst ? two.id() : one.id(),
                        staff.organization(),
                        CaseLink.Kind.RELATED,
                        staff.id(),
                        clock.instant())
                : links.unlink(one.id(), two.id());
        if (changed) {
            var actor = Actor.staff(staff.id());
            audit.record(staff.organization(), actor, new CaseAudit.Linked(one.id(), two.id(), add));
            audit.record(staff.organization(), actor, new CaseAudit.Linked(two.id(), one.id(), add));
        }
    }

    /** Returns whether {@code one} was registered before {@code two} (by receipt, then by id, so never both). */
    private static boolean registeredFirst(Case one, Case two) {
        return one.receivedAt().isBefore(two.receivedAt())
                || (one.receivedAt().equals(two.receivedAt())
                        && one.id().value().compareTo(two.id().value()) < 0);
    }

    /** Finds the other case of a link or merge by its reference, among those {@code staff} holds. */
    private Case other(StaffPrincipal staff, Case one, String reference) {
        var wanted = reference.strip().toUpperCase(java.util.Locale.ROOT);
        if (wanted.isEmpty()) {
            throw new InvalidInput(Map.of("other", "error.required"));
        }
        var other = cases.byReference(staff.organization(), wanted)
                .map(Cases.Listed::aggregate)
                .filter(found -> reports.holds(staff, found.report()))
                .orElseThrow(() -> new InvalidInput(Map.of("other", "error.case.other")));
        if (other.id().equals(one.id())) {
            throw new InvalidInput(Map.of("other", "error.case.other-self"));
        }
        return other;
    }

    /**
     * Makes {@code handler} responsible for a case and hands them its key: the supervisor, who must
     * hold it, wraps it to them (audited by reports). With {@code releasePrevious}, the previous
     * assignee's access is removed.
     *
     * @throws NoSuchElementException if there is no such case in the supervisor's organisation
     * @throws InvalidInput if {@code handler} is not an active handler of the organisation
     * @throws CaseRuleBroken if the supervisor holds no key of the case
     * @throws IllegalTransition if the case is archived or purged
     * @throws CaseChangedMeanwhile if the case changed since {@code seen} or at the same time
     */
    @Transactional
    public Case assign(Keyring keyring, CaseId id, @Nullable Long seen, StaffId handler, boolean releasePrevious) {
        var supervisor = keyring.owner();
        supervisor.require(Role.SUPERVISOR);
        var current = cases.find(supervisor.organization(), id)
                .orElseThrow(() -> new NoSuchElementException("No such case"))
                .aggregate();
        if (seen != null && seen != current.version()) {
            throw new CaseChangedMeanwhile();
        }
        var member = staff.find(supervisor.organization(), handler)
                .filter(found -> found.roles().contains(Role.HANDLER))
                .flatMap(found -> staff.recipients(supervisor.organization(), List.of(handler)).stream()
                        .findFirst())
                .orElseThrow(() -> new InvalidInput(Map.of("assignee", "error.case.assignee")));
        if (!reports.holds(supervisor, current.report())) {
            throw new CaseRuleBroken(
                    "error.case.assign-needs-key",
                    "You hold no key of this case, so you cannot hand it on. Ask someone who holds it.");
        }
        var changed = current.assign(handler);
        if (!reports.holds(member.id(), supervisor.organization(), current.report())) {
            reports.grant(reports.unlock(keyring, current.report()), member);
        }
        var previous = current.assignee();
        if (releasePrevious && previous != null && !previous.equals(handler) && !previous.equals(supervisor.id())) {
            reports.revoke(supervisor, current.report(), previous);
        }
        audit.record(supervisor.organization(), Actor.staff(supervisor.id()), new CaseAudit.Assigned(id, handler));
        save(Actor.staff(supervisor.id()), current, changed);
        events.publishEvent(new CaseAssigned(id, supervisor.organization(), handler));
        return changed;
    }

    /**
     * Removes someone's access to a case: their grant of its key is deleted (audited by reports).
     * The last holder cannot be removed, or nobody could read the case again.
     *
     * @throws NoSuchElementException if there is no such case, or the supervisor holds no key of it
     * @throws CaseRuleBroken if {@code member} is the last who holds it
     */
    @Transactional
    public void removeAccess(StaffPrincipal supervisor, CaseId id, StaffId member) {
        supervisor.require(Role.SUPERVISOR);
        var current = cases.find(supervisor.organization(), id)
                .orElseThrow(() -> new NoSuchElementException("No such case"))
                .aggregate();
        var holders = reports.holders(supervisor.organization(), current.report());
        if (!holders.contains(member)) {
            throw new NoSuchElementException("No such member");
        }
        if (holders.size() == 1) {
            throw new CaseRuleBroken(
                    "error.case.last-holder", "The last person who holds the case's key cannot be removed.");
        }
        reports.revoke(supervisor, current.report(), member);
        audit.record(supervisor.organization(), Actor.staff(supervisor.id()), new CaseAudit.AccessRemoved(id, member));
        if (member.equals(current.assignee())) {
            save(Actor.staff(supervisor.id()), current, current.unassign());
        }
    }

    /** The longest label. */
    public static final int LABEL_LIMIT = 40;

    /**
     * Sets the priority of a case granted to {@code staff}; audited.
     *
     * @throws NoSuchElementException if the case is not granted to them
     * @throws CaseChangedMeanwhile if it changed since {@code seen}
     */
    @Transactional
    public void setPriority(StaffPrincipal staff, CaseId id, @Nullable Long seen, Priority priority) {
        var current = granted(staff, id).aggregate();
        var version = seen == null ? current.version() : seen;
        if (!cases.setPriority(id, staff.organization(), version, priority)) {
            throw new CaseChangedMeanwhile();
        }
        audit.record(staff.organization(), Actor.staff(staff.id()), new CaseAudit.PriorityChanged(id, priority));
    }

    /**
     * Puts a label (a plain name the team uses, like a category) on a case granted to {@code staff},
     * or takes it off; audited when it changed anything.
     *
     * @throws NoSuchElementException if the case is not granted to them
     * @throws InvalidInput if the name is empty, longer than {@value #LABEL_LIMIT} or holds control characters
     */
    @Transactional
    public void label(StaffPrincipal staff, CaseId id, String name, boolean add) {
        granted(staff, id);
        var label = name.strip();
        if (label.isEmpty() || label.length() > LABEL_LIMIT || label.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidInput(Map.of("label", label.isEmpty() ? "error.required" : "error.case.label"));
        }
        var changed = add ? cases.label(id, staff.organization(), label) : cases.unlabel(id, label);
        if (changed) {
            audit.record(staff.organization(), Actor.staff(staff.id()), new CaseAudit.Labelled(id, add));
        }
    }

    /**
     * Returns the supervisor's overview of the organisation's case handling: numbers only, read
     * from the tallies the database keeps as cases and deadlines change (V31), and kept for
     * {@code tipline.cases.overview-cache} (a minute) per organisation.
     */
    @Transactional(readOnly = true)
    public Overview overview(StaffPrincipal supervisor) {
        supervisor.require(Role.SUPERVISOR);
        if (overviews == null) {
            return count(supervisor.organization());
        }
        return overviews.get(supervisor.organization(), this::count);
    }

    private Overview count(OrganizationId organization) {
        var now = clock.instant();
        var byState = new java.util.EnumMap<CaseState, Long>(CaseState.class);
        var byChannel = new java.util.HashMap<ChannelId, Long>();
        for (var row : cases.openByStateAndChannel(organization)) {
            var count = (Long) row[2];
            byState.merge((CaseState) row[0], count, Long::sum);
            byChannel.merge((ChannelId) row[1], count, Long::sum);
        }
        var names = channels.names(organization, byChannel.keySet());
        var channelCounts = byChannel.entrySet().stream()
                .map(entry -> new Overview.ChannelCount(names.getOrDefault(entry.getKey(), ""), entry.getValue()))
                .sorted(java.util.Comparator.comparingLong(Overview.ChannelCount::open)
                        .reversed()
                        .thenComparing(Overview.ChannelCount::channel))
                .toList();
        var quarter = now.minus(java.time.Duration.ofDays(90));
        return new Overview(
                byState,
                channelCounts,
                deadlines.dueBetween(organization, now, now.plus(java.time.Duration.ofDays(7))),
                deadlines.breachedBetween(organization, now.minus(java.time.Duration.ofDays(30)), now),
                cases.overdueCount(organization, now),
                cases.medianDays(organization, Deadline.Kind.ACKNOWLEDGEMENT, quarter),
                cases.medianDays(organization, Deadline.Kind.FEEDBACK, quarter),
                now);
    }

    /**
     * Returns, per campaign code of {@code codes}, how many of the organisation's reports came
     * through it and how many of those were concluded substantiated; a code no report carried is
     * absent. Counts only: for the campaign results its owner shows to supervisors.
     */
    @Transactional(readOnly = true)
    public Map<String, CampaignTally> campaignTallies(OrganizationId organization, java.util.Collection<String> codes) {
        return cases.campaignTallies(organization, codes);
    }

    /**
     * Counts the organisation's cases received in [{@code from}, {@code to}): in all, per channel,
     * per way they ended, and their deadlines met and missed. Counts only, for a published report.
     */
    @Transactional(readOnly = true)
    public CaseStatistics statistics(OrganizationId organization, Instant from, Instant to) {
        var byChannel = cases.receivedByChannel(organization, from, to);
        var names = channels.names(organization, byChannel.keySet());
        var named = new java.util.TreeMap<String, Long>();
        byChannel.forEach((channel, count) -> named.merge(names.getOrDefault(channel, "?"), count, Long::sum));
        return new CaseStatistics(
                from,
                to,
                byChannel.values().stream().mapToLong(Long::longValue).sum(),
                named,
                cases.receivedByResult(organization, from, to),
                cases.deadlinesMet(organization, Deadline.Kind.ACKNOWLEDGEMENT, from, to),
                cases.deadlinesMet(organization, Deadline.Kind.FEEDBACK, from, to));
    }

    /** The cases a run of the deadline job found: with a deadline missed, or one due soon. */
    public record PassedCases(List<CaseId> breached, List<CaseId> approaching) {}

    /** Returns the cases of a run of the deadline job, for those it must tell. */
    @Transactional(readOnly = true)
    public PassedCases passed(DeadlinesPassed run) {
        // an announcement stored before runs had a span (republished after an upgrade) has no
        // start: its breaches were told by the rows it marked, which are open again; none is told twice
        var since = run.since();
        return new PassedCases(
                since == null ? List.of() : deadlines.cameDue(run.organization(), since, run.at()),
                deadlines.remindedAt(run.organization(), run.at()));
    }

    /**
     * Returns what a module above may know of case {@code id} of {@code organization} to act on its
     * result: ids, state, outcome, times and the cases merged into it.
     */
    @Transactional(readOnly = true)
    public java.util.Optional<CaseFacts> facts(OrganizationId organization, CaseId id) {
        return cases.find(organization, id).map(Cases.Listed::aggregate).map(this::facts);
    }

    /** Returns the facts of the case with {@code reference} in {@code organization}. */
    @Transactional(readOnly = true)
    public java.util.Optional<CaseFacts> facts(OrganizationId organization, String reference) {
        return cases.byReference(organization, reference)
                .map(Cases.Listed::aggregate)
                .map(this::facts);
    }

    private CaseFacts facts(Case of) {
        var merged = links.of(of.id()).stream()
                .filter(CaseLink::mergedHere)
                .map(link -> cases.find(of.organization(), link.other())
                        .map(Cases.Listed::aggregate)
                        .map(other -> new CaseFacts.Merged(
                                other.id(), other.report(), other.reference(), other.receivedAt())))
                .flatMap(java.util.Optional::stream)
                .toList();
        return new CaseFacts(
                of.id(),
                of.organization(),
                of.report(),
                of.channel(),
                of.reference(),
                of.state(),
                of.outcome(),
                of.receivedAt(),
                cases.closedAt(of.id()),
                cases.campaign(of.id()),
                merged);
    }

    /** Returns what may be said of the case of {@code report} outside it, for messages to staff. */
    @Transactional(readOnly = true)
    public java.util.Optional<CaseRef> ofReport(OrganizationId organization, ReportId report) {
        return cases.byReport(organization, report).map(Cases.Listed::aggregate).map(this::ref);
    }

    /** Returns what may be said of case {@code id} outside it, for messages to staff. */
    @Transactional(readOnly = true)
    public java.util.Optional<CaseRef> ref(OrganizationId organization, CaseId id) {
        return cases.find(organization, id).map(Cases.Listed::aggregate).map(this::ref);
    }

    private CaseRef ref(Case of) {
        return new CaseRef(of.id(), of.reference(), of.assignee(), reports.holders(of.organization(), of.report()));
    }

    /** Returns the staff who may assign and be assigned: the organisation's active handlers. */
    @Transactional(readOnly = true)
    public List<StaffMember> handlers(StaffPrincipal supervisor) {
        supervisor.require(Role.SUPERVISOR);
        return staff.members(supervisor.organization()).stream()
                .filter(member -> member.roles().contains(Role.HANDLER))
                .toList();
    }

    private List<CaseView.Member> members(Case of) {
        var holders = reports.holders(of.organization(), of.report());
        var names = staff.names(of.organization(), holders);
        return holders.stream()
                .map(holder ->
                        new CaseView.Member(holder, names.getOrDefault(holder, ""), holder.equals(of.assignee())))
                .toList();
    }

    private void giveFeedback(ReportKey key, Case current, String message, Instant now) {
        mailbox.notify(key, Notice.FEEDBACK, message);
        deadlines.meet(current.id(), Deadline.Kind.FEEDBACK, now);
        cases.feedbackGiven(current.id(), now);
        mailbox.expect(current.report(), null, null);
        var staff = key.openedBy().orElseThrow();
        audit.record(staff.organization(), Actor.staff(staff.id()), new CaseAudit.FeedbackGiven(current.id()));
    }

    private void extendFeedback(
            ReportKey key,
            Case current,
            PolicyRules rules,
            WorkingCalendar calendar,
            String justification,
            Instant now) {
        if (current.isClosed()) {
            throw new CaseRuleBroken(
                    "error.case.extension-closed",
                    "A case in state " + current.state() + " has no deadline to extend.");
        }
        var extendedBy = rules.extendedFeedbackBy(current.receivedAt(), current.acknowledgedAt(), calendar)
                .orElseThrow(() -> new CaseRuleBroken(
                        "error.case.extension-not-allowed", "This case's policy does not allow extending feedback."));
        if (deadlines.extended(current.id(), Deadline.Kind.FEEDBACK)) {
            throw new CaseRuleBroken("error.case.already-extended", "The feedback deadline was extended before.");
        }
        var deadline = openDeadline(current.id(), Deadline.Kind.FEEDBACK);
        var staff = key.openedBy().orElseThrow();
        deadlines.close(
                deadline.id(),
                Deadline.Status.EXTENDED,
                null,
                justification(key, deadline, justification),
                staff.id(),
                now);
        deadlines.start(
                current,
                Deadline.Kind.FEEDBACK,
                extendedBy,
                java.util.Objects.requireNonNull(rules.feedbackExtendableTo()).toString(),
                rules.reminder().before(extendedBy, calendar),
                now,
                deadline.id());
        audit.record(
                staff.organization(),
                Actor.staff(staff.id()),
                new CaseAudit.DeadlineExtended(current.id(), Deadline.Kind.FEEDBACK));
        mailbox.expect(
                current.report(),
                current.state() == CaseState.RECEIVED ? dueOf(current.id(), Deadline.Kind.ACKNOWLEDGEMENT) : null,
                extendedBy);
    }

    /** Seals a waiver's or extension's justification with the report key, after checking it. */
    private static byte[] justification(ReportKey key, Deadline deadline, String text) {
        var stripped = text.strip();
        if (stripped.isEmpty()) {
            throw new InvalidInput(Map.of("justification", "error.required"));
        }
        if (stripped.length() > JUSTIFICATION_LIMIT) {
            throw new InvalidInput(Map.of("justification", "error.too-long"));
        }
        return key.seal("deadline:" + deadline.id() + ":justification", stripped.getBytes(StandardCharsets.UTF_8));
    }

    private Deadline openDeadline(CaseId id, Deadline.Kind kind) {
        return deadlines
                .current(id, kind)
                .filter(deadline -> deadline.status() == Deadline.Status.OPEN)
                .orElseThrow(
                        () -> new CaseRuleBroken(
                                "error.case.deadline-not-open",
                                "The " + kind.name().toLowerCase(java.util.Locale.ROOT)
                                        + " deadline is no longer open: it was met, waived or extended, or its time has passed."));
    }

    private @Nullable Instant feedbackDue(CaseId id) {
        return dueOf(id, Deadline.Kind.FEEDBACK);
    }

    private @Nullable Instant dueOf(CaseId id, Deadline.Kind kind) {
        return deadlines
                .current(id, kind)
                .filter(deadline -> deadline.status() == Deadline.Status.OPEN)
                .map(Deadline::dueAt)
                .orElse(null);
    }

    /**
     * Saves a changed case if its version did not move meanwhile; a change of state is told to the
     * reporter (their plain status), audited and announced.
     */
    private void save(Actor actor, Case current, Case changed) {
        if (!cases.save(changed)) {
            throw new CaseChangedMeanwhile();
        }
        if (changed.state() == current.state()) {
            return;
        }
        mailbox.setStatus(changed.report(), changed.state().reporterStatus());
        audit.record(changed.organization(), actor, new CaseAudit.Moved(changed.id(), changed.state()));
        events.publishEvent(
                new CaseStateChanged(changed.id(), changed.organization(), current.state(), changed.state()));
    }

    ReportKey unlock(Keyring keyring, CaseId id) {
        return reports.unlock(keyring, granted(keyring.owner(), id).aggregate().report());
    }

    Cases.Listed granted(StaffPrincipal staff, CaseId id) {
        staff.require(Role.HANDLER);
        return cases.find(staff.organization(), id)
                .filter(listed -> reports.holds(staff, listed.aggregate().report()))
                .orElseThrow(() -> new NoSuchElementException("No such case"));
    }

    private CaseSummary summary(StaffPrincipal staff, Cases.Listed listed) {
        return summaries(staff, List.of(listed)).getFirst();
    }

    private List<CaseSummary> summaries(StaffPrincipal viewer, List<Cases.Listed> rows) {
        var names = channels.names(
                viewer.organization(),
                rows.stream().map(row -> row.aggregate().channel()).distinct().toList());
        var assignees = staff.names(
                viewer.organization(),
                rows.stream()
                        .map(row -> row.aggregate().assignee())
                        .filter(java.util.Objects::nonNull)
                        .distinct()
                        .toList());
        var now = clock.instant();
        return rows.stream()
                .map(row -> {
                    var aggregate = row.aggregate();
                    return new CaseSummary(
                            aggregate.id(),
                            aggregate.report(),
                            aggregate.reference(),
                            names.getOrDefault(aggregate.channel(), ""),
                            aggregate.state(),
                            aggregate.receivedAt(),
                            row.lastActivity(),
                            row.unread(),
                            aggregate.version(),
                            row.category(),
                            row.priority(),
                            row.nextDueAt(),
                            row.nextDueAt() != null && !row.nextDueAt().isAfter(now),
                            aggregate.assignee(),
                            aggregate.assignee() == null ? null : assignees.get(aggregate.assignee()),
                            row.labels());
                })
                .toList();
    }
}
