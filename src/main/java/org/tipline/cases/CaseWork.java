package org.tipline.cases;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.tipline.accounts.StaffDirectory;
import org.tipline.audit.Actor;
import org.tipline.audit.AuditLog;
import org.tipline.crypto.Keyring;
import org.tipline.reports.ReportKey;
import org.tipline.shared.InvalidInput;
import org.tipline.shared.StaffId;

/**
 * Working a case beside its workflow: internal notes, sealed with the report key and never shown
 * to the reporter, and the timeline of everything that happened to it — its audited actions and
 * its deadlines, with the justifications of waivers and extensions opened.
 */
@Service
public class CaseWork {

    /** The longest note. */
    public static final int NOTE_LIMIT = 20_000;

    /** The most audit entries a timeline reads. */
    static final int TIMELINE_LIMIT = 2_000;

    private final CaseManagement cases;
    private final Notes notes;
    private final Deadlines deadlines;
    private final Links links;
    private final StaffDirectory staff;
    private final AuditLog audit;
    private final Clock clock;

    CaseWork(
            CaseManagement cases,
            Notes notes,
            Deadlines deadlines,
            Links links,
            StaffDirectory staff,
            AuditLog audit,
            Clock clock) {
        this.cases = cases;
        this.notes = notes;
        this.deadlines = deadlines;
        this.links = links;
        this.staff = staff;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Writes an internal note on a case granted to the keyring's owner, sealed with its key; audited
     * (the text never is).
     *
     * @throws java.util.NoSuchElementException if the case is not granted to them
     * @throws InvalidInput if the note is empty or longer than {@value #NOTE_LIMIT} characters
     */
    @Transactional
    public UUID note(Keyring keyring, CaseId id, String body) {
        var text = body.strip();
        if (text.isEmpty()) {
            throw new InvalidInput(Map.of("note", "error.required"));
        }
        if (text.length() > NOTE_LIMIT) {
            throw new InvalidInput(Map.of("note", "error.too-long"));
        }
        var key = cases.unlock(keyring, id);
        var author = keyring.owner();
        var note = UUID.randomUUID();
        notes.insert(
                note,
                id,
                author.organization(),
                author.id(),
                clock.instant(),
                key.seal(CaseManagement.noteContext(note), text.getBytes(StandardCharsets.UTF_8)));
        audit.record(author.organization(), Actor.staff(author.id()), new CaseAudit.NoteWritten(id));
        return note;
    }

    /**
     * Returns the timeline of a case granted to the keyring's owner, oldest first: what its audit
     * entries and those of its report say, and each deadline's start and end. Opening it is audited
     * like opening the case.
     *
     * @throws java.util.NoSuchElementException if the case is not granted to them
     */
    @Transactional
    public List<TimelineEntry> timeline(Keyring keyring, CaseId id) {
        var key = cases.unlock(keyring, id);
        var owner = keyring.owner();
        audit.record(owner.organization(), Actor.staff(owner.id()), new CaseAudit.Opened(id));
        return timeline(key, id);
    }

    /** Returns the timeline of a case whose key is open. */
    List<TimelineEntry> timeline(ReportKey key, CaseId id) {
        var organization = key.organization();
        var entries =
                audit.about(organization, List.of("case:" + id, key.report().subject()), TIMELINE_LIMIT);
        var rows = deadlines.of(id);
        var people = new HashSet<StaffId>();
        for (var entry : entries) {
            staffIn(entry.actor()).ifPresent(people::add);
            if (entry.subject() != null) {
                staffIn(entry.subject().substring(entry.subject().lastIndexOf('/') + 1))
                        .ifPresent(people::add);
            }
        }
        rows.stream().map(Deadline::actor).filter(java.util.Objects::nonNull).forEach(people::add);
        var names = staff.names(organization, people);
        var references = new java.util.HashMap<String, String>();
        links.of(id).forEach(link -> references.put("case:" + link.other(), link.reference()));
        var timeline = new ArrayList<TimelineEntry>();
        for (var entry : entries) {
            if (entry.action().equals("deadline.waived") || entry.action().equals("deadline.extended")) {
                continue; // told below from the deadline's row, with its reason and justification
            }
            String detail = null;
            var subject = entry.subject();
            if (subject != null && subject.contains("/")) {
                var other = subject.substring(subject.lastIndexOf('/') + 1);
                detail = staffIn(other)
                        .map(member -> names.getOrDefault(member, ""))
                        .orElse(references.getOrDefault(other, null));
            }
            timeline.add(new TimelineEntry(entry.occurredAt(), who(entry.actor(), names), entry.action(), detail));
        }
        var started = deadlines.started(id);
        var justifications = deadlines.justifications(id);
        for (var deadline : rows) {
            var kind = deadline.kind().name().toLowerCase(java.util.Locale.ROOT);
            var start = started.get(deadline.id());
            if (start != null) {
                timeline.add(new TimelineEntry(start, "system", "deadline.started", kind + " · " + deadline.counted()));
            }
            var sealed = justifications.get(deadline.id());
            var because = deadline.reason();
            if (sealed != null) {
                var opened = new String(
                        key.open("deadline:" + deadline.id() + ":justification", sealed), StandardCharsets.UTF_8);
                because = because == null ? opened : because + " · " + opened;
            }
            var who = deadline.actor() == null ? "system" : names.getOrDefault(deadline.actor(), "");
            switch (deadline.status()) {
                case OPEN -> {}
                case MET ->
                    timeline.add(new TimelineEntry(
                            java.util.Objects.requireNonNullElse(deadline.metAt(), deadline.changedAt()),
                            who,
                            "deadline.met",
                            kind));
                case BREACHED -> {
                    timeline.add(new TimelineEntry(deadline.dueAt(), "system", "deadline.breached", kind));
                    if (deadline.metAt() != null) {
                        timeline.add(new TimelineEntry(deadline.metAt(), who, "deadline.met-late", kind));
                    }
                }
                case WAIVED, EXTENDED ->
                    timeline.add(new TimelineEntry(
                            deadline.changedAt(),
                            who,
                            "deadline." + deadline.status().name().toLowerCase(java.util.Locale.ROOT),
                            because == null ? kind : kind + " · " + because));
            }
        }
        timeline.sort(Comparator.comparing(TimelineEntry::at));
        return collapse(timeline);
    }

    /** Drops repeats: the same person doing the same thing again right after (opening a case twice). */
    private static List<TimelineEntry> collapse(List<TimelineEntry> timeline) {
        var kept = new ArrayList<TimelineEntry>();
        for (var entry : timeline) {
            var last = kept.isEmpty() ? null : kept.getLast();
            if (last != null
                    && last.who().equals(entry.who())
                    && last.what().equals(entry.what())
                    && java.util.Objects.equals(last.detail(), entry.detail())) {
                continue;
            }
            kept.add(entry);
        }
        return kept;
    }

    private static String who(String actor, Map<StaffId, String> names) {
        return staffIn(actor).map(member -> names.getOrDefault(member, "")).orElse(actor);
    }

    private static java.util.Optional<StaffId> staffIn(String name) {
        if (!name.startsWith("staff:")) {
            return java.util.Optional.empty();
        }
        try {
            return java.util.Optional.of(new StaffId(UUID.fromString(name.substring(6))));
        } catch (IllegalArgumentException e) {
            return java.util.Optional.empty();
        }
    }
}
