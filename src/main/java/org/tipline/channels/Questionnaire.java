package org.tipline.channels;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.tipline.shared.InvalidInput;

/**
 * What a channel asks a reporter: its questions and the categories a report may be filed under.
 * One version of it is stored per change; a report records the version it answered.
 */
public record Questionnaire(List<Question> questions, List<Category> categories) {

    /** The longest answer to a short text question. */
    public static final int SHORT_TEXT_LIMIT = 1_000;

    /** The longest answer to a long text question. */
    public static final int LONG_TEXT_LIMIT = 100_000;

    /**
     * One question. {@code key} names the answer; {@code options} only for choice questions, and
     * an answer is always one of them as written here, whatever language the reporter read them in.
     * {@code translations} holds the label, help and options in other languages. An {@code
     * identity} question asks who the reporter is or how to reach them: its answer is sealed to the
     * organisation's identity vault, never with the report, so handlers do not see it.
     */
    public record Question(
            String key,
            QuestionType type,
            String label,
            String help,
            boolean required,
            List<String> options,
            Map<String, QuestionText> translations,
            Boolean identity) {
        public Question {
            java.util.Objects.requireNonNull(type, "A question needs a type");
            key = key == null ? "" : key;
            label = label == null ? "" : label;
            help = help == null ? "" : help;
            options = options == null ? List.of() : List.copyOf(options);
            translations = translations == null ? Map.of() : Map.copyOf(translations);
            // questionnaires stored before identity questions existed have no such field
            identity = Boolean.TRUE.equals(identity);
        }

        public Question(
                String key, QuestionType type, String label, String help, boolean required, List<String> options) {
            this(key, type, label, help, required, options, Map.of(), false);
        }

        /** Returns the label in {@code lang}, or as written when not translated. */
        public String label(String lang) {
            var text = translations.get(lang);
            return text == null || text.label().isBlank() ? label : text.label();
        }

        /** Returns the help in {@code lang}, or as written when not translated. */
        public String help(String lang) {
            var text = translations.get(lang);
            return text == null || text.help().isBlank() ? help : text.help();
        }

        /** Returns {@code answer} as the reporter reads it in {@code lang}: chosen options translated, joined. */
        public String shown(String lang, List<String> answer) {
            return String.join(
                    ", ", answer.stream().map(value -> optionLabel(lang, value)).toList());
        }

        /** Returns how {@code option} reads in {@code lang}, or as written when not translated. */
        public String optionLabel(String lang, String option) {
            var text = translations.get(lang);
            var index = options.indexOf(option);
            if (text == null || index < 0 || text.options().size() != options.size()) {
                return option;
            }
            var translated = text.options().get(index);
            return translated.isBlank() ? option : translated;
        }
    }

    /** A question's label, help and options (in the order of the question's own) in one more language. */
    public record QuestionText(String label, String help, List<String> options) {
        public QuestionText {
            label = label == null ? "" : label;
            help = help == null ? "" : help;
            options = options == null ? List.of() : List.copyOf(options);
        }
    }

    /** A category a reporter may choose, with its label in other languages. */
    public record Category(String key, String label, Map<String, String> translations) {
        public Category {
            key = key == null ? "" : key;
            label = label == null ? "" : label;
            translations = translations == null ? Map.of() : Map.copyOf(translations);
        }

        public Category(String key, String label) {
            this(key, label, Map.of());
        }

        /** Returns the label in {@code lang}, or as written when not translated. */
        public String label(String lang) {
            var translated = translations.get(lang);
            return translated == null || translated.isBlank() ? label : translated;
        }
    }

    public Questionnaire {
        questions = questions == null ? List.of() : List.copyOf(questions);
        categories = categories == null ? List.of() : List.copyOf(categories);
    }

    /** Returns the fields with no translation into {@code lang}, named as in the admin's form. */
    public List<String> missingTranslations(String lang) {
        var missing = new ArrayList<String>();
        for (int i = 0; i < questions.size(); i++) {
            var question = questions.get(i);
            var text = question.translations().get(lang);
            if (text == null || text.label().isBlank()) {
                missing.add("questions[" + i + "].label");
            }
            if (!question.help().isBlank() && (text == null || text.help().isBlank())) {
                missing.add("questions[" + i + "].help");
            }
            if (!question.options().isEmpty()
                    && (text == null
                            || text.options().size() != question.options().size()
                            || text.options().stream().anyMatch(String::isBlank))) {
                missing.add("questions[" + i + "].options");
            }
        }
        if (categories.stream()
                .anyMatch(category ->
                        category.translations().getOrDefault(lang, "").isBlank())) {
            missing.add("categories");
        }
        return missing;
    }

    /** Returns the question named {@code key}. */
    public Optional<Question> question(String key) {
        return questions.stream().filter(q -> q.key().equals(key)).findFirst();
    }

    /** Returns the questions that take files. */
    public List<Question> fileQuestions() {
        return questions.stream().filter(q -> q.type() == QuestionType.FILES).toList();
    }

    /**
     * Checks a reporter's answers and returns them cleaned: only known questions, values trimmed,
     * empty answers dropped.
     *
     * @param answers the submitted values per question key (text questions have one value)
     * @param category the chosen category key, if any
     * @param filesPerQuestion how many files came with each file question
     * @throws InvalidInput naming each question in error with a message key
     */
    public Map<String, List<String>> check(
            Map<String, List<String>> answers, @Nullable String category, Map<String, Integer> filesPerQuestion) {
        Map<String, String> errors = new LinkedHashMap<>();
        Map<String, List<String>> clean = new LinkedHashMap<>();
        for (var question : questions) {
            var values = answers.getOrDefault(question.key(), List.of()).stream()
                    .map(String::strip)
                    .filter(v -> !v.isEmpty())
                    .toList();
            var field = "answers." + question.key();
            if (question.type() == QuestionType.FILES) {
                if (question.required() && filesPerQuestion.getOrDefault(question.key(), 0) == 0) {
                    errors.put(field, "error.required");
                }
                continue;
            }
            if (values.isEmpty()) {
                if (question.required()) {
                    errors.put(field, "error.required");
                }
                continue;
            }
            var error = switch (question.type()) {
                case SHORT_TEXT ->
                    values.size() > 1 || values.getFirst().length() > SHORT_TEXT_LIMIT ? "error.too-long" : null;
                case LONG_TEXT ->
                    values.size() > 1 || values.getFirst().length() > LONG_TEXT_LIMIT ? "error.too-long" : null;
                case SINGLE_CHOICE ->
                    values.size() > 1 || !question.options().contains(values.getFirst())
                            ? "error.choice.invalid"
                            : null;
                case MULTIPLE_CHOICE ->
                    question.options().containsAll(values)
                                    && values.size()
                                            == values.stream().distinct().count()
                            ? null
                            : "error.choice.invalid";
                case DATE -> values.size() > 1 || !isDate(values.getFirst()) ? "error.date.invalid" : null;
                case FILES -> null;
            };
            if (error != null) {
                errors.put(field, error);
            } else {
                clean.put(question.key(), values);
            }
        }
        if (category != null
                && !category.isBlank()
                && categories.stream().noneMatch(c -> c.key().equals(category))) {
            errors.put("category", "error.choice.invalid");
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        return clean;
    }

    /** Returns the answers among {@code answers} to identity questions: what goes to the vault. */
    public Map<String, List<String>> identityAnswers(Map<String, List<String>> answers) {
        var identity = new LinkedHashMap<String, List<String>>();
        for (var question : questions) {
            if (question.identity() && answers.containsKey(question.key())) {
                identity.put(question.key(), answers.get(question.key()));
            }
        }
        return identity;
    }

    /** Returns whether any question asks who the reporter is. */
    public boolean asksIdentity() {
        return questions.stream().anyMatch(Question::identity);
    }

    private static boolean isDate(String value) {
        try {
            var date = LocalDate.parse(value);
            return date.getYear() >= 1900 && date.getYear() <= 2200;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    /** Returns the questionnaire of a new channel: a subject, a description, a date and files. */
    public static Questionnaire standard() {
        var questions = new ArrayList<Question>();
        questions.add(
                new Question("subject", QuestionType.SHORT_TEXT, "What is your report about?", "", true, List.of()));
        questions.add(new Question(
                "description",
                QuestionType.LONG_TEXT,
                "What happened?",
                "Who, what, where and when. Please do not include your own name unless you wish to.",
                true,
                List.of()));
        questions.add(new Question("when", QuestionType.DATE, "When did it happen?", "", false, List.of()));
        questions.add(new Question("evidence", QuestionType.FILES, "Documents or pictures", "", false, List.of()));
        return new Questionnaire(questions, List.of());
    }
}
