package org.tipline.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.transaction.support.TransactionTemplate;
import org.tipline.support.Http;
import org.tipline.support.IntegrationTest;
import org.tipline.support.TestChannels;
import org.tipline.support.TestOrganization;
import tools.jackson.databind.JsonNode;

/**
 * The case workflow through the API, transition by transition, with what the reporter is told at
 * each step; and the deadline scenarios 1–3 of DOMAIN.md, with the deadline job run at moved times.
 */
@IntegrationTest
@RecordApplicationEvents
class CaseWorkflowIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    TestChannels channels;

    @Autowired
    TestOrganization organization;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DeadlineWatch watch;

    @Autowired
    CaseManagement management;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    ApplicationEvents events;

    @Test
    void aCaseWalksFromReceivedToConcludedAndTheReporterHearsAtEachStep() {
        var http = new Http(port);
        var desk = channels.desk(http);
        var submitted = desk.submit(http, "Invoices", "Someone signs invoices twice.");
        assertThat(submitted.status()).isEqualTo(201);
        var receipt = submitted.json().get("receipt").asString();
        var id = desk.newestCase(http);
        var opened = caseJson(http, desk, id);
        var received = Instant.parse(opened.get("receivedAt").asString());
        assertThat(Instant.parse(submitted.json().get("acknowledgementBy").asString()))
                .isEqualTo(received.atZone(ZoneOffset.UTC).plusDays(7).toInstant());
        assertThat(Instant.parse(submitted.json().get("feedbackBy").asString()))
                .isEqualTo(received.atZone(ZoneOffset.UTC)
                        .plusDays(7)
                        .plusMonths(3)
                        .toInstant());
        assertThat(deadline(opened, "ACKNOWLEDGEMENT").get("status").asString()).isEqualTo("OPEN");
        assertThat(opened.get("policy").asString()).isEqualTo("EU internal channel");
        assertThat(names(opened.get("actions"))).containsExactly("acknowledge", "waive-acknowledgement");

        assertThat(act(http, desk, id, "acknowledge", Map.of("message", "Thank you, we are on it."))
                        .status())
                .isEqualTo(200);
        var acknowledged = caseJson(http, desk, id);
        assertThat(acknowledged.get("state").asString()).isEqualTo("ACKNOWLEDGED");
        assertThat(deadline(acknowledged, "ACKNOWLEDGEMENT").get("status").asString())
                .isEqualTo("MET");
        var mailbox = mailbox(http, receipt);
        assertThat(mailbox.get("status").asString()).isEqualTo("ACKNOWLEDGED");
        assertThat(mailbox.get("acknowledgementBy").isNull()).isTrue();
        assertThat(mailbox.get("feedbackBy").asString())
                .isEqualTo(deadline(acknowledged, "FEEDBACK").get("dueAt").asString());
        assertThat(last(mailbox).get("notice").asString()).isEqualTo("ACKNOWLEDGEMENT");
        assertThat(last(mailbox).get("body").asString()).isEqualTo("Thank you, we are on it.");

        assertThat(act(http, desk, id, "start-triage", Map.of())
                        .json()
                        .get("state")
                        .asString())
                .isEqualTo("TRIAGE");
        var tooEarly = act(http, desk, id, "investigate", Map.of());
        assertThat(tooEarly.status()).isEqualTo(409);
        assertThat(tooEarly.json().get("detail").asString()).contains("retaliation-risk assessment");
        assertThat(act(http, desk, id, "assess-risk", Map.of("level", "extreme"))
                        .status())
                .isEqualTo(422);
        assertThat(act(http, desk, id, "assess-risk", Map.of("level", "high"))
                        .json()
                        .get("state")
                        .asString())
                .isEqualTo("TRIAGE");
        assertThat(caseJson(http, desk, id).get("risk").asString()).isEqualTo("HIGH");
        assertThat(act(http, desk, id, "investigate", Map.of())
                        .json()
                        .get("state")
                        .asString())
                .isEqualTo("INVESTIGATING");

        var emptyQuestion = act(http, desk, id, "request-information", Map.of("message", "  "));
        assertThat(emptyQuestion.status()).isEqualTo(422);
        assertThat(emptyQuestion.json().get("errors").has("message")).isTrue();
        assertThat(act(http, desk, id, "request-information", Map.of("message", "Which supplier?"))
                        .json()
                        .get("state")
                        .asString())
                .isEqualTo("AWAITING_REPORTER");
        mailbox = mailbox(http, receipt);
        assertThat(mailbox.get("status").asString()).isEqualTo("AWAITING_REPORTER");
        assertThat(last(mailbox).get("notice").asString()).isEqualTo("QUESTION");

        // the reporter's answer resumes the investigation
        var answer = http.json(
                "POST",
                "/api/v1/followup/messages",
                Map.of("message", "Acme Ltd."),
                "Authorization",
                "Receipt " + receipt);
        assertThat(answer.status()).isEqualTo(201);
        assertThat(caseJson(http, desk, id).get("state").asString()).isEqualTo("INVESTIGATING");
        assertThat(jdbc.sql("SELECT count(*) FROM audit_entry WHERE subject = ? AND action = 'case.investigating'"
                                + " AND actor = 'reporter'")
                        .param("case:" + id)
                        .query(Long.class)
                        .single())
                .isEqualTo(1);

        assertThat(act(http, desk, id, "address", Map.of()).json().get("state").asString())
                .isEqualTo("ADDRESSING");
        assertThat(act(http, desk, id, "conclude", Map.of("outcome", "substantiated", "message", ""))
                        .status())
                .isEqualTo(422);
        assertThat(act(
                                http,
                                desk,
                                id,
                                "conclude",
                                Map.of("outcome", "substantiated", "message", "We stopped the double signing."))
                        .json()
                        .get("state")
                        .asString())
                .isEqualTo("CONCLUDED");
        var concluded = caseJson(http, desk, id);
        assertThat(concluded.get("outcome").asString()).isEqualTo("SUBSTANTIATED");
        assertThat(deadline(concluded, "FEEDBACK").get("status").asString()).isEqualTo("MET");
        mailbox = mailbox(http, receipt);
        assertThat(mailbox.get("status").asString()).isEqualTo("CONCLUDED");
        assertThat(mailbox.get("feedbackBy").isNull()).isTrue();
        assertThat(last(mailbox).get("notice").asString()).isEqualTo("FEEDBACK");
        assertThat(last(mailbox).get("body").asString()).isEqualTo("We stopped the double signing.");

        assertThat(act(http, desk, id, "archive", Map.of()).json().get("state").asString())
                .isEqualTo("ARCHIVED");
        assertThat(act(http, desk, id, "give-feedback", Map.of("message", "More"))
                        .status())
                .isEqualTo(409);
        assertThat(names(caseJson(http, desk, id).get("actions"))).isEmpty();

        assertThat(jdbc.sql("SELECT action FROM audit_entry WHERE subject = ? ORDER BY id")
                        .param("case:" + id)
                        .query(String.class)
                        .list())
                .containsSubsequence(
                        "case.acknowledged",
                        "case.triage",
                        "case.risk-assessed",
                        "case.investigating",
                        "case.awaiting-reporter",
                        "case.investigating",
                        "case.addressing",
                        "case.feedback-given",
                        "case.concluded",
                        "case.archived");
    }

    @Test
    void triageEndsInAReferralOrAClosureOnlyWithARiskAssessmentAndAReason() {
        var http = new Http(port);
        var desk = channels.desk(http);
        var closing = triaged(http, desk);
        assertThat(act(http, desk, closing, "close", Map.of("reason", "out-of-scope", "message", "Not ours."))
                        .status())
                .isEqualTo(409);
        act(http, desk, closing, "assess-risk", Map.of("level", "LOW"));
        var badReason = act(http, desk, closing, "close", Map.of("reason", "bored", "message", "Not ours."));
        assertThat(badReason.status()).isEqualTo(422);
        assertThat(badReason.json().get("errors").has("reason")).isTrue();
        assertThat(act(http, desk, closing, "close", Map.of("reason", "out-of-scope", "message", "Not ours."))
                        .json()
                        .get("state")
                        .asString())
                .isEqualTo("CLOSED_NO_ACTION");
        var closed = caseJson(http, desk, closing);
        assertThat(closed.get("closingReason").asString()).isEqualTo("out-of-scope");
        assertThat(deadline(closed, "FEEDBACK").get("status").asString()).isEqualTo("MET");

        var referring = triaged(http, desk);
        act(http, desk, referring, "assess-risk", Map.of("level", "MEDIUM"));
        assertThat(act(http, desk, referring, "refer", Map.of("to", " ", "message", "Sent on."))
                        .status())
                .isEqualTo(422);
        assertThat(act(http, desk, referring, "refer", Map.of("to", "x".repeat(201), "message", "Sent on."))
                        .status())
                .isEqualTo(422);
        assertThat(act(http, desk, referring, "refer", Map.of("to", "The competition authority", "message", "Sent on."))
                        .json()
                        .get("state")
                        .asString())
                .isEqualTo("REFERRED");
        var referred = caseJson(http, desk, referring);
        assertThat(referred.get("outcome").asString()).isEqualTo("REFERRED");
        assertThat(referred.get("referredTo").asString()).isEqualTo("The competition authority");
    }

    @Test
    void movesTheStateDoesNotAllowAreRefusedAndChangeNothing() {
        var http = new Http(port);
        var desk = channels.desk(http);
        var id = newCase(http, desk, "s");
        var auditBefore = auditCount(id);
        for (var action : List.of("start-triage", "investigate", "address", "archive", "give-feedback")) {
            var refused = act(http, desk, id, action, Map.of("message", "m"));
            assertThat(refused.status()).as(action).isEqualTo(409);
            assertThat(refused.header("Content-Type")).hasValue("application/problem+json");
            assertThat(refused.json().get("detail").asString()).as(action).contains("RECEIVED");
        }
        assertThat(act(http, desk, id, "conclude", Map.of("outcome", "DUPLICATE", "message", "m"))
                        .status())
                .isEqualTo(409);
        assertThat(act(http, desk, id, "refer", Map.of("to", "x", "message", "m"))
                        .status())
                .isEqualTo(409);
        assertThat(act(http, desk, id, "teleport", Map.of()).status()).isEqualTo(404);
        var unchanged = caseJson(http, desk, id);
        assertThat(unchanged.get("state").asString()).isEqualTo("RECEIVED");
        assertThat(unchanged.get("version").asLong()).isZero();
        assertThat(auditCount(id)).isEqualTo(auditBefore);
        assertThat(jdbc.sql(
                                "SELECT count(*) FROM message m JOIN case_file c ON c.report_id = m.report_id WHERE c.id = ?::uuid")
                        .param(id)
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void aHandlerActingOnAnOldVersionIsToldSomeoneElseChangedIt() {
        var http = new Http(port);
        var desk = channels.desk(http);
        var id = newCase(http, desk, "s");
        assertThat(act(http, desk, id, "acknowledge", Map.of("version", 0)).status())
                .isEqualTo(200);
        var stale = act(http, desk, id, "start-triage", Map.of("version", 0));
        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.json().get("detail").asString()).contains("changed by someone else");
        assertThat(caseJson(http, desk, id).get("state").asString()).isEqualTo("ACKNOWLEDGED");
        assertThat(act(http, desk, id, "start-triage", Map.of("version", 1)).status())
                .isEqualTo(200);
    }

    @Test
    void scenario1_noAcknowledgementByTheDeadlineIsABreachAWaiverWithAReasonIsNot() {
        var http = new Http(port);
        var desk = channels.desk(http);
        var ignored = newCase(http, desk, "left alone");
        var waived = newCase(http, desk, "waived");
        var received =
                Instant.parse(caseJson(http, desk, ignored).get("receivedAt").asString());

        var noJustification = act(http, desk, waived, "waive-acknowledgement", Map.of("reason", "reporter-asked"));
        assertThat(noJustification.status()).isEqualTo(422);
        assertThat(noJustification.json().get("errors").has("justification")).isTrue();
        assertThat(act(
                                http,
                                desk,
                                waived,
                                "waive-acknowledgement",
                                Map.of("reason", "because", "justification", "They asked."))
                        .status())
                .isEqualTo(422);
        var untouched = caseJson(http, desk, waived);
        assertThat(untouched.get("state").asString()).isEqualTo("RECEIVED");
        assertThat(deadline(untouched, "ACKNOWLEDGEMENT").get("status").asString())
                .isEqualTo("OPEN");
        assertThat(act(
                                http,
                                desk,
                                waived,
                                "waive-acknowledgement",
                                Map.of(
                                        "reason",
                                        "reporter-asked",
                                        "justification",
                                        "Asked on the phone, pseudonym Kestrel."))
                        .json()
                        .get("state")
                        .asString())
                .isEqualTo("ACK_WAIVED");
        assertThat(jdbc.sql("SELECT justification FROM deadline WHERE case_id = ?::uuid AND status = 'WAIVED'")
                        .param(waived)
                        .query(byte[].class)
                        .single())
                .asString()
                .doesNotContain("Kestrel");

        // two days before the deadline, a reminder; then the day after, the breach
        events.clear();
        assertThat(jobAt(received.plus(Duration.ofDays(5)).plusSeconds(60)).ran())
                .isTrue();
        desk = fresh(http, desk);
        assertThat(events.stream(DeadlinesPassed.class)
                        .peek(passed -> assertThat(passed.approaching()).isPositive())
                        .flatMap(passed -> management.passed(passed).approaching().stream())
                        .map(CaseId::toString))
                .contains(ignored)
                .doesNotContain(waived);
        jobAt(received.plus(Duration.ofDays(7)).minusSeconds(60));
        desk = fresh(http, desk);
        assertThat(deadline(caseJson(http, desk, ignored), "ACKNOWLEDGEMENT")
                        .get("status")
                        .asString())
                .isEqualTo("OPEN");
        var run = jobAt(received.plus(Duration.ofDays(7)).plusSeconds(60));
        desk = fresh(http, desk);
        assertThat(run.breached()).isPositive();
        assertThat(events.stream(DeadlinesPassed.class)
                        .filter(passed -> passed.breached() > 0)
                        .flatMap(passed -> management.passed(passed).breached().stream())
                        .map(CaseId::toString))
                .contains(ignored)
                .doesNotContain(waived);
        assertThat(deadline(caseJson(http, desk, ignored), "ACKNOWLEDGEMENT")
                        .get("status")
                        .asString())
                .isEqualTo("BREACHED");
        var waiver = deadline(caseJson(http, desk, waived), "ACKNOWLEDGEMENT");
        assertThat(waiver.get("status").asString()).isEqualTo("WAIVED");
        assertThat(waiver.get("reason").asString()).isEqualTo("reporter-asked");

        // the job rewrote nothing: the row is open and past its time, which reads as missed
        assertThat(jdbc.sql("SELECT status FROM deadline WHERE case_id = ?::uuid AND kind = 'ACKNOWLEDGEMENT'")
                        .param(ignored)
                        .query(String.class)
                        .single())
                .isEqualTo("OPEN");
        // the next run does not announce it again
        events.clear();
        jobAt(received.plus(Duration.ofDays(7)).plusSeconds(120));
        desk = fresh(http, desk);
        assertThat(events.stream(DeadlinesPassed.class)
                        .flatMap(passed -> management.passed(passed).breached().stream())
                        .map(CaseId::toString))
                .doesNotContain(ignored);
        // an announcement stored by an older version, without its span, tells no breach again
        assertThat(management
                        .passed(new DeadlinesPassed(
                                new org.tipline.shared.OrganizationId(organization.organizationId(http)),
                                null,
                                organization.now(),
                                1,
                                0))
                        .breached())
                .isEmpty();
        // once missed, it can no longer be waived: the case does not offer it, and refuses it
        assertThat(names(caseJson(http, desk, ignored).get("actions"))).containsExactly("acknowledge");
        var tooLate = act(
                http,
                desk,
                ignored,
                "waive-acknowledgement",
                Map.of("reason", "reporter-asked", "justification", "Too late."));
        assertThat(tooLate.status()).isEqualTo(409);
        assertThat(tooLate.json().get("detail").asString()).contains("no longer open");
        assertThat(caseJson(http, desk, ignored).get("state").asString()).isEqualTo("RECEIVED");

        // acknowledging late meets it, but the breach stays on record
        act(http, desk, ignored, "acknowledge", Map.of());
        var late = deadline(caseJson(http, desk, ignored), "ACKNOWLEDGEMENT");
        assertThat(late.get("status").asString()).isEqualTo("BREACHED");
        assertThat(late.get("metAt").isNull()).isFalse();
    }

    @Test
    void scenario2_withoutAnAcknowledgementTheFeedbackClockStartsAtReceiptPlusSevenDays() {
        var http = new Http(port);
        var desk = channels.desk(http);
        var waived = newCase(http, desk, "s");
        act(
                http,
                desk,
                waived,
                "waive-acknowledgement",
                Map.of("reason", "would-endanger-identity", "justification", "j"));
        var received =
                Instant.parse(caseJson(http, desk, waived).get("receivedAt").asString());
        var due = received.atZone(ZoneOffset.UTC).plusDays(7).plusMonths(3).toInstant();
        assertThat(Instant.parse(deadline(caseJson(http, desk, waived), "FEEDBACK")
                        .get("dueAt")
                        .asString()))
                .isEqualTo(due);

        var acknowledged = newCase(http, desk, "s");
        var ack = act(http, desk, acknowledged, "acknowledge", Map.of());
        assertThat(ack.status()).as(ack.body()).isEqualTo(200);
        var acknowledgedCase = caseJson(http, desk, acknowledged);
        var acknowledgedAt = Instant.parse(
                deadline(acknowledgedCase, "ACKNOWLEDGEMENT").get("metAt").asString());
        assertThat(Instant.parse(
                        deadline(acknowledgedCase, "FEEDBACK").get("dueAt").asString()))
                .isEqualTo(acknowledgedAt.atZone(ZoneOffset.UTC).plusMonths(3).toInstant());

        jobAt(due.minusSeconds(60));
        desk = fresh(http, desk);
        assertThat(deadline(caseJson(http, desk, waived), "FEEDBACK")
                        .get("status")
                        .asString())
                .isEqualTo("OPEN");
        jobAt(due.plusSeconds(60));
        desk = fresh(http, desk);
        assertThat(deadline(caseJson(http, desk, waived), "FEEDBACK")
                        .get("status")
                        .asString())
                .isEqualTo("BREACHED");
    }

    @Test
    void scenario3_anExtensionToSixMonthsNeedsAJustificationAndIsAllowedOnce() {
        var http = new Http(port);
        var desk = channels.desk(http);
        var admin = organization.token(http, organization.admin(http));
        var external = http.get("/api/v1/admin/policies", "Authorization", "Bearer " + admin)
                .json()
                .valueStream()
                .filter(profile -> "eu-external".equals(profile.get("preset").asString()))
                .findFirst()
                .orElseThrow();
        assertThat(http.json(
                                "PUT",
                                "/api/v1/admin/channels/" + desk.channelId() + "/policy",
                                Map.of("profile", external.get("id").asString()),
                                "Authorization",
                                "Bearer " + admin)
                        .status())
                .isEqualTo(200);
        var id = newCase(http, desk, "s");
        assertThat(caseJson(http, desk, id).get("policy").asString()).isEqualTo("EU external authority");
        act(http, desk, id, "acknowledge", Map.of());
        var acknowledgedAt = Instant.parse(deadline(caseJson(http, desk, id), "ACKNOWLEDGEMENT")
                .get("metAt")
                .asString());

        var unjustified = act(http, desk, id, "extend-feedback", Map.of("justification", "   "));
        assertThat(unjustified.status()).isEqualTo(422);
        assertThat(unjustified.json().get("errors").has("justification")).isTrue();
        assertThat(deadline(caseJson(http, desk, id), "FEEDBACK").get("status").asString())
                .isEqualTo("OPEN");

        assertThat(act(http, desk, id, "extend-feedback", Map.of("justification", "Forensic audit of three years."))
                        .status())
                .isEqualTo(200);
        var extended = caseJson(http, desk, id);
        var feedback = extended.get("deadlines")
                .valueStream()
                .filter(deadline -> deadline.get("kind").asString().equals("FEEDBACK"))
                .toList();
        assertThat(feedback)
                .extracting(deadline -> deadline.get("status").asString())
                .containsExactly("EXTENDED", "OPEN");
        var sixMonths = acknowledgedAt.atZone(ZoneOffset.UTC).plusMonths(6).toInstant();
        assertThat(Instant.parse(feedback.get(1).get("dueAt").asString())).isEqualTo(sixMonths);
        assertThat(feedback.get(1).get("counted").asString()).isEqualTo("6 months");
        var again = act(http, desk, id, "extend-feedback", Map.of("justification", "More time."));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("detail").asString()).contains("extended before");

        jobAt(acknowledgedAt.atZone(ZoneOffset.UTC).plusMonths(3).plusDays(1).toInstant());
        desk = fresh(http, desk);
        assertThat(deadline(caseJson(http, desk, id), "FEEDBACK").get("status").asString())
                .isEqualTo("OPEN");
        jobAt(sixMonths.plusSeconds(60));
        desk = fresh(http, desk);
        assertThat(deadline(caseJson(http, desk, id), "FEEDBACK").get("status").asString())
                .isEqualTo("BREACHED");

        // the internal preset does not allow it at all
        var internal = channels.desk(http);
        var other = newCase(http, internal, "s");
        var refused = act(http, internal, other, "extend-feedback", Map.of("justification", "Please."));
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().get("detail").asString()).contains("does not allow");
    }

    @Test
    void theDeadlineJobRunsOnOneNodeAtATime() throws Exception {
        var held = new CountDownLatch(1);
        var release = new CountDownLatch(1);
        var holder = CompletableFuture.runAsync(() -> transactions.executeWithoutResult(status -> {
            jdbc.sql("SELECT pg_advisory_xact_lock(hashtextextended('tipline:deadline-watch', 0))")
                    .query((rs, i) -> 1)
                    .list();
            held.countDown();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        assertThat(held.await(30, TimeUnit.SECONDS)).isTrue();
        try {
            assertThat(watch.check(organization.now()).ran()).isFalse();
        } finally {
            release.countDown();
            holder.get(30, TimeUnit.SECONDS);
        }
        assertThat(watch.check(organization.now()).ran()).isTrue();
    }

    /**
     * Moves the application's clock to {@code at} and runs the deadline job there, as the scheduler
     * would: a deadline is missed when the clock passes it, not when the job looks.
     */
    private DeadlineWatch.Run jobAt(Instant at) {
        var ahead = Duration.between(organization.now(), at);
        assertThat(ahead.isNegative()).as("the clock only moves forward").isFalse();
        organization.advanceClock(ahead);
        return watch.check(organization.now());
    }

    /** The same desk with a new session: moving the clock by days ends the old one. */
    private TestChannels.Desk fresh(Http http, TestChannels.Desk desk) {
        return new TestChannels.Desk(
                desk.slug(), desk.channelId(), desk.handler(), organization.token(http, desk.handler()));
    }

    /**
     * Sends a report and returns its case. The test clock stands still, so it moves a second first:
     * the newest case is then this one.
     */
    private String newCase(Http http, TestChannels.Desk desk, String subject) {
        organization.advanceClock(Duration.ofSeconds(1));
        assertThat(desk.submit(http, subject, "d").status()).isEqualTo(201);
        return desk.newestCase(http);
    }

    private String triaged(Http http, TestChannels.Desk desk) {
        var id = newCase(http, desk, "s");
        act(http, desk, id, "acknowledge", Map.of());
        act(http, desk, id, "start-triage", Map.of());
        return id;
    }

    private Http.Response act(Http http, TestChannels.Desk desk, String id, String action, Map<String, ?> body) {
        return http.json(
                "POST",
                "/api/v1/cases/" + id + "/actions/" + action,
                new HashMap<>(body),
                "Authorization",
                "Bearer " + desk.token());
    }

    private JsonNode caseJson(Http http, TestChannels.Desk desk, String id) {
        return http.get("/api/v1/cases/" + id, "Authorization", "Bearer " + desk.token())
                .json();
    }

    private JsonNode mailbox(Http http, String receipt) {
        return http.get("/api/v1/followup", "Authorization", "Receipt " + receipt)
                .json();
    }

    private static JsonNode last(JsonNode mailbox) {
        var messages = mailbox.get("messages");
        return messages.get(messages.size() - 1);
    }

    /** Returns the current deadline of a kind: the open one, or else the latest. */
    private static JsonNode deadline(JsonNode caseJson, String kind) {
        var matching = caseJson.get("deadlines")
                .valueStream()
                .filter(deadline -> deadline.get("kind").asString().equals(kind))
                .toList();
        return matching.stream()
                .filter(deadline -> deadline.get("status").asString().equals("OPEN"))
                .findFirst()
                .orElse(matching.getLast());
    }

    private static List<String> names(JsonNode array) {
        return array.valueStream().map(JsonNode::asString).toList();
    }

    private long auditCount(String id) {
        return jdbc.sql("SELECT count(*) FROM audit_entry WHERE subject = ? AND action <> 'case.opened'")
                .param("case:" + id)
                .query(Long.class)
                .single();
    }
}
