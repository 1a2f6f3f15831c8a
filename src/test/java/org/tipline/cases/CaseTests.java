package org.tipline.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.EnumSet;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.tipline.channels.ChannelId;
import org.tipline.mailbox.ReporterStatus;
import org.tipline.reports.ReportId;
import org.tipline.shared.OrganizationId;

/** The case's state graph and its moves, without a server. */
class CaseTests {

    private final Case received = Case.opened(
            OrganizationId.random(),
            ReportId.random(),
            new ChannelId(UUID.randomUUID()),
            Instant.parse("2026-11-29T08:00:00Z"));

    @Test
    void aNewCaseIsReceivedWithASpeakableReference() {
        assertThat(received.state()).isEqualTo(CaseState.RECEIVED);
        assertThat(received.version()).isZero();
        assertThat(received.reference()).matches("C-[0-9A-F]{8}");
    }

    @Test
    void acknowledgingMovesAReceivedCaseOnlyAndKeepsEverythingElse() {
        var acknowledged = received.acknowledge();
        assertThat(acknowledged.state()).isEqualTo(CaseState.ACKNOWLEDGED);
        assertThat(acknowledged)
                .usingRecursiveComparison()
                .ignoringFields("state")
                .isEqualTo(received);
        assertThatThrownBy(acknowledged::acknowledge).isInstanceOfSatisfying(IllegalTransition.class, e -> {
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
}
