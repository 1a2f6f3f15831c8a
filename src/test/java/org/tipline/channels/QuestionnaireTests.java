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
}
