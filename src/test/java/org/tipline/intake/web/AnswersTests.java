package org.tipline.intake.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tipline.shared.InvalidInput;
import tools.jackson.databind.json.JsonMapper;

/** Answers read from form fields and from JSON, without a server. */
class AnswersTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void formFieldsNamedAfterQuestionsAreAnswers() {
        var answers = Answers.fromFields(Map.of(
                "answers.subject", List.of("s"),
                "answers.who", List.of("A", "B"),
                "category", List.of("fraud"),
                "_token", List.of("t")));
        assertThat(answers).containsOnlyKeys("subject", "who");
        assertThat(answers.get("who")).containsExactly("A", "B");
    }

    @Test
    void jsonAnswersAreStringsOrArraysOfStrings() {
        var answers = Answers.fromJson(JSON.readTree("{\"subject\":\"s\",\"who\":[\"A\",\"B\"],\"when\":null}"));
        assertThat(answers)
                .containsEntry("subject", List.of("s"))
                .containsEntry("who", List.of("A", "B"))
                .containsEntry("when", List.of());
        assertThat(Answers.fromJson(null)).isEmpty();
        assertThat(Answers.fromJson(JSON.readTree("null"))).isEmpty();
    }

    @Test
    void anyOtherShapeIsRefusedNamingTheAnswer() {
        for (var shape : List.of(
                "{\"subject\":1}", "{\"subject\":{\"a\":\"b\"}}", "{\"subject\":[\"a\",2]}", "{\"subject\":true}")) {
            assertThatThrownBy(() -> Answers.fromJson(JSON.readTree(shape)))
                    .as(shape)
                    .isInstanceOfSatisfying(
                            InvalidInput.class,
                            e -> assertThat(e.fieldErrors()).containsEntry("answers.subject", "error.answers.shape"));
        }
        assertThatThrownBy(() -> Answers.fromJson(JSON.readTree("[\"not\",\"an\",\"object\"]")))
                .isInstanceOfSatisfying(
                        InvalidInput.class, e -> assertThat(e.fieldErrors()).containsOnlyKeys("answers"));
    }
}
