package org.tipline.shared;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAccessor;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * Times as pages show them, as {@code @times} in templates: with their zone (the installation's,
 * {@code tipline.web.time-zone}, UTC unless set) and how long ago, in the page's language.
 */
@Component("times")
public class Times {

    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final Clock clock;
    private final MessageSource messages;
    private final ZoneId zone;

    Times(Clock clock, MessageSource messages, WebProperties web) {
        this.clock = clock;
        this.messages = messages;
        this.zone = web.timeZone();
    }

    /** Returns the time in the installation's zone with the zone's name, e.g. {@code 2026-11-29 14:05 UTC}. */
    public String at(@Nullable TemporalAccessor time) {
        var instant = instant(time);
        return instant == null ? "" : SHOWN.format(instant.atZone(zone)) + " " + zoneName();
    }

    /**
     * Returns {@link #at} isolated for bidirectional text (U+2068 … U+2069), for a time inside a
     * sentence, so that it reads left to right in a right-to-left page too.
     */
    public String isolated(@Nullable TemporalAccessor time) {
        return "\u2068" + at(time) + "\u2069";
    }

    /** Returns the day of the time in the installation's zone, e.g. {@code 2026-11-29}. */
    public String day(@Nullable TemporalAccessor time) {
        var instant = instant(time);
        return instant == null ? "" : DateTimeFormatter.ISO_LOCAL_DATE.format(instant.atZone(zone));
    }

    /** Returns the time as a machine-readable instant, for {@code <time datetime>}. */
    public String iso(@Nullable TemporalAccessor time) {
        var instant = instant(time);
        return instant == null
                ? ""
                : DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
    }

    /** Returns how long ago the time was, or how far ahead it is, in the request's language: "3 hours ago", "in 2 days". */
    public String ago(@Nullable TemporalAccessor time) {
        var instant = instant(time);
        if (instant == null) {
            return "";
        }
        var elapsed = Duration.between(instant, clock.instant());
        var locale = LocaleContextHolder.getLocale();
        if (elapsed.isNegative() && elapsed.abs().toMinutes() >= 1) {
            return ahead(elapsed.abs(), locale);
        }
        if (elapsed.toMinutes() < 1) {
            return messages.getMessage("time.just-now", null, locale);
        }
        if (elapsed.toHours() < 1) {
            return messages.getMessage("time.minutes", new Object[] {elapsed.toMinutes()}, locale);
        }
        if (elapsed.toDays() < 1) {
            return messages.getMessage("time.hours", new Object[] {elapsed.toHours()}, locale);
        }
        return messages.getMessage("time.days", new Object[] {elapsed.toDays()}, locale);
    }

    /** Says how far ahead a time is: "in 3 days". */
    private String ahead(Duration ahead, java.util.Locale locale) {
        if (ahead.toHours() < 1) {
            return messages.getMessage("time.in-minutes", new Object[] {ahead.toMinutes()}, locale);
        }
        if (ahead.toDays() < 1) {
            return messages.getMessage("time.in-hours", new Object[] {ahead.toHours()}, locale);
        }
        return messages.getMessage("time.in-days", new Object[] {ahead.toDays()}, locale);
    }

    /** Returns the name of the zone times are shown in. */
    public String zoneName() {
        return zone.equals(ZoneId.of("UTC")) || zone.equals(ZoneId.of("Z")) ? "UTC" : zone.getId();
    }

    private static @Nullable Instant instant(@Nullable TemporalAccessor time) {
        return time == null ? null : Instant.from(time);
    }
}
