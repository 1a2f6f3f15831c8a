package org.tipline.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.util.unit.DataSize;

/** Times are shown with their zone and how long ago, in the page's language. */
class TimesTests {

    private static final Instant NOW = Instant.parse("2026-11-29T12:00:30.123456Z");

    private final ResourceBundleMessageSource messages = new ResourceBundleMessageSource();

    {
        messages.setBasename("i18n/messages");
        messages.setDefaultEncoding("UTF-8");
        messages.setFallbackToSystemLocale(false);
    }

    @AfterEach
    void resetLocale() {
        LocaleContextHolder.resetLocaleContext();
    }

    @Test
    void timesCarryTheirZone() {
        assertThat(times("UTC").at(NOW)).isEqualTo("2026-11-29 12:00 UTC");
        assertThat(times("Europe/Berlin").at(NOW)).isEqualTo("2026-11-29 13:00 Europe/Berlin");
        assertThat(times("UTC").iso(NOW)).isEqualTo("2026-11-29T12:00:30Z");
        assertThat(times("UTC").at(null)).isEmpty();
        assertThat(times("UTC").isolated(NOW)).isEqualTo("\u20682026-11-29 12:00 UTC\u2069");
    }

    @Test
    void howLongAgoInTheRequestsLanguage() {
        var times = times("UTC");
        LocaleContextHolder.setLocale(Locale.ENGLISH);
        assertThat(times.ago(NOW.minusSeconds(20))).isEqualTo("just now");
        assertThat(times.ago(NOW.minus(Duration.ofMinutes(1)))).isEqualTo("1 minute ago");
        assertThat(times.ago(NOW.minus(Duration.ofMinutes(59)))).isEqualTo("59 minutes ago");
        assertThat(times.ago(NOW.minus(Duration.ofHours(5)))).isEqualTo("5 hours ago");
        assertThat(times.ago(NOW.minus(Duration.ofDays(3)))).isEqualTo("3 days ago");
        // deadlines lie ahead
        assertThat(times.ago(NOW.plusSeconds(20))).isEqualTo("just now");
        assertThat(times.ago(NOW.plus(Duration.ofMinutes(1)))).isEqualTo("in 1 minute");
        assertThat(times.ago(NOW.plus(Duration.ofHours(5)))).isEqualTo("in 5 hours");
        assertThat(times.ago(NOW.plus(Duration.ofDays(7)))).isEqualTo("in 7 days");
        LocaleContextHolder.setLocale(Locale.SIMPLIFIED_CHINESE);
        assertThat(times.ago(NOW.minus(Duration.ofHours(5)))).isEqualTo("5小时前");
        assertThat(times.ago(NOW.plus(Duration.ofDays(2)))).isEqualTo("2天后");
    }

    private Times times(String zone) {
        return new Times(
                Clock.fixed(NOW, ZoneOffset.UTC),
                messages,
                new WebProperties(
                        null,
                        DataSize.ofMegabytes(2),
                        1000,
                        Duration.ofSeconds(30),
                        DataSize.ofKilobytes(1),
                        null,
                        ZoneId.of(zone)));
    }
}
