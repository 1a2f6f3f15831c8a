package org.tipline.channels.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.util.LinkedMultiValueMap;
import org.tipline.channels.QuestionType;
import org.tipline.channels.Questionnaire;
import org.tipline.crypto.Receipt;

/** The channel form read from request parameters, without a server or a script. */
class ChannelFormTests {

    @Test
    void rowsWithALabelBecomeQuestionsWithKeysMadeUpWhereMissing() {
        var params = new LinkedMultiValueMap<String, String>();
        params.add("slug", "  Ethics-Line ");
        params.add("name", "Ethics");
        params.add("receiptFormat", "DIGITS");
        params.add("q[0].key", "q1");
        params.add("q[0].label", "What happened?");
        params.add("q[0].type", "LONG_TEXT");
        params.add("q[0].required", "on");
        params.add("q[1].label", "Department");
        params.add("q[1].type", "SINGLE_CHOICE");
        params.add("q[1].options", "Sales\n\nFinance\nSales\n");
        params.add("q[2].label", "   ");
        params.add("q[3].label", "Unknown type");
        params.add("q[3].type", "NO_SUCH_TYPE");
        params.add("q[3].options", "ignored for text");
        params.add("q[5].label", "after a gap: not read");
        params.add("categories", "Fraud\nHarassment\n贿赂\nFraud");
        var recipient = UUID.randomUUID();
        params.add("recipients", recipient.toString());
        params.add("recipients", "not-a-uuid");

        var draft = ChannelForm.read(params).draft();

        assertThat(draft.slug()).isEqualTo("ethics-line");
        assertThat(draft.receiptFormat()).isEqualTo(Receipt.Format.DIGITS);
        var questions = draft.questionnaire().questions();
        assertThat(questions).extracting(Questionnaire.Question::key).containsExactly("q1", "q2", "q3");
        assertThat(questions.get(0).required()).isTrue();
        assertThat(questions.get(1).options()).containsExactly("Sales", "Finance");
        assertThat(questions.get(2).type()).isEqualTo(QuestionType.SHORT_TEXT);
        assertThat(questions.get(2).options()).isEmpty();
        assertThat(draft.questionnaire().categories())
                .extracting(Questionnaire.Category::key)
                .containsExactly("fraud", "harassment", "c3");
        assertThat(draft.recipients()).extracting(r -> r.value()).containsExactly(recipient);
    }

    @Test
    void aRedisplayedFormKeepsWhatWasTypedAndAddsBlankRows() {
        var params = new LinkedMultiValueMap<String, String>();
        params.add("q[0].label", "<script>x</script>");
        var form = ChannelForm.read(params).forDisplay();
        assertThat(form.rows()).hasSize(1 + ChannelForm.BLANK_ROWS);
        assertThat(form.rows().getFirst().label()).isEqualTo("<script>x</script>");
    }
}
