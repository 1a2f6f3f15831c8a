package org.tipline.channels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tipline.shared.InvalidInput;

/** The questionnaire's checks of a reporter's answers, without a server. */
class QuestionnaireTests {

    private final Questionnaire questionnaire = new Questionnaire(
            List.of(
                    new Questionnaire.Question("subject", QuestionType.SHORT_TEXT, "Subject", "", true, List.of()),
                    new Questionnaire.Question("story", QuestionType.LONG_TEXT, "What happened?", "", false, List.of()),
                    new Questionnaire.Question(
                            "where", QuestionType.SINGLE_CHOICE, "Where?", "", false, List.of("Office", "Depot")),
                    new Questionnaire.Question(
                            "who", QuestionType.MULTIPLE_CHOICE, "Who?", "", false, List.of("A", "B", "C")),
                    new Questionnaire.Question("when", QuestionType.DATE, "When?", "", false, List.of()),
                    new Questionnaire.Question("proof", QuestionType.FILES, "Proof", "", true, List.of())),
            List.of(new Questionnaire.Category("fraud", "Fraud")));

    @Test
    void keepsKnownAnswersTrimmedAndDropsEmptyAndUnknownOnes() {
        var clean = questionnaire.check(
                Map.of(
                        "subject", List.of("  Invoices  "),
                        "story", List.of("   "),
                        "who", List.of("A", "C"),
                        "unasked", List.of("ignored")),
                "fraud",
                Map.of("proof", 1));
        assertThat(clean).containsOnlyKeys("subject", "who");
        assertThat(clean.get("subject")).containsExactly("Invoices");
        assertThat(clean.get("who")).containsExactly("A", "C");
    }

    @Test
    void namesEveryQuestionInErrorAtOnce() {
        assertThatThrownBy(() -> questionnaire.check(
                        Map.of(
                                "story", List.of("x".repeat(Questionnaire.LONG_TEXT_LIMIT + 1)),
                                "where", List.of("Moon"),
                                "who", List.of("A", "A"),
                                "when", List.of("2026-02-30")),
                        "nope",
                        Map.of()))
                .isInstanceOfSatisfying(
                        InvalidInput.class,
                        e -> assertThat(e.fieldErrors())
                                .containsEntry("answers.subject", "error.required")
                                .containsEntry("answers.story", "error.too-long")
                                .containsEntry("answers.where", "error.choice.invalid")
                                .containsEntry("answers.who", "error.choice.invalid")
                                .containsEntry("answers.when", "error.date.invalid")
                                .containsEntry("answers.proof", "error.required")
                                .containsEntry("category", "error.choice.invalid"));
    }

    @Test
    void aShortTextIsOneValueOfAtMostAThousandCharacters() {
        var longest = "é".repeat(Questionnaire.SHORT_TEXT_LIMIT);
        assertThat(questionnaire
                        .check(Map.of("subject", List.of(longest)), null, Map.of("proof", 1))
                        .get("subject"))
                .containsExactly(longest);
        for (var values : List.of(List.of(longest + "x"), List.of("a", "b"))) {
            assertThatThrownBy(() -> questionnaire.check(Map.of("subject", values), null, Map.of("proof", 1)))
                    .isInstanceOfSatisfying(
                            InvalidInput.class, e -> assertThat(e.fieldErrors()).containsOnlyKeys("answers.subject"));
        }
    }

    @Test
    void datesAreIsoCalendarDatesWithinReason() {
        for (var good : List.of("1900-01-01", "2024-02-29", "2200-12-31")) {
            assertThat(questionnaire
                            .check(Map.of("subject", List.of("s"), "when", List.of(good)), null, Map.of("proof", 1))
                            .get("when"))
                    .containsExactly(good);
        }
        for (var bad : List.of("1899-12-31", "2201-01-01", "2023-02-29", "14/03/2026", "2026-3-14", "tomorrow")) {
            assertThatThrownBy(() -> questionnaire.check(
                            Map.of("subject", List.of("s"), "when", List.of(bad)), null, Map.of("proof", 1)))
                    .as(bad)
                    .isInstanceOf(InvalidInput.class);
        }
    }

    @Test
    void aBlankCategoryMeansNoneAndTheStandardQuestionnaireAsksForSubjectAndStory() {
        assertThat(questionnaire.check(Map.of("subject", List.of("s")), " ", Map.of("proof", 2)))
                .containsOnlyKeys("subject");
        var standard = Questionnaire.standard();
        assertThat(standard.questions())
                .extracting(Questionnaire.Question::key)
                .containsExactly("subject", "description", "when", "evidence");
        assertThat(standard.fileQuestions())
                .extracting(Questionnaire.Question::key)
                .containsExactly("evidence");
    }

    @Test
    void translatedTextsFallBackFieldByFieldAndAnswersKeepTheOptionsOwnText() {
        var question = new Questionnaire.Question(
                "where",
                QuestionType.SINGLE_CHOICE,
                "Where?",
                "The building.",
                true,
                List.of("Office", "Warehouse"),
                Map.of(
                        "zh-CN", new Questionnaire.QuestionText("在哪里？", "", List.of("办公室", "仓库")),
                        "ar", new Questionnaire.QuestionText("", "المبنى.", List.of("مكتب"))),
                false);
        assertThat(question.label("zh-CN")).isEqualTo("在哪里？");
        assertThat(question.help("zh-CN")).isEqualTo("The building.");
        assertThat(question.label("ar")).isEqualTo("Where?");
        assertThat(question.help("ar")).isEqualTo("المبنى.");
        assertThat(question.optionLabel("zh-CN", "Warehouse")).isEqualTo("仓库");
        // a translation with the wrong number of options is not used at all
        assertThat(question.optionLabel("ar", "Office")).isEqualTo("Office");
        assertThat(question.optionLabel("zh-CN", "Moon")).isEqualTo("Moon");
        assertThat(question.shown("zh-CN", List.of("Office", "Warehouse"))).isEqualTo("办公室, 仓库");
        var questionnaire = new Questionnaire(
                List.of(question), List.of(new Questionnaire.Category("fire", "Fire", Map.of("zh-CN", "火灾"))));
        assertThat(questionnaire.missingTranslations("zh-CN")).containsExactly("questions[0].help");
        assertThat(questionnaire.missingTranslations("ar"))
                .containsExactly("questions[0].label", "questions[0].options", "categories");
        // the cleaned answer is the option as written, whatever language it was read in
        assertThat(questionnaire.check(Map.of("where", List.of("Warehouse")), null, Map.of()))
                .containsEntry("where", List.of("Warehouse"));
        assertThat(questionnaire.check(Map.of("where", List.of("Warehouse")), "fire", Map.of()))
                .containsEntry("where", List.of("Warehouse"));
    }
}
