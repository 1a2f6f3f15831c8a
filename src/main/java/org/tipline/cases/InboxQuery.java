package org.tipline.cases;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.tipline.channels.ChannelId;
import org.tipline.shared.StaffId;

/**
 * What an inbox shows: whose cases ({@link Scope}), filtered by state, channel, category, label,
 * assignee, missed deadlines, deadlines due within some days, a window of receipt (days in the
 * installation's time zone, both included) and a search
 * over case references and plain metadata; in an order; from a position ({@code after}, the
 * keyset cursor of the previous page's last case).
 *
 * <p>Implementation notes: pages are keyset pages — each continues strictly after the last row
 * of the previous one in the sort order, (sort value, id), so a deep page costs what the first
 * does and cases arriving meanwhile neither repeat nor vanish. Parameters are read strictly: an
 * unknown state, sort or scope, a malformed id, date or cursor, a window backwards or longer than
 * 50 years, or more than a year of "due within" is refused naming the parameter.
 */
public record InboxQuery(
        Scope scope,
        Set<CaseState> states,
        @Nullable ChannelId channel,
        @Nullable String category,
        @Nullable String label,
        @Nullable StaffId assignee,
        boolean overdue,
        @Nullable Integer dueWithinDays,
        @Nullable LocalDate receivedFrom,
        @Nullable LocalDate receivedTo,
        @Nullable String search,
        Sort sort,
        @Nullable Cursor after) {

    /** Cases per page. */
    public static final int PAGE_SIZE = 25;

    private static final Pattern REFERENCE = Pattern.compile("(?i)c-?([0-9a-f]{1,8})");
    private static final int TEXT_LIMIT = 100;

    public InboxQuery {
        states = states.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(states));
    }

    /** Whose cases: those the member holds a key of, or (supervisors) every case of the organisation. */
    public enum Scope {
        MINE,
        ALL
    }

    /** The order of an inbox. */
    public enum Sort {
        /** Newest received first. */
        NEWEST,
        /** Oldest received first. */
        OLDEST,
        /** Soonest open deadline first; only cases with an open deadline. */
        DUE,
        /** Most recent activity first. */
        ACTIVITY
    }

    /** Where a page starts: after the case with this sort value and id. */
    public record Cursor(Instant at, UUID id) {

        /** Returns the cursor as an opaque token. */
        public String token() {
            var micros = at.getEpochSecond() * 1_000_000L + at.getNano() / 1_000;
            return Base64.getUrlEncoder()
                    .withoutPadding()
                    .encodeToString((micros + ":" + id).getBytes(StandardCharsets.US_ASCII));
        }

        static Cursor parse(String token) {
            try {
                var text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.US_ASCII);
                var colon = text.indexOf(':');
                var micros = Long.parseLong(text.substring(0, colon));
                var at = Instant.ofEpochSecond(
                        Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
                return new Cursor(at, UUID.fromString(text.substring(colon + 1)));
            } catch (RuntimeException e) {
                throw new InvalidFilter("after");
            }
        }
    }

    /** The inbox of cases granted to the member, newest first. */
    public static InboxQuery mine() {
        return new InboxQuery(
                Scope.MINE, Set.of(), null, null, null, null, false, null, null, null, null, Sort.NEWEST, null);
    }

    /**
     * Reads a query from request parameters; absent or empty ones do not filter.
     *
     * @throws InvalidFilter naming the first parameter whose value it cannot take
     */
    public static InboxQuery read(Map<String, List<String>> parameters) {
        var scope = choice(Scope.class, "scope", one(parameters, "scope"), Scope.MINE);
        var states = EnumSet.noneOf(CaseState.class);
        for (var value : parameters.getOrDefault("state", List.of())) {
            if (!value.isBlank()) {
                states.add(choice(CaseState.class, "state", value, null));
            }
        }
        var channel = one(parameters, "channel");
        var assignee = one(parameters, "assignee");
        var dueWithin = one(parameters, "dueWithin");
        Integer days = null;
        if (dueWithin != null) {
            try {
                days = Integer.valueOf(dueWithin);
            } catch (NumberFormatException e) {
                throw new InvalidFilter("dueWithin");
            }
            if (days < 0 || days > 366) {
                throw new InvalidFilter("dueWithin");
            }
        }
        var from = date(one(parameters, "receivedFrom"), "receivedFrom");
        var to = date(one(parameters, "receivedTo"), "receivedTo");
        if (from != null
                && to != null
                && (to.isBefore(from) || from.plusYears(50).isBefore(to))) {
            throw new InvalidFilter("receivedTo");
        }
        var overdue = one(parameters, "overdue");
        if (overdue != null && !overdue.equals("true") && !overdue.equals("false")) {
            throw new InvalidFilter("overdue");
        }
        var after = one(parameters, "after");
        return new InboxQuery(
                scope,
                states,
                channel == null ? null : new ChannelId(uuid(channel, "channel")),
                text(one(parameters, "category"), "category"),
                text(one(parameters, "label"), "label"),
                assignee == null ? null : new StaffId(uuid(assignee, "assignee")),
                "true".equals(overdue),
                days,
                from,
                to,
                text(one(parameters, "q"), "q"),
                choice(Sort.class, "sort", one(parameters, "sort"), Sort.NEWEST),
                after == null ? null : Cursor.parse(after));
    }

    /** Returns the same query from {@code cursor} on. */
    public InboxQuery from(@Nullable Cursor cursor) {
        return new InboxQuery(
                scope,
                states,
                channel,
                category,
                label,
                assignee,
                overdue,
                dueWithinDays,
                receivedFrom,
                receivedTo,
                search,
                sort,
                cursor);
    }

    /** Returns the reference prefix the search names ({@code C-7F3A}), if it names one. */
    @Nullable
    String referencePrefix() {
        if (search == null) {
            return null;
        }
        var matcher = REFERENCE.matcher(search.strip());
        return matcher.matches() ? "C-" + matcher.group(1).toUpperCase(Locale.ROOT) : null;
    }

    private static @Nullable String one(Map<String, List<String>> parameters, String name) {
        var values = parameters.getOrDefault(name, List.of());
        if (values.size() > 1) {
            throw new InvalidFilter(name);
        }
        return values.isEmpty() || values.getFirst().isBlank()
                ? null
                : values.getFirst().strip();
    }

    private static <E extends Enum<E>> E choice(
            Class<E> type, String name, @Nullable String value, @Nullable E otherwise) {
        if (value == null && otherwise != null) {
            return otherwise;
        }
        try {
            return Enum.valueOf(
                    type, String.valueOf(value).toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new InvalidFilter(name);
        }
    }

    private static UUID uuid(String value, String name) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw new InvalidFilter(name);
        }
    }

    private static @Nullable String text(@Nullable String value, String name) {
        if (value != null && (value.length() > TEXT_LIMIT || value.chars().anyMatch(Character::isISOControl))) {
            throw new InvalidFilter(name);
        }
        return value;
    }

    private static @Nullable LocalDate date(@Nullable String value, String name) {
        if (value == null) {
            return null;
        }
        try {
            var day = LocalDate.parse(value);
            if (day.getYear() < 1970 || day.getYear() > 9999) {
                throw new InvalidFilter(name);
            }
            return day;
        } catch (DateTimeParseException e) {
            throw new InvalidFilter(name);
        }
    }
}
