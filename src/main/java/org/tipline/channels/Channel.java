package org.tipline.channels;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.tipline.crypto.Receipt;
import org.tipline.shared.Languages;
import org.tipline.shared.OrganizationId;
import org.tipline.shared.StaffId;

/**
 * A reporting channel as it stands: where reports arrive ({@code /r/<organisation>/<slug>}), what
 * the reporter is asked (the current questionnaire version), and who receives its reports.
 * {@code whoReads} and {@code retention} are what reporters are told before sending; empty means
 * the default statement in the reporter's language. The texts are written in {@code language};
 * {@code translations} holds them in other languages, and the questionnaire its questions'. Its
 * cases run on the deadlines of {@code policyProfile}. Its {@code routes} send some reports to
 * other recipients: the first that matches a report wins.
 */
public record Channel(
        ChannelId id,
        OrganizationId organizationId,
        String slug,
        String name,
        String publicText,
        String whoReads,
        String retention,
        String language,
        Map<String, ChannelText> translations,
        Receipt.Format receiptFormat,
        int questionnaireVersion,
        Questionnaire questionnaire,
        List<StaffId> recipients,
        PolicyProfileId policyProfile,
        List<Route> routes) {

    public Channel {
        recipients = List.copyOf(recipients);
        routes = List.copyOf(routes);
        translations = Map.copyOf(translations);
    }

    /**
     * Returns who receives a report in {@code category} with {@code answers}: the recipients of the
     * first route that matches it, or else the channel's own.
     */
    public List<StaffId> recipientsFor(
            @org.jspecify.annotations.Nullable String category, Map<String, List<String>> answers) {
        return routes.stream()
                .filter(route -> route.matches(category, answers))
                .findFirst()
                .map(Route::recipients)
                .orElse(recipients);
    }

    /** Returns the channel's name in {@code lang}, or in its own language when not translated. */
    public String name(String lang) {
        return pick(lang, ChannelText::name, name);
    }

    /** Returns the text for reporters in {@code lang}, or in the channel's own language. */
    public String publicText(String lang) {
        return pick(lang, ChannelText::publicText, publicText);
    }

    /** Returns who reads the reports, in {@code lang} or the channel's own language; empty for the default. */
    public String whoReads(String lang) {
        return pick(lang, ChannelText::whoReads, whoReads);
    }

    /** Returns how long reports are kept, in {@code lang} or the channel's own language; empty for the default. */
    public String retention(String lang) {
        return pick(lang, ChannelText::retention, retention);
    }

    /**
     * Returns, for each supported language other than the channel's own, the texts written in the
     * channel's language that have no translation (field names as in the admin's form).
     */
    public Map<String, List<String>> missingTranslations() {
        var missing = new java.util.LinkedHashMap<String, List<String>>();
        for (var lang : Languages.SUPPORTED_TAGS) {
            if (lang.equals(language)) {
                continue;
            }
            var text = translations.getOrDefault(lang, new ChannelText("", "", "", ""));
            var fields = new ArrayList<String>();
            if (text.name().isBlank()) {
                fields.add("name");
            }
            if (!publicText.isBlank() && text.publicText().isBlank()) {
                fields.add("publicText");
            }
            if (!whoReads.isBlank() && text.whoReads().isBlank()) {
                fields.add("whoReads");
            }
            if (!retention.isBlank() && text.retention().isBlank()) {
                fields.add("retention");
            }
            fields.addAll(questionnaire.missingTranslations(lang));
            missing.put(lang, List.copyOf(fields));
        }
        return missing;
    }

    private String pick(String lang, java.util.function.Function<ChannelText, String> field, String own) {
        var text = translations.get(lang);
        if (text == null || lang.equals(language)) {
            return own;
        }
        var translated = field.apply(text);
        return translated.isBlank() ? own : translated;
    }
}
