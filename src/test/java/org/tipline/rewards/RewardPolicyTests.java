package org.tipline.rewards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Currency;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tipline.shared.InvalidInput;
import org.tipline.shared.SafeYaml;

/**
 * Reward policies in their three shapes: the examples under {@code examples/} read and write back
 * to the same policy; amounts are checked against bands, shares and caps in the policy's currency;
 * a policy with overlapping bands, an open band before the last, a section of another shape, an
 * unknown field or an amount with too many decimals is refused, naming the field.
 */
class RewardPolicyTests {

    private static final Currency CNY = Currency.getInstance("CNY");
    private static final Currency USD = Currency.getInstance("USD");
    private static final Currency EUR = Currency.getInstance("EUR");

    @Test
    void theThreeExamplesReadAndWriteBackToTheSamePolicy() throws IOException {
        for (var name : java.util.List.of("reward-bands-cny.yaml", "reward-share-usd.yaml", "reward-board-eur.yaml")) {
            var policy = RewardPolicy.read(SafeYaml.load(Files.readString(Path.of("examples", name)), 20_000));
            var again = RewardPolicy.read(SafeYaml.load(SafeYaml.dump(policy.write()), 20_000));
            assertThat(again).as(name).isEqualTo(policy);
        }
        var bands = example("reward-bands-cny.yaml");
        assertThat(bands.shape()).isEqualTo(RewardPolicy.Shape.BANDS);
        assertThat(bands.bands()).hasSize(4);
        assertThat(bands.bands().getLast().upTo()).as("the top band is open").isNull();
        assertThat(bands.deadlines().start().toString()).isEqualTo("30 working days");
        assertThat(bands.payoutIdentity()).isEqualTo(RewardPolicy.PayoutIdentity.PROXY);
        assertThat(bands.eligibility())
                .extracting(RewardPolicy.Criterion::code)
                .containsExactly("specific", "new", "verified", "helpful");
        var share = example("reward-share-usd.yaml");
        assertThat(share.share().threshold()).isEqualTo(new Money(100_000_000, USD));
        var board = example("reward-board-eur.yaml");
        assertThat(board.cap()).isEqualTo(new Money(100_000, EUR));
    }

    @Test
    void amountsStayInsideTheirBandShareOrCapAndCurrency() throws IOException {
        var bands = example("reward-bands-cny.yaml");
        bands.checkAmount(yuan("25000"), "2", null);
        bands.checkAmount(yuan("250000"), "4", null);
        assertThat(field(() -> bands.checkAmount(yuan("35000"), "2", null), "amount"))
                .isEqualTo("error.reward.outside-band");
        assertThat(field(() -> bands.checkAmount(yuan("5000"), "9", null), "band"))
                .isEqualTo("error.reward.band");
        assertThat(field(() -> bands.checkAmount(new Money(500_000, USD), "1", null), "amount"))
                .isEqualTo("error.reward.currency-mismatch");

        var share = example("reward-share-usd.yaml");
        var recovered = dollars("2000000");
        share.checkAmount(dollars("200000"), null, recovered);
        share.checkAmount(dollars("600000"), null, recovered);
        assertThat(field(() -> share.checkAmount(dollars("199999.99"), null, recovered), "amount"))
                .isEqualTo("error.reward.outside-share");
        assertThat(field(() -> share.checkAmount(dollars("600000.01"), null, recovered), "amount"))
                .isEqualTo("error.reward.outside-share");
        assertThat(field(() -> share.checkAmount(dollars("100000"), null, dollars("1000000")), "recovered"))
                .isEqualTo("error.reward.below-threshold");

        var board = example("reward-board-eur.yaml");
        board.checkAmount(Money.parse("1000", EUR).orElseThrow(), null, null);
        assertThat(field(() -> board.checkAmount(Money.parse("1000.01", EUR).orElseThrow(), null, null), "amount"))
                .isEqualTo("error.reward.over-cap");
    }

    @Test
    void badPoliciesAreRefusedNamingTheField() throws IOException {
        var text = Files.readString(Path.of("examples", "reward-bands-cny.yaml"));
        assertThat(refused(text.replace("    from: 30000\n", "    from: 20000\n")))
                .containsEntry("bands[2].from", "error.reward.bands-overlap");
        assertThat(refused(text.replace("    from: 10000\n    upTo: 30000\n", "    from: 10000\n")))
                .containsEntry("bands[1].upTo", "error.reward.open-band");
        assertThat(refused(text.replace("currency: CNY", "currency: XYZ"))).containsKey("currency");
        assertThat(refused(text.replace("clawback: true", "clawback: true\nclawbak: false")))
                .containsEntry("clawbak", "error.policy.unknown-field");
        assertThat(refused(text.replace("upTo: 10000", "upTo: 10000.001")))
                .containsEntry("bands[0].upTo", "error.reward.amount");
        assertThat(refused(text + "board:\n  cap: 5\n")).containsEntry("board", "error.reward.other-shape");
        assertThat(refused(text.replace("claimWindow: 6 months", "claimWindow: 6 fortnights")))
                .containsEntry("deadlines.claimWindow", "error.policy.period");
        assertThat(refused(text.replace("extendableTo: 36 months", "extendableTo: 3 months")))
                .containsEntry("deadlines.extendableTo", "error.policy.extension-shorter");
        assertThat(refused(text.replace("    approvers: 2\n", "    approvers: 0\n")))
                .containsEntry("approvals[1].approvers", "error.reward.approvers");
        assertThat(refused(text.replace("  - approvers: 3\n", "  - approvers: 1\n")))
                .containsEntry("approvals[2].approvers", "error.reward.approvers-order");
        var share = Files.readString(Path.of("examples", "reward-share-usd.yaml"));
        assertThat(refused(share.replace("maxPercent: 30", "maxPercent: 5")))
                .containsEntry("share.maxPercent", "error.reward.percent-order");
        assertThat(refused(share.replace("minPercent: 10", "minPercent: 101"))).containsKey("share.minPercent");
    }

    private static Map<String, String> refused(String yaml) {
        try {
            RewardPolicy.read(SafeYaml.load(yaml, 20_000));
        } catch (InvalidInput e) {
            return e.fieldErrors();
        }
        throw new AssertionError("accepted: " + yaml);
    }

    private static String field(Runnable check, String field) {
        try {
            check.run();
        } catch (InvalidInput e) {
            return e.fieldErrors().get(field);
        }
        throw new AssertionError("accepted");
    }

    private static RewardPolicy example(String name) throws IOException {
        return RewardPolicy.read(SafeYaml.load(Files.readString(Path.of("examples", name)), 20_000));
    }

    private static Money yuan(String amount) {
        return Money.parse(amount, CNY).orElseThrow();
    }

    private static Money dollars(String amount) {
        return Money.parse(amount, USD).orElseThrow();
    }

    @Test
    void moneyIsWholeMinorUnits() {
        assertThat(Money.parse("1250.5", USD)).contains(new Money(125_050, USD));
        assertThat(Money.parse("1250.505", USD)).isEmpty();
        assertThat(Money.parse("-3", USD)).isEmpty();
        assertThat(Money.parse("1e6", USD)).isEmpty();
        assertThat(Money.parse("100", Currency.getInstance("JPY")))
                .contains(new Money(100, Currency.getInstance("JPY")));
        assertThat(new Money(125_050, USD).major()).isEqualTo("1250.5");
        assertThatThrownBy(() -> new Money(5, USD).compareTo(new Money(5, EUR)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
