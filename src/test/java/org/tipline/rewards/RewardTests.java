package org.tipline.rewards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.tipline.shared.InvalidInput;
import org.tipline.shared.SafeYaml;
import org.tipline.shared.StaffId;

/**
 * The reward aggregate: the lifecycle of DOMAIN.md from candidate to paid, revoked and recovered;
 * every eligibility question answered with evidence; an unmet one makes it not eligible; the
 * approval matrix asks for more approvers as the amount grows; the assessor never approves
 * (scenario 11), nobody approves twice; the preparer of a payout never releases it (scenario 11);
 * and no move the state does not allow.
 */
class RewardTests {

    private static final Currency CNY = Currency.getInstance("CNY");

    private final StaffId assessor = staff();
    private final StaffId first = staff();
    private final StaffId second = staff();

    @Test
    void aRewardGoesFromCandidateToPaidWithDistinctApproversAndTwoPayoutOfficers() throws IOException {
        var policy = bands();
        var assessing = Reward.candidate(UUID.randomUUID(), 1).nominate().assess(assessor);
        assertThat(field(
                        () -> assessing.propose(policy, assessor, Map.of(), yuan("25000"), "2", null),
                        "answers.specific"))
                .isEqualTo("error.reward.evidence");
        assertThatThrownBy(() -> assessing.propose(policy, first, allMet(policy), yuan("25000"), "2", null))
                .isInstanceOf(Reward.Refused.class);
        assertThat(field(() -> assessing.propose(policy, assessor, allMet(policy), yuan("35000"), "2", null), "amount"))
                .isEqualTo("error.reward.outside-band");

        var proposed = assessing.propose(policy, assessor, allMet(policy), yuan("25000"), "2", null);
        assertThat(proposed.state()).isEqualTo(Reward.State.PROPOSED);
        assertThat(proposed.approvalsNeeded())
                .as("25,000 yuan needs two approvers")
                .isEqualTo(2);
        var pending = proposed.submitForApproval();
        // scenario 11: the assessor cannot approve
        assertThatThrownBy(() -> pending.approve(assessor))
                .isInstanceOfSatisfying(
                        Reward.Refused.class,
                        e -> assertThat(e.messageKey()).isEqualTo("error.reward.assessor-approves"));
        var once = pending.approve(first);
        assertThat(once.state()).isEqualTo(Reward.State.PENDING_APPROVAL);
        assertThatThrownBy(() -> once.approve(first))
                .isInstanceOfSatisfying(
                        Reward.Refused.class, e -> assertThat(e.messageKey()).isEqualTo("error.reward.approved-twice"));
        var approved = once.approve(second);
        assertThat(approved.state()).isEqualTo(Reward.State.APPROVED);
        assertThat(approved.approvers()).containsExactly(first, second);

        var prepared = approved.notifyReporter().claim().preparePayout(first);
        // scenario 11: the preparer cannot release the payout
        assertThatThrownBy(() -> prepared.releasePayout(first))
                .isInstanceOfSatisfying(
                        Reward.Refused.class,
                        e -> assertThat(e.messageKey()).isEqualTo("error.reward.preparer-releases"));
        var paid = prepared.releasePayout(second);
        assertThat(paid.state()).isEqualTo(Reward.State.PAID);
        // scenario 8: fraud found after payment
        assertThat(paid.revoke().recover().state()).isEqualTo(Reward.State.RECOVERED);
        assertThat(paid.version()).isGreaterThan(proposed.version());
    }

    @Test
    void theApprovalMatrixGrowsWithTheAmountAndAnUnmetQuestionEndsTheReward() throws IOException {
        var policy = bands();
        assertThat(policy.approversFor(yuan("8000"))).isEqualTo(1);
        assertThat(policy.approversFor(yuan("100000"))).isEqualTo(2);
        assertThat(policy.approversFor(yuan("500000"))).isEqualTo(3);

        var answers = new LinkedHashMap<>(allMet(policy));
        answers.put("new", new Reward.Answer(false, "The agency knew of it from an earlier report."));
        var ended = Reward.candidate(UUID.randomUUID(), 1)
                .nominate()
                .assess(assessor)
                .propose(policy, assessor, answers, yuan("25000"), "2", null);
        assertThat(ended.state()).isEqualTo(Reward.State.NOT_ELIGIBLE);
        assertThat(ended.amount()).isNull();
        assertThatThrownBy(ended::submitForApproval).isInstanceOf(Reward.Refused.class);

        // no skipping: a candidate is neither paid nor notified
        var candidate = Reward.candidate(UUID.randomUUID(), 1);
        assertThatThrownBy(candidate::notifyReporter).isInstanceOf(Reward.Refused.class);
        assertThatThrownBy(() -> candidate.releasePayout(first)).isInstanceOf(Reward.Refused.class);
        // an expired claim is final
        var expired = Reward.candidate(UUID.randomUUID(), 1)
                .nominate()
                .assess(assessor)
                .propose(policy, assessor, allMet(policy), yuan("5000"), "1", null)
                .submitForApproval()
                .approve(first)
                .notifyReporter()
                .expire();
        assertThat(expired.state()).isEqualTo(Reward.State.EXPIRED);
        assertThatThrownBy(expired::claim).isInstanceOf(Reward.Refused.class);
    }

    @Test
    void theNominatorNeverApprovesALaterReporterGetsAtMostTheCeilingAndAnUnreachableOneNothing() throws IOException {
        var policy = bands();
        var nominator = staff();
        var assessing =
                Reward.candidate(UUID.randomUUID(), 1).nominate(nominator).assess(assessor);
        var pending = assessing
                .propose(policy, assessor, allMet(policy), yuan("5000"), "1", null)
                .submitForApproval();
        assertThatThrownBy(() -> pending.approve(nominator))
                .isInstanceOfSatisfying(
                        Reward.Refused.class,
                        e -> assertThat(e.messageKey()).isEqualTo("error.reward.nominator-approves"));
        assertThat(pending.approve(first).state()).isEqualTo(Reward.State.APPROVED);

        // a later reporter: above nothing, at most the ceiling, in the policy's currency, in no band
        var ceiling = yuan("1000");
        assertThat(field(
                        () -> assessing.propose(policy, assessor, allMet(policy), yuan("1000.01"), null, null, ceiling),
                        "amount"))
                .isEqualTo("error.reward.discretionary");
        assertThat(field(
                        () -> assessing.propose(policy, assessor, allMet(policy), yuan("0"), null, null, ceiling),
                        "amount"))
                .isEqualTo("error.reward.discretionary");
        assertThat(field(
                        () -> assessing.propose(
                                policy,
                                assessor,
                                allMet(policy),
                                new Money(100, Currency.getInstance("USD")),
                                null,
                                null,
                                ceiling),
                        "amount"))
                .isEqualTo("error.reward.currency-mismatch");
        var later = assessing.propose(policy, assessor, allMet(policy), yuan("1000"), "4", null, ceiling);
        assertThat(later.state()).isEqualTo(Reward.State.PROPOSED);
        assertThat(later.band()).isNull();
        assertThat(later.approvalsNeeded()).isEqualTo(1);

        // a reporter who cannot be reached: not eligible whatever the answers, which are kept; only by the assessor
        assertThatThrownBy(() -> assessing.unreachable(policy, first, allMet(policy)))
                .isInstanceOf(Reward.Refused.class);
        var unreachable = assessing.unreachable(policy, assessor, allMet(policy));
        assertThat(unreachable.state()).isEqualTo(Reward.State.NOT_ELIGIBLE);
        assertThat(unreachable.answers()).hasSize(policy.eligibility().size());
        assertThat(unreachable.amount()).isNull();
    }

    private static Map<String, Reward.Answer> allMet(RewardPolicy policy) {
        var answers = new LinkedHashMap<String, Reward.Answer>();
        policy.eligibility().forEach(c -> answers.put(c.code(), new Reward.Answer(true, "Case file, page 3")));
        return answers;
    }

    private static RewardPolicy bands() throws IOException {
        return RewardPolicy.read(SafeYaml.load(Files.readString(Path.of("examples", "reward-bands-cny.yaml")), 20_000));
    }

    private static Money yuan(String amount) {
        return Money.parse(amount, CNY).orElseThrow();
    }

    private static StaffId staff() {
        return new StaffId(UUID.randomUUID());
    }

    private static String field(Runnable check, String field) {
        try {
            check.run();
        } catch (InvalidInput e) {
            return e.fieldErrors().get(field);
        }
        throw new AssertionError("accepted");
    }
}
