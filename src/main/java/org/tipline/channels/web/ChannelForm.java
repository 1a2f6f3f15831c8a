package org.tipline.channels.web;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.util.MultiValueMap;
import org.tipline.channels.Channel;
import org.tipline.channels.ChannelDraft;
import org.tipline.channels.QuestionType;
import org.tipline.channels.Questionnaire;
import org.tipline.crypto.Receipt;
import org.tipline.shared.StaffId;

/**
 * The channel editing form, read from request parameters: question rows are indexed
 * ({@code q[0].label}, {@code q[0].type}, …); rows without a label are dropped, so the page needs
 * no script to add or remove questions.
 */
record ChannelForm(
        String slug,
        String name,
        String publicText,
        String whoReads,
        String retention,
        String receiptFormat,
        List<Row> rows,
        String categories,
        List<String> recipients) {

    /** One question row of the form. */
    record Row(String key, String label, String type, String help, boolean required, String options) {
        static Row blank(String key) {
            return new Row(key, "", QuestionType.SHORT_TEXT.name(), "", false, "");
        }
    }

    static final int BLANK_ROWS = 3;

    static ChannelForm of(Channel channel) {
        var rows = new ArrayList<Row>();
        for (var question : channel.questionnaire().questions()) {
            rows.add(new Row(
                    question.key(),
                    question.label(),
                    question.type().name(),
                    question.help(),
                    question.required(),
                    String.join("\n", question.options())));
        }
        return new ChannelForm(
                channel.slug(),
                channel.name(),
                channel.publicText(),
                channel.whoReads(),
                channel.retention(),
                channel.receiptFormat().name(),
                withBlanks(rows),
                String.join(
                        "\n",
                        channel.questionnaire().categories().stream()
                                .map(Questionnaire.Category::label)
                                .toList()),
                channel.recipients().stream().map(StaffId::toString).toList());
    }

    static ChannelForm blank(StaffId admin) {
        return new ChannelForm(
                "",
                "",
                "",
                "",
                "",
                Receipt.Format.LETTERS.name(),
                withBlanks(new ArrayList<>()),
                "",
                List.of(admin.toString()));
    }

    static ChannelForm read(MultiValueMap<String, String> params) {
        var rows = new ArrayList<Row>();
        for (int i = 0; i < 200 && params.containsKey("q[" + i + "].label"); i++) {
            var prefix = "q[" + i + "].";
            rows.add(new Row(
                    text(params.getFirst(prefix + "key")),
                    text(params.getFirst(prefix + "label")),
                    text(params.getFirst(prefix + "type")),
                    text(params.getFirst(prefix + "help")),
                    params.containsKey(prefix + "required"),
                    text(params.getFirst(prefix + "options"))));
        }
        var recipients = params.get("recipients");
        return new ChannelForm(
                text(params.getFirst("slug")),
                text(params.getFirst("name")),
                text(params.getFirst("publicText")),
                text(params.getFirst("whoReads")),
                text(params.getFirst("retention")),
                text(params.getFirst("receiptFormat")),
                rows,
                text(params.getFirst("categories")),
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
                receiptFormat,
                withBlanks(new ArrayList<>(filled())),
                categories,
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
            questions.add(new Questionnaire.Question(
                    key, type, row.label().strip(), row.help().strip(), row.required(), options));
        }
        var categories = new ArrayList<Questionnaire.Category>();
        var categoryKeys = new HashSet<String>();
        int index = 1;
        for (var label : lines(this.categories)) {
            var key = keyOf(label);
            if (key.isEmpty() || !categoryKeys.add(key)) {
                key = "c" + index;
                categoryKeys.add(key);
            }
            categories.add(new Questionnaire.Category(key, label));
            index++;
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
                "DIGITS".equals(receiptFormat) ? Receipt.Format.DIGITS : Receipt.Format.LETTERS,
                new Questionnaire(questions, categories),
                staff);
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
