package org.tipline.channels;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.Set;

/**
 * The days an organisation works, for deadlines in working days: its working weekdays (from the
 * policy) minus its holidays, in its time zone.
 */
public record WorkingCalendar(ZoneId zone, Set<DayOfWeek> workingDays, Set<LocalDate> holidays) {

    public WorkingCalendar {
        if (workingDays.isEmpty()) {
            throw new IllegalArgumentException("A calendar needs a working day");
        }
        workingDays = Set.copyOf(workingDays);
        holidays = Set.copyOf(holidays);
    }

    /** Returns a calendar of Monday to Friday without holidays. */
    public static WorkingCalendar weekdays(ZoneId zone) {
        return new WorkingCalendar(zone, EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), Set.of());
    }

    /** Returns whether {@code day} is a working day. */
    public boolean works(LocalDate day) {
        return workingDays.contains(day.getDayOfWeek()) && !holidays.contains(day);
    }

    /** Returns the same time of day {@code days} working days after {@code start} (before it when negative). */
    ZonedDateTime plusWorkingDays(ZonedDateTime start, int days) {
        var step = days < 0 ? -1 : 1;
        var at = start;
        var left = Math.abs(days);
        while (left > 0) {
            at = at.plusDays(step);
            if (works(at.toLocalDate())) {
                left--;
            }
        }
        return at;
    }
}
