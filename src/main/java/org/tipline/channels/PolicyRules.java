package org.tipline.channels;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.tipline.shared.InvalidInput;

/**
 * The deadline rules of a policy profile (DOMAIN.md, "Reporting channels and deadlines"): how long
 * to acknowledge a report and whether and why that may be waived, how long until feedback and how
 * far it may be extended with a justification, when to remind, which weekdays count as working
 * days, the reasons a case may be closed without action, and how long a finished case keeps its
 * content before it is purged ({@code retention}; none: until someone purges it).
 *
 * <p>Implementation notes: the written form (YAML on export and import, JSON in the database) is a
 * tree of maps, lists and strings, read by {@link #read} alone, which names every field it refuses
 * by its path ({@code feedback.extendableTo}) with a message key, and refuses fields it does not
 * know so that a typo is not silently a default.
 */
public record PolicyRules(
        Period acknowledgement,
        boolean acknowledgementWaivable,
        List<String> waiverReasons,
        Period feedback,
        @Nullable Period feedbackExtendableTo,
        Period reminder,
        Set<DayOfWeek> workingDays,
        List<String> closingReasons,
        @Nullable Period retention) {

    private static final Pattern CODE = Pattern.compile("[a-z][a-z0-9-]{0,39}");
    private static final Instant REFERENCE = Instant.parse("2026-01-05T09:00:00Z");
    private static final Set<String> TOP =
            Set.of("name", "acknowledgement", "feedback", "reminder", "workingDays", "closingReasons", "retention");

    public PolicyRules {
        waiverReasons = List.copyOf(waiverReasons);
        workingDays = Set.copyOf(workingDays);
        closingReasons = List.copyOf(closingReasons);
    }

    /**
     * The rules of the "EU internal channel" preset: 7 days to acknowledge, 3 months to feedback,
     * content kept 3 years after the case closes (as German law asks of internal channels).
     */
    public static PolicyRules euInternal() {
        return new PolicyRules(
                new Period(7, Period.Unit.DAYS),
                true,
                List.of("reporter-asked", "would-endanger-identity"),
                new Period(3, Period.Unit.MONTHS),
                null,
                new Period(2, Period.Unit.DAYS),
                EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY),
                standardClosingReasons(),
                new Period(36, Period.Unit.MONTHS));
    }

    /** The rules of the "EU external authority" preset: as internal, extendable to 6 months with a justification. */
    public static PolicyRules euExternal() {
        var internal = euInternal();
        return new PolicyRules(
                internal.acknowledgement(),
                true,
                internal.waiverReasons(),
                internal.feedback(),
                new Period(6, Period.Unit.MONTHS),
                internal.reminder(),
                internal.workingDays(),
                internal.closingReasons(),
                internal.retention());
    }

    private static List<String> standardClosingReasons() {
        return List.of(
                "out-of-scope", "manifestly-minor", "insufficient-information", "already-addressed", "repeated-report");
    }

    /** Returns when the acknowledgement is due for a report received at {@code receivedAt}. */
    public Instant acknowledgeBy(Instant receivedAt, WorkingCalendar calendar) {
        return acknowledgement.after(receivedAt, calendar);
    }

    /**
     * Returns when feedback is due: {@link #feedback} after the acknowledgement, or after the end of
     * the acknowledgement period when none was sent (or it was sent later than that: a late
     * acknowledgement does not buy time).
     */
    public Instant feedbackBy(Instant receivedAt, @Nullable Instant acknowledgedAt, WorkingCalendar calendar) {
        var latest = acknowledgeBy(receivedAt, calendar);
        var start = acknowledgedAt == null || acknowledgedAt.isAfter(latest) ? latest : acknowledgedAt;
        return feedback.after(start, calendar);
    }

    /** Returns when extended feedback is due, from the same start as {@link #feedbackBy}; empty when not extendable. */
    public java.util.Optional<Instant> extendedFeedbackBy(
            Instant receivedAt, @Nullable Instant acknowledgedAt, WorkingCalendar calendar) {
        if (feedbackExtendableTo == null) {
            return java.util.Optional.empty();
        }
        var latest = acknowledgeBy(receivedAt, calendar);
        var start = acknowledgedAt == null || acknowledgedAt.isAfter(latest) ? latest : acknowledgedAt;
        return java.util.Optional.of(feedbackExtendableTo.after(start, calendar));
    }

    /**
     * Returns when the content of a case closed at {@code closedAt} is to be purged; empty when the
     * rules keep it until someone purges it.
     */
    public java.util.Optional<Instant> purgeAt(Instant closedAt, WorkingCalendar calendar) {
        return retention == null
                ? java.util.Optional.empty()
                : java.util.Optional.of(retention.after(closedAt, calendar));
    }

    /** Returns the rules as their written tree, with {@code name} first. */
    public Map<String, Object> write(String name) {
        var tree = new LinkedHashMap<String, Object>();
        tree.put("name", name);
        var acknowledgementTree = new LinkedHashMap<String, Object>();
        acknowledgementTree.put("within", acknowledgement.toString());
        acknowledgementTree.put("waivable", acknowledgementWaivable);
        acknowledgementTree.put("waiverReasons", waiverReasons);
        tree.put("acknowledgement", acknowledgementTree);
        var feedbackTree = new LinkedHashMap<String, Object>();
        feedbackTree.put("within", feedback.toString());
        if (feedbackExtendableTo != null) {
            feedbackTree.put("extendableTo", feedbackExtendableTo.toString());
        }
        tree.put("feedback", feedbackTree);
        tree.put("reminder", reminder.toString());
        tree.put(
                "workingDays",
                workingDays.stream().sorted().map(DayOfWeek::name).toList());
        tree.put("closingReasons", closingReasons);
        if (retention != null) {
            tree.put("retention", retention.toString());
        }
        return tree;
    }

    /** A profile as read from its written form: its name and rules. */
    public record Named(String name, PolicyRules rules) {}

    /**
     * Reads rules from their written tree.
     *
     * @throws InvalidInput naming each field in error by its path
     */
    public static Named read(@Nullable Object tree) {
        var errors = new LinkedHashMap<String, String>();
        if (!(tree instanceof Map<?, ?> top)) {
            throw new InvalidInput(Map.of("policy", "error.policy.not-a-map"));
        }
        unknown(top, TOP, "", errors);
        var name = string(top.get("name"), "name", errors);
        if (name != null && (name.isBlank() || name.strip().length() > 100)) {
            errors.put("name", name.isBlank() ? "error.required" : "error.too-long");
        } else if (name != null && name.chars().anyMatch(Character::isISOControl)) {
            errors.put("name", "error.control-characters");
        }
        var acknowledgementTree = map(top.get("acknowledgement"), "acknowledgement", errors);
        var feedbackTree = map(top.get("feedback"), "feedback", errors);
        Period acknowledgement = null;
        var waivable = false;
        List<String> waiverReasons = List.of();
        if (acknowledgementTree != null) {
            unknown(acknowledgementTree, Set.of("within", "waivable", "waiverReasons"), "acknowledgement.", errors);
            acknowledgement = period(acknowledgementTree.get("within"), "acknowledgement.within", true, errors);
            waivable = bool(acknowledgementTree.get("waivable"), "acknowledgement.waivable", errors);
            waiverReasons = codes(acknowledgementTree.get("waiverReasons"), "acknowledgement.waiverReasons", errors);
            if (waivable && waiverReasons.isEmpty() && !errors.containsKey("acknowledgement.waiverReasons")) {
                errors.put("acknowledgement.waiverReasons", "error.policy.waiver-reasons");
            }
        }
        Period feedback = null;
        Period extendable = null;
        if (feedbackTree != null) {
            unknown(feedbackTree, Set.of("within", "extendableTo"), "feedback.", errors);
            feedback = period(feedbackTree.get("within"), "feedback.within", true, errors);
            extendable = period(feedbackTree.get("extendableTo"), "feedback.extendableTo", false, errors);
            if (feedback != null && extendable != null && !longer(extendable, feedback)) {
                errors.put("feedback.extendableTo", "error.policy.extension-shorter");
            }
        }
        var reminder = period(top.get("reminder"), "reminder", true, errors);
        if (reminder != null && acknowledgement != null && !longer(acknowledgement, reminder)) {
            errors.put("reminder", "error.policy.reminder-too-long");
        }
        var workingDays = days(top.get("workingDays"), errors);
        var closingReasons = codes(top.get("closingReasons"), "closingReasons", errors);
        if (closingReasons.isEmpty() && !errors.containsKey("closingReasons")) {
            errors.put("closingReasons", "error.required");
        }
        var retention = period(top.get("retention"), "retention", false, errors);
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        return new Named(
                name.strip(),
                new PolicyRules(
                        acknowledgement,
                        waivable,
                        waiverReasons,
                        feedback,
                        extendable,
                        reminder,
                        workingDays,
                        closingReasons,
                        retention));
    }

    /** Compares two periods by where they end from the same start in a plain weekday calendar. */
    private static boolean longer(Period a, Period b) {
        var calendar = WorkingCalendar.weekdays(ZoneOffset.UTC);
        return a.after(REFERENCE, calendar).isAfter(b.after(REFERENCE, calendar));
    }

    private static void unknown(Map<?, ?> tree, Set<String> known, String prefix, Map<String, String> errors) {
        for (var key : tree.keySet()) {
            if (!(key instanceof String name) || !known.contains(name)) {
                var shown = String.valueOf(key);
                errors.put(
                        prefix + (shown.length() > 40 ? shown.substring(0, 40) : shown), "error.policy.unknown-field");
            }
        }
    }

    private static @Nullable String string(@Nullable Object value, String field, Map<String, String> errors) {
        if (value == null) {
            errors.put(field, "error.required");
            return null;
        }
        if (!(value instanceof String text)) {
            errors.put(field, "error.policy.not-text");
            return null;
        }
        return text;
    }

    private static @Nullable Map<?, ?> map(@Nullable Object value, String field, Map<String, String> errors) {
        if (value == null) {
            errors.put(field, "error.required");
            return null;
        }
        if (!(value instanceof Map<?, ?> tree)) {
            errors.put(field, "error.policy.not-a-map");
            return null;
        }
        return tree;
    }

    private static boolean bool(@Nullable Object value, String field, Map<String, String> errors) {
        if (value instanceof Boolean flag) {
            return flag;
        }
        errors.put(field, value == null ? "error.required" : "error.policy.not-boolean");
        return false;
    }

    private static @Nullable Period period(
            @Nullable Object value, String field, boolean required, Map<String, String> errors) {
        if (value == null) {
            if (required) {
                errors.put(field, "error.required");
            }
            return null;
        }
        var parsed = value instanceof String text ? Period.parse(text) : java.util.Optional.<Period>empty();
        if (parsed.isEmpty()) {
            errors.put(field, "error.policy.period");
            return null;
        }
        return parsed.get();
    }

    private static List<String> codes(@Nullable Object value, String field, Map<String, String> errors) {
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list) || list.size() > 20) {
            errors.put(field, "error.policy.codes");
            return List.of();
        }
        var codes = new LinkedHashSet<String>();
        for (var item : list) {
            if (!(item instanceof String code) || !CODE.matcher(code).matches()) {
                errors.put(field, "error.policy.codes");
                return List.of();
            }
            codes.add(code);
        }
        return new ArrayList<>(codes);
    }

    private static Set<DayOfWeek> days(@Nullable Object value, Map<String, String> errors) {
        if (!(value instanceof List<?> list) || list.isEmpty()) {
            errors.put("workingDays", value == null ? "error.required" : "error.policy.days");
            return Set.of();
        }
        var days = EnumSet.noneOf(DayOfWeek.class);
        for (var item : list) {
            try {
                days.add(DayOfWeek.valueOf(String.valueOf(item).toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                errors.put("workingDays", "error.policy.days");
                return Set.of();
            }
        }
        return days;
    }
}
