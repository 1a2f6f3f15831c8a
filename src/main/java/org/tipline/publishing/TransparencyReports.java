package org.tipline.publishing;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.tipline.cases.CaseManagement;
import org.tipline.cases.CaseStatistics;
import org.tipline.cases.Outcome;
import org.tipline.shared.InvalidInput;
import org.tipline.shared.Languages;
import org.tipline.shared.Role;
import org.tipline.shared.StaffPrincipal;
import org.tipline.shared.WebProperties;

/**
 * The annual transparency report: a draft post, written from the organisation's cases received in
 * a year (how many, by channel, how they ended, deadlines met) and the rewards paid in it (how many
 * and how much, per currency, net of recoveries), with small counts suppressed so no case can be
 * singled out — and no amount given for fewer than five rewards. The editor reads, edits and publishes it like any post.
 */
@Service
public class TransparencyReports {

    /** The tag every transparency report carries. */
    public static final String TAG = "transparency";

    private final Posts posts;
    private final CaseManagement cases;
    private final org.tipline.rewards.Rewards rewards;
    private final MessageSource messages;
    private final Clock clock;
    private final ZoneId zone;

    TransparencyReports(
            Posts posts,
            CaseManagement cases,
            org.tipline.rewards.Rewards rewards,
            MessageSource messages,
            Clock clock,
            WebProperties web) {
        this.posts = posts;
        this.cases = cases;
        this.rewards = rewards;
        this.messages = messages;
        this.clock = clock;
        this.zone = web.timeZone();
    }

    /**
     * Writes the report of {@code year} (in the installation's zone; the current year counts up to
     * today) as a draft in {@code language}.
     *
     * @throws InvalidInput if the year is in the future or before 2000, or the language is not one
     *     the pages have
     */
    @Transactional
    public Post draft(StaffPrincipal editor, int year, String language) {
        editor.require(Role.EDITOR);
        var today = LocalDate.now(clock.withZone(zone));
        if (year < 2000 || year > today.getYear()) {
            throw new InvalidInput(Map.of("year", "error.transparency.year"));
        }
        if (!Languages.isSupported(language)) {
            throw new InvalidInput(Map.of("language", "error.post.language"));
        }
        var locale = Locale.forLanguageTag(language);
        var from = LocalDate.of(year, 1, 1).atStartOfDay(zone).toInstant();
        var to = LocalDate.of(year + 1, 1, 1).atStartOfDay(zone).toInstant();
        var statistics = cases.statistics(editor.organization(), from, to);
        var paid = rewards.paidBetween(editor.organization(), from, to);
        var draft = new PostDraft(
                text("transparency.title", locale, Integer.toString(year)),
                text("transparency.summary", locale, Integer.toString(year)),
                body(statistics, paid, year, locale, today),
                List.of(TAG),
                null);
        return posts.write(editor, language, draft, null);
    }

    /** The report's Markdown. */
    String body(
            CaseStatistics statistics,
            List<org.tipline.rewards.Rewards.Paid> paid,
            int year,
            Locale locale,
            LocalDate today) {
        var out = new StringBuilder();
        var total = statistics.received();
        out.append(text("transparency.received", locale, Integer.toString(year), Suppression.one(total)))
                .append("\n\n");
        if (total > 0 && total < Suppression.THRESHOLD) {
            out.append(text("transparency.too-few", locale)).append("\n\n");
        } else if (total > 0) {
            out.append("## ").append(text("transparency.by-channel", locale)).append("\n\n");
            list(out, Suppression.breakdown(sorted(statistics.byChannel())), name -> escape(name));
            out.append("\n## ").append(text("transparency.by-result", locale)).append("\n\n");
            var results = new LinkedHashMap<String, Long>();
            for (var outcome : Outcome.values()) {
                results.put(outcome.name(), statistics.byResult().getOrDefault(outcome.name(), 0L));
            }
            results.put("CLOSED_NO_ACTION", statistics.byResult().getOrDefault("CLOSED_NO_ACTION", 0L));
            results.put("OPEN", statistics.byResult().getOrDefault("OPEN", 0L));
            list(out, Suppression.breakdown(results), key -> text(resultKey(key), locale));
            out.append("\n## ").append(text("transparency.deadlines", locale)).append("\n\n");
            out.append("- ")
                    .append(met(
                            statistics.acknowledgements(),
                            "transparency.acknowledged",
                            "transparency.acknowledged.too-few",
                            locale))
                    .append('\n');
            out.append("- ")
                    .append(met(
                            statistics.feedback(), "transparency.feedback", "transparency.feedback.too-few", locale))
                    .append("\n");
        }
        if (!paid.isEmpty()) {
            out.append("\n## ").append(text("transparency.rewards", locale)).append("\n\n");
            for (var currency : paid) {
                out.append("- ");
                if (currency.rewards() < Suppression.THRESHOLD) {
                    // the amount of fewer than five rewards would come close to one person's
                    out.append(text(
                            "transparency.rewards.too-few",
                            locale,
                            currency.amount().currency().getCurrencyCode(),
                            Suppression.one(currency.rewards())));
                } else {
                    out.append(text(
                            "transparency.rewards.paid",
                            locale,
                            currency.amount().currency().getCurrencyCode(),
                            Long.toString(currency.rewards()),
                            currency.amount().major()));
                }
                out.append('\n');
            }
        }
        out.append("\n").append(text("transparency.suppressed", locale)).append("\n\n");
        out.append(text("transparency.generated", locale, today.toString(), Integer.toString(year)))
                .append('\n');
        return out.toString();
    }

    private String met(CaseStatistics.Met met, String key, String tooFew, Locale locale) {
        if (met.total() < Suppression.THRESHOLD) {
            return text(tooFew, locale, Suppression.one(met.total()));
        }
        var percent = Math.round(100.0 * met.met() / met.total());
        return text(key, locale, Long.toString(percent), Long.toString(met.total()));
    }

    private static String resultKey(String result) {
        return switch (result) {
            case "SUBSTANTIATED" -> "transparency.result.substantiated";
            case "UNSUBSTANTIATED" -> "transparency.result.unsubstantiated";
            case "INSUFFICIENT_INFORMATION" -> "transparency.result.insufficient";
            case "REFERRED" -> "transparency.result.referred";
            case "DUPLICATE" -> "transparency.result.duplicate";
            case "MALICIOUS" -> "transparency.result.malicious";
            case "CLOSED_NO_ACTION" -> "transparency.result.closed";
            default -> "transparency.result.open";
        };
    }

    private static void list(
            StringBuilder out, Map<String, String> shown, java.util.function.Function<String, String> label) {
        shown.forEach((key, value) -> out.append("- ")
                .append(label.apply(key))
                .append(": ")
                .append(value)
                .append('\n'));
    }

    private static Map<String, Long> sorted(Map<String, Long> cells) {
        var sorted = new LinkedHashMap<String, Long>();
        cells.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .forEach(entry -> sorted.put(entry.getKey(), entry.getValue()));
        return sorted;
    }

    /** Escapes what Markdown would read as markup in a channel's name. */
    private static String escape(String text) {
        return text.replaceAll("([\\\\`*_{}\\[\\]()#+\\-.!<>|~])", "\\\\$1");
    }

    private String text(String key, Locale locale, Object... arguments) {
        return messages.getMessage(key, arguments, locale);
    }
}
