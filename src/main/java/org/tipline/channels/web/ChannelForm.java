package org.tipline.channels.web;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.util.MultiValueMap;
import org.tipline.channels.Channel;
import org.tipline.channels.ChannelDraft;
import org.tipline.channels.ChannelText;
import org.tipline.channels.QuestionType;
import org.tipline.channels.Questionnaire;
import org.tipline.crypto.Receipt;
import org.tipline.shared.Languages;
import org.tipline.shared.StaffId;

/**
 * The channel editing form, read from request parameters: question rows are indexed
 * ({@code q[0].label}, {@code q[0].type}, …); rows without a label are dropped, so the page needs
 * no script to add or remove questions. The texts in other languages come as
 * {@code t[<lang>].name}, {@code t[<lang>].q[0].label}, {@code t[<lang>].categories} (one line per
 * category, in order) and so on.
 */
record ChannelForm(
        String slug,
        String name,
        String publicText,
        String whoReads,
        String retention,
        String language,
        Map<String, ChannelText> texts,
        String receiptFormat,
        List<Row> rows,
        String categories,
        Map<String, String> categoryTexts,
        List<String> recipients) {

    /** One question row of the form, with its texts in other languages. */
    record Row(
            String key,
            String label,
            String type,
            String help,
            boolean required,
            String options,
            Map<String, RowText> texts,
            boolean identity) {
        static Row blank(String key) {
            return new Row(key, "", QuestionType.SHORT_TEXT.name(), "", false, "", Map.of(), false);
        }

        /** Returns the row's texts in {@code lang}, blank when there are none. */
        public RowText in(String lang) {
            return texts.getOrDefault(lang, new RowText("", "", ""));
        }
    }

    /** A question's label, help and options (one per line) in one more language. */
    record RowText(String label, String help, String options) {}

    /** Returns the channel's texts in {@code lang}, blank when there are none. */
    public ChannelText in(String lang) {
        return texts.getOrDefault(lang, new ChannelText("", "", "", ""));
    }

    /** Returns the category lines in {@code lang}. */
    public String categoriesIn(String lang) {
        return categoryTexts.getOrDefault(lang, "");
    }

    static final int BLANK_ROWS = 3;

    static ChannelForm of(Channel channel) {
        var rows = new ArrayList<Row>();
        for (var question : channel.questionnaire().questions()) {
            var texts = new HashMap<String, RowText>();
            question.translations()
                    .forEach((lang, text) ->
                            texts.put(lang, new RowText(text.label(), text.help(), String.join("\n", text.options()))));
            rows.add(new Row(
                    question.key(),
                    question.label(),
                    question.type().name(),
                    question.help(),
                    question.required(),
                    String.join("\n", question.options()),
                    texts,
                    question.identity()));
        }
        var categoryTexts = new HashMap<String, String>();
        for (var lang : Languages.SUPPORTED_TAGS) {
            var categories = channel.questionnaire().categories();
            if (categories.stream().anyMatch(c -> c.translations().containsKey(lang))) {
                categoryTexts.put(
                        lang,
                        String.join(
                                "\n",
                                categories.stream()
                                        .map(c -> c.translations().getOrDefault(lang, ""))
                                        .toList()));
            }
        }
        return new ChannelForm(
                channel.slug(),
                channel.name(),
                channel.publicText(),
                channel.whoReads(),
                channel.retention(),
                channel.language(),
                channel.translations(),
                channel.receiptFormat().name(),
                withBlanks(rows),
                String.join(
                        "\n",
                        channel.questionnaire().categories().stream()
                                .map(Questionnaire.Category::label)
                                .toList()),
                categoryTexts,
                channel.recipients().stream().map(StaffId::toString).toList());
    }

    static ChannelForm blank(StaffId admin) {
        return new ChannelForm(
                "",
                "",
                "",
                "",
                "",
                "en",
                Map.of(),
                Receipt.Format.LETTERS.name(),
                withBlanks(new ArrayList<>()),
                "",
                Map.of(),
                List.of(admin.toString()));
    }

    static ChannelForm read(MultiValueMap<String, String> params) {
        var rows = new ArrayList<Row>();
        for (int i = 0; i < 200 && params.containsKey("q[" + i + "].label"); i++) {
            var prefix = "q[" + i + "].";
            var texts = new HashMap<String, RowText>();
            for (var lang : Languages.SUPPORTED_TAGS) {
                var translated = "t[" + lang + "]." + prefix;
                if (params.containsKey(translated + "label")) {
                    texts.put(
                            lang,
                            new RowText(
                                    text(params.getFirst(translated + "label")),
                                    text(params.getFirst(translated + "help")),
                                    text(params.getFirst(translated + "options"))));
                }
            }
            rows.add(new Row(
                    text(params.getFirst(prefix + "key")),
                    text(params.getFirst(prefix + "label")),
                    text(params.getFirst(prefix + "type")),
                    text(params.getFirst(prefix + "help")),
                    params.containsKey(prefix + "required"),
                    text(params.getFirst(prefix + "options")),
                    texts,
                    params.containsKey(prefix + "identity")));
        }
        var texts = new HashMap<String, ChannelText>();
        var categoryTexts = new HashMap<String, String>();
        for (var lang : Languages.SUPPORTED_TAGS) {
            var prefix = "t[" + lang + "].";
            if (params.containsKey(prefix + "name")) {
                texts.put(
                        lang,
                        new ChannelText(
                                text(params.getFirst(prefix + "name")),
                                text(params.getFirst(prefix + "publicText")),
                                text(params.getFirst(prefix + "whoReads")),
                                text(params.getFirst(prefix + "retention"))));
            }
            if (params.containsKey(prefix + "categories")) {
                categoryTexts.put(lang, text(params.getFirst(prefix + "categories")));
            }
        }
        var language = text(params.getFirst("language"));
        var recipients = params.get("recipients");
        return new ChannelForm(
                text(params.getFirst("slug")),
                text(params.getFirst("name")),
                text(params.getFirst("publicText")),
                text(params.getFirst("whoReads")),
                text(params.getFirst("retention")),
                language.isEmpty() ? "en" : language,
                texts,
                text(params.getFirst("receiptFormat")),
                rows,
                text(params.getFirst("categories")),
                categoryTexts,
                recipients == null ? List.of() : List.copyOf(recipients));
    }

    /** Returns the rows with blank ones added, for re-display. */
    ChannelForm forDisplay() {
        return new ChannelForm(
                slug,
                name,
                publicText,
                whoReads,
                retention,
                language,
                texts,
                receiptFormat,
                withBlanks(new ArrayList<>(filled())),
                categories,
                categoryTexts,
                recipients);
    }

    ChannelDraft draft() {
        var questions = new ArrayList<Questionnaire.Question>();
        var used = new HashSet<String>();
        filled().forEach(row -> used.add(row.key()));
        int next = 1;
        for (var row : filled()) {
            var key = row.key();
            if (key.isBlank()) {
                while (used.contains("q" + next)) {
                    next++;
                }
                key = "q" + next;
                used.add(key);
            }
            var type = parseType(row.type());
            var options = type.hasOptions() ? lines(row.options()) : List.<String>of();
            var translations = new HashMap<String, Questionnaire.QuestionText>();
            row.texts().forEach((lang, text) -> {
                var translatedOptions = type.hasOptions() ? rawLines(text.options()) : List.<String>of();
                if (!text.label().isBlank() || !text.help().isBlank() || !translatedOptions.isEmpty()) {
                    translations.put(
                            lang,
                            new Questionnaire.QuestionText(
                                    text.label().strip(), text.help().strip(), translatedOptions));
                }
            });
            questions.add(new Questionnaire.Question(
                    key,
                    type,
                    row.label().strip(),
                    row.help().strip(),
                    row.required(),
                    options,
                    translations,
                    row.identity()));
        }
        var categories = new ArrayList<Questionnaire.Category>();
        var categoryKeys = new HashSet<String>();
        var labels = lines(this.categories);
        for (int index = 0; index < labels.size(); index++) {
            var label = labels.get(index);
            var key = keyOf(label);
            if (key.isEmpty() || !categoryKeys.add(key)) {
                key = "c" + (index + 1);
                categoryKeys.add(key);
            }
            var translations = new HashMap<String, String>();
            for (var entry : categoryTexts.entrySet()) {
                var translated = rawLines(entry.getValue());
                if (index < translated.size() && !translated.get(index).isBlank()) {
                    translations.put(entry.getKey(), translated.get(index));
                }
            }
            categories.add(new Questionnaire.Category(key, label, translations));
        }
        var staff = new ArrayList<StaffId>();
        for (var recipient : recipients) {
            try {
                staff.add(new StaffId(UUID.fromString(recipient)));
            } catch (IllegalArgumentException e) {
                // an id that is not a UUID names nobody; the check below reports an empty list
            }
        }
        return new ChannelDraft(
                slug.strip().toLowerCase(Locale.ROOT),
                name,
                publicText,
                whoReads,
                retention,
                language,
                translations(),
                "DIGITS".equals(receiptFormat) ? Receipt.Format.DIGITS : Receipt.Format.LETTERS,
                new Questionnaire(questions, categories),
                staff);
    }

    private Map<String, ChannelText> translations() {
        var kept = new HashMap<String, ChannelText>();
        texts.forEach((lang, text) -> {
            if (!text.isBlank()) {
                kept.put(lang, text);
            }
        });
        return kept;
    }

    /** The lines of a translation box, in order, blank ones kept (they line up with the originals). */
    private static List<String> rawLines(String text) {
        var lines = text.strip().lines().map(String::strip).toList();
        return lines.stream().allMatch(String::isEmpty) ? List.of() : lines;
    }

    private List<Row> filled() {
        return rows.stream().filter(row -> !row.label().isBlank()).toList();
    }

    private static List<Row> withBlanks(List<Row> rows) {
        for (int i = 0; i < BLANK_ROWS; i++) {
            rows.add(Row.blank(""));
        }
        return rows;
    }

    private static QuestionType parseType(String type) {
        for (var value : QuestionType.values()) {
            if (value.name().equals(type)) {
                return value;
            }
        }
        return QuestionType.SHORT_TEXT;
    }

    private static List<String> lines(String text) {
        return text.lines()
                .map(String::strip)
                .filter(line -> !line.isEmpty())
                .distinct()
                .toList();
    }

    private static String keyOf(String label) {
        var ascii = Normalizer.normalize(label, Normalizer.Form.NFKD)
                .toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9]+", "_");
        ascii = ascii.replaceAll("^_+|_+$", "");
        if (ascii.isEmpty() || !Character.isLetter(ascii.charAt(0))) {
            return "";
        }
        return ascii.length() > 40 ? ascii.substring(0, 40) : ascii;
    }

    private static String text(@Nullable String value) {
        return value == null ? "" : value;
    }
}
