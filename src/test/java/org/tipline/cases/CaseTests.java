package org.tipline.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.tipline.channels.ChannelId;
import org.tipline.channels.PolicyProfileId;
import org.tipline.channels.PolicyRules;
import org.tipline.mailbox.ReporterStatus;
import org.tipline.reports.ReportId;
import org.tipline.shared.InvalidInput;
import org.tipline.shared.OrganizationId;

/** The case's state graph and its moves, without a server. */
class CaseTests {

    private static final Instant RECEIVED = Instant.parse("2026-11-29T08:00:00Z");

    private final Case received = Case.opened(
            OrganizationId.random(),
            ReportId.random(),
            new ChannelId(UUID.randomUUID()),
            RECEIVED,
            new PolicyRef(PolicyProfileId.random(), 1));

    @Test
    void aNewCaseIsReceivedWithASpeakableReference() {
        assertThat(received.state()).isEqualTo(CaseState.RECEIVED);
        assertThat(received.version()).isZero();
        assertThat(received.reference()).matches("C-[0-9A-F]{8}");
    }

    @Test
    void acknowledgingMovesAReceivedCaseOnlyAndKeepsEverythingElse() {
        var at = RECEIVED.plusSeconds(3600);
        var acknowledged = received.acknowledge(at);
        assertThat(acknowledged.state()).isEqualTo(CaseState.ACKNOWLEDGED);
        assertThat(acknowledged.acknowledgedAt()).isEqualTo(at);
        assertThat(acknowledged)
                .usingRecursiveComparison()
                .ignoringFields("state", "acknowledgedAt")
                .isEqualTo(received);
        assertThatThrownBy(() -> acknowledged.acknowledge(at)).isInstanceOfSatisfying(IllegalTransition.class, e -> {
            assertThat(e.from()).isEqualTo(CaseState.ACKNOWLEDGED);
            assertThat(e.to()).isEqualTo(CaseState.ACKNOWLEDGED);
            assertThat(e.detail()).contains("ACKNOWLEDGED");
            assertThat(e.status().value()).isEqualTo(409);
        });
    }

    @Test
    void everyStateIsReachableFromReceivedAndOnlyPurgedIsFinal() {
        var seen = EnumSet.of(CaseState.RECEIVED);
        var queue = new ArrayDeque<CaseState>(seen);
        while (!queue.isEmpty()) {
            for (var next : queue.poll().next()) {
                if (seen.add(next)) {
                    queue.add(next);
                }
            }
        }
        assertThat(seen).isEqualTo(EnumSet.allOf(CaseState.class));
        for (var state : CaseState.values()) {
            assertThat(state.next().isEmpty()).as(state.name()).isEqualTo(state == CaseState.PURGED);
            assertThat(state.canMoveTo(state)).as(state + " to itself").isFalse();
            assertThat(state.canMoveTo(CaseState.RECEIVED)).isFalse();
        }
    }

    @Test
    void theLifecycleOfDomainMd() {
        assertThat(CaseState.TRIAGE.next())
                .containsExactlyInAnyOrder(CaseState.INVESTIGATING, CaseState.REFERRED, CaseState.CLOSED_NO_ACTION);
        assertThat(CaseState.INVESTIGATING.canMoveTo(CaseState.AWAITING_REPORTER))
                .isTrue();
        assertThat(CaseState.AWAITING_REPORTER.canMoveTo(CaseState.INVESTIGATING))
                .isTrue();
        assertThat(CaseState.RECEIVED.canMoveTo(CaseState.INVESTIGATING))
                .as("triage cannot be skipped")
                .isFalse();
        assertThat(CaseState.CONCLUDED.canMoveTo(CaseState.INVESTIGATING)).isFalse();
    }

    @Test
    void theReporterIsToldInPlainWordsWhereTheirReportStands() {
        assertThat(CaseState.RECEIVED.reporterStatus()).isEqualTo(ReporterStatus.RECEIVED);
        assertThat(CaseState.ACK_WAIVED.reporterStatus()).isEqualTo(ReporterStatus.RECEIVED);
        assertThat(CaseState.ACKNOWLEDGED.reporterStatus()).isEqualTo(ReporterStatus.ACKNOWLEDGED);
        assertThat(CaseState.INVESTIGATING.reporterStatus()).isEqualTo(ReporterStatus.IN_PROGRESS);
        assertThat(CaseState.AWAITING_REPORTER.reporterStatus()).isEqualTo(ReporterStatus.AWAITING_REPORTER);
        assertThat(CaseState.CLOSED_NO_ACTION.reporterStatus()).isEqualTo(ReporterStatus.CLOSED);
        assertThat(CaseState.PURGED.reporterStatus()).isEqualTo(ReporterStatus.CONCLUDED);
    }

    @Test
    void everyMoveIsAllowedExactlyWhereTheGraphAllowsIt() {
        var rules = PolicyRules.euInternal();
        var moves = new EnumMap<CaseState, Function<Case, Case>>(CaseState.class);
        moves.put(CaseState.ACKNOWLEDGED, c -> c.acknowledge(RECEIVED));
        moves.put(CaseState.ACK_WAIVED, c -> c.waiveAcknowledgement(rules, "reporter-asked"));
        moves.put(CaseState.TRIAGE, Case::startTriage);
        moves.put(CaseState.INVESTIGATING, Case::investigate);
        moves.put(CaseState.AWAITING_REPORTER, Case::awaitReporter);
        moves.put(CaseState.ADDRESSING, Case::address);
        moves.put(CaseState.CONCLUDED, c -> c.conclude(Outcome.SUBSTANTIATED));
        moves.put(CaseState.REFERRED, c -> c.refer("The regulator"));
        moves.put(CaseState.CLOSED_NO_ACTION, c -> c.closeWithoutAction(rules, "out-of-scope"));
        moves.put(CaseState.ARCHIVED, Case::archive);
        var checked = 0;
        for (var from : CaseState.values()) {
            var current = in(from, RetaliationRisk.LOW);
            for (var move : moves.entrySet()) {
                var to = move.getKey();
                if (from.canMoveTo(to)) {
                    var moved = move.getValue().apply(current);
                    assertThat(moved.state()).as(from + " → " + to).isEqualTo(to);
                    assertThat(moved.version()).isEqualTo(current.version());
                } else {
                    assertThatThrownBy(() -> move.getValue().apply(current))
                            .as(from + " → " + to)
                            .isInstanceOfSatisfying(IllegalTransition.class, e -> {
                                assertThat(e.from()).isEqualTo(from);
                                assertThat(e.detail()).contains(from.name());
                            });
                }
                checked++;
            }
        }
        assertThat(checked).isEqualTo(CaseState.values().length * moves.size());
    }

    @Test
    void aDuplicateIsConcludedFromEveryStateBeforeAConclusionAndFromNoneAfter() {
        for (var from : CaseState.values()) {
            var current = in(from, RetaliationRisk.LOW);
            if (current.isClosed()) {
                assertThatThrownBy(current::mergeInto)
                        .as(from.name())
                        .isInstanceOfSatisfying(
                                IllegalTransition.class,
                                e -> assertThat(e.from()).isEqualTo(from));
            } else {
                var merged = current.mergeInto();
                assertThat(merged.state()).as(from.name()).isEqualTo(CaseState.CONCLUDED);
                assertThat(merged.outcome()).isEqualTo(Outcome.DUPLICATE);
                assertThat(merged)
                        .usingRecursiveComparison()
                        .ignoringFields("state", "outcome")
                        .isEqualTo(current);
            }
        }
    }

    @Test
    void triageIsLeftOnlyWithARetaliationRiskAssessment() {
        var rules = PolicyRules.euInternal();
        var triage = in(CaseState.TRIAGE, null);
        for (Function<Case, Case> leave : List.<Function<Case, Case>>of(
                Case::investigate, c -> c.refer("The regulator"), c -> c.closeWithoutAction(rules, "out-of-scope"))) {
            assertThatThrownBy(() -> leave.apply(triage))
                    .isInstanceOfSatisfying(
                            CaseRuleBroken.class, e -> assertThat(e.detail()).contains("retaliation-risk"));
            assertThat(leave.apply(triage.assessRisk(RetaliationRisk.HIGH)).risk())
                    .isEqualTo(RetaliationRisk.HIGH);
        }
        // resuming after the reporter answered is not leaving triage
        assertThat(in(CaseState.AWAITING_REPORTER, null).investigate().state()).isEqualTo(CaseState.INVESTIGATING);
        // the assessment can be revised while the case is open, never before triage or once closed
        assertThat(in(CaseState.ADDRESSING, RetaliationRisk.LOW)
                        .assessRisk(RetaliationRisk.MEDIUM)
                        .risk())
                .isEqualTo(RetaliationRisk.MEDIUM);
        assertThatThrownBy(() -> received.assessRisk(RetaliationRisk.LOW)).isInstanceOf(IllegalTransition.class);
        assertThatThrownBy(() -> in(CaseState.CONCLUDED, RetaliationRisk.LOW).assessRisk(RetaliationRisk.LOW))
                .isInstanceOf(IllegalTransition.class);
    }

    @Test
    void reasonsComeFromThePolicyAndAReferralNamesWhereTo() {
        var rules = PolicyRules.euInternal();
        assertThatThrownBy(() -> received.waiveAcknowledgement(rules, "felt-like-it"))
                .isInstanceOfSatisfying(
                        InvalidInput.class, e -> assertThat(e.fieldErrors()).containsOnlyKeys("reason"));
        var strict = new PolicyRules(
                rules.acknowledgement(),
                false,
                List.of(),
                rules.feedback(),
                null,
                rules.reminder(),
                rules.workingDays(),
                rules.closingReasons(),
                rules.retention());
        assertThatThrownBy(() -> received.waiveAcknowledgement(strict, "reporter-asked"))
                .isInstanceOf(CaseRuleBroken.class);
        var triage = in(CaseState.TRIAGE, RetaliationRisk.LOW);
        assertThatThrownBy(() -> triage.closeWithoutAction(rules, "reporter-asked"))
                .isInstanceOf(InvalidInput.class);
        var closed = triage.closeWithoutAction(rules, "manifestly-minor");
        assertThat(closed.closingReason()).isEqualTo("manifestly-minor");
        assertThat(closed.isClosed()).isTrue();
        for (var to : new String[] {"", "   ", "x".repeat(Case.REFERRAL_LIMIT + 1), "tab\u0007bell"}) {
            assertThatThrownBy(() -> triage.refer(to)).isInstanceOf(InvalidInput.class);
        }
        var referred = triage.refer("  The data protection authority ");
        assertThat(referred.referredTo()).isEqualTo("The data protection authority");
        assertThat(referred.outcome()).isEqualTo(Outcome.REFERRED);
    }

    private Case in(CaseState state, RetaliationRisk risk) {
        return new Case(
                received.id(),
                received.organization(),
                received.report(),
                received.channel(),
                received.reference(),
                state,
                received.receivedAt(),
                received.policy(),
                null,
                risk,
                null,
                null,
                null,
                null,
                3);
    }
}
