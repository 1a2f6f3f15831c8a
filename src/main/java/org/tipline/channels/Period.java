package org.tipline.channels;

import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A span of time a rule sets, as a law writes it: {@code 7 days}, {@code 10 working days},
 * {@code 3 months}. Calendar days and months are counted in the organisation's time zone; working
 * days skip its non-working weekdays and holidays. The time of day is kept: a report received on
 * Monday at 10:00 with 7 days to acknowledge is due the next Monday at 10:00.
 */
public record Period(int amount, Unit unit) {

    private static final Pattern TEXT = Pattern.compile("(\\d{1,4})\\s+(days?|working\\s+days?|months?)");

    /** How a period is counted. */
    public enum Unit {
        DAYS(3650),
        WORKING_DAYS(2600),
        MONTHS(120);

        private final int most;

        Unit(int most) {
            this.most = most;
        }
    }

    public Period {
        if (amount < 1 || amount > unit.most) {
            throw new IllegalArgumentException("A period of " + unit + " runs from 1 to " + unit.most);
        }
    }

    /** Returns the period written as {@code 7 days}, {@code 10 working days} or {@code 3 months}, if it is one. */
    public static Optional<Period> parse(String text) {
        var matcher = TEXT.matcher(text.strip().toLowerCase(Locale.ROOT));
        if (!matcher.matches()) {
            return Optional.empty();
        }
        var amount = Integer.parseInt(matcher.group(1));
        var word = matcher.group(2);
        var unit = word.startsWith("working") ? Unit.WORKING_DAYS : word.startsWith("month") ? Unit.MONTHS : Unit.DAYS;
        return amount >= 1 && amount <= unit.most ? Optional.of(new Period(amount, unit)) : Optional.empty();
    }

    /** Returns when this period ends if it starts at {@code start}. */
    public Instant after(Instant start, WorkingCalendar calendar) {
        var local = start.atZone(calendar.zone());
        return switch (unit) {
            case DAYS -> local.plusDays(amount).toInstant();
            case MONTHS -> local.plusMonths(amount).toInstant();
            case WORKING_DAYS -> calendar.plusWorkingDays(local, amount).toInstant();
        };
    }

    /** Returns when a period that ends at {@code end} started: for reminders ahead of a deadline. */
    public Instant before(Instant end, WorkingCalendar calendar) {
        var local = end.atZone(calendar.zone());
        return switch (unit) {
            case DAYS -> local.minusDays(amount).toInstant();
            case MONTHS -> local.minusMonths(amount).toInstant();
            case WORKING_DAYS -> calendar.plusWorkingDays(local, -amount).toInstant();
        };
    }

    @Override
    public String toString() {
        var word = switch (unit) {
            case DAYS -> amount == 1 ? "day" : "days";
            case WORKING_DAYS -> amount == 1 ? "working day" : "working days";
            case MONTHS -> amount == 1 ? "month" : "months";
        };
        return amount + " " + word;
    }
}
