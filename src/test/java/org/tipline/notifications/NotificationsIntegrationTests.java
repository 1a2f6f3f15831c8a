package org.tipline.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import org.tipline.cases.DeadlinesPassed;
import org.tipline.shared.OrganizationId;
import org.tipline.support.Http;
import org.tipline.support.IntegrationTest;
import org.tipline.support.TestChannels;
import org.tipline.support.TestMail;
import org.tipline.support.TestOrganization;

/** Staff hear by real SMTP (an embedded GreenMail server) that a case needs them, and nothing more. */
@IntegrationTest
class NotificationsIntegrationTests {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @LocalServerPort
    int port;

    @Autowired
    TestChannels channels;

    @Autowired
    TestOrganization organization;

    @Autowired
    Notifications notifications;

    @Autowired
    ApplicationEventPublisher events;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aNewReportAndTheReportersAnswerAreAnnouncedWithoutContent() throws Exception {
        var http = new Http(port);
        var desk = channels.desk(http);
        var secret = "Forged signature on invoice " + UUID.randomUUID();
        var submitted = desk.submit(http, "Secret subject " + UUID.randomUUID(), secret);
        assertThat(submitted.status()).isEqualTo(201);
        var id = desk.newestCase(http);
        var reference = http.get("/api/v1/cases/" + id, "Authorization", "Bearer " + desk.token())
                .json()
                .get("reference")
                .asString();

        var mails = TestMail.await(desk.handler().email(), 1, WAIT);
        assertThat(mails).hasSize(1);
        var mail = mails.getFirst();
        assertThat(mail.subject()).isEqualTo("Tipline: case " + reference + " needs you");
        assertThat(mail.body()).contains("a new report arrived").contains("/cases/" + id);
        assertNothingOfTheReport(mail, secret, desk);

        var reporter = http.json(
                "POST",
                "/api/v1/followup/messages",
                Map.of("message", "More: " + secret),
                "Authorization",
                "Receipt " + submitted.json().get("receipt").asString());
        assertThat(reporter.status()).isEqualTo(201);
        mails = TestMail.await(desk.handler().email(), 2, WAIT);
        assertThat(mails).hasSize(2);
        assertThat(mails.get(1).body()).contains("the reporter wrote");
        assertNothingOfTheReport(mails.get(1), secret, desk);
    }

    @Test
    void aDigestListsTheDaysCasesAndOffMeansNoMail() throws Exception {
        var http = new Http(port);
        var daily = channels.desk(http);
        var quiet = channels.desk(http);
        assertThat(preference(http, daily, "daily").status()).isEqualTo(200);
        assertThat(preference(http, quiet, "OFF").status()).isEqualTo(200);
        assertThat(preference(http, quiet, "hourly").status()).isEqualTo(422);
        assertThat(http.get("/api/v1/notifications/preference", "Authorization", "Bearer " + quiet.token())
                        .json()
                        .get("delivery")
                        .asString())
                .isEqualTo("OFF");

        daily.submit(http, "one", "d");
        organization.advanceClock(Duration.ofSeconds(1));
        daily.submit(http, "two", "d");
        quiet.submit(http, "three", "d");
        var queued = awaitQueued(daily.handler().id(), 2);
        assertThat(queued).isEqualTo(2);
        notifications.sendPending();
        assertThat(TestMail.to(daily.handler().email())).isEmpty();

        notifications.sendDigests();
        var digests = TestMail.to(daily.handler().email());
        assertThat(digests).hasSize(1);
        assertThat(digests.getFirst().subject()).isEqualTo("Tipline: 2 cases need you");
        assertThat(digests.getFirst().body()).contains("a new report arrived").doesNotContain("one", "two");
        notifications.sendDigests();
        assertThat(TestMail.to(daily.handler().email())).hasSize(1);
        assertThat(TestMail.to(quiet.handler().email())).isEmpty();
        assertThat(jdbc.sql("SELECT count(*) FROM notification WHERE staff_id = ?")
                        .param(quiet.handler().id())
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void aMissedDeadlineReachesTheSupervisorsToo() throws Exception {
        var http = new Http(port);
        var supervisor = organization.invite(http, "Watcher " + UUID.randomUUID(), "HANDLER", "SUPERVISOR");
        var desk = channels.desk(http);
        desk.submit(http, "late", "d");
        var id = desk.newestCase(http);
        TestMail.await(desk.handler().email(), 1, WAIT);
        var organizationId = new OrganizationId(organization.organizationId(http));
        // as the deadline job does: the acknowledgement deadline's time passes within one run's span, which is
        // announced
        var at = java.time.Instant.parse("2031-01-01T00:00:00Z").plusNanos(System.nanoTime() % 1_000_000 * 1_000);
        transactions.executeWithoutResult(status -> {
            jdbc.sql("UPDATE deadline SET due_at = ? WHERE case_id = ?::uuid AND kind = 'ACKNOWLEDGEMENT'")
                    .params(java.sql.Timestamp.from(at.minusSeconds(1)), id)
                    .update();
            events.publishEvent(new DeadlinesPassed(organizationId, at.minusSeconds(2), at, 1, 0));
        });
        var toSupervisor = TestMail.await(supervisor.email(), 1, WAIT);
        assertThat(toSupervisor).hasSize(1);
        assertThat(toSupervisor.getFirst().body())
                .contains("a deadline was missed")
                .contains("/cases/" + id);
        assertThat(TestMail.await(desk.handler().email(), 2, WAIT)).hasSize(2);
    }

    private long awaitQueued(UUID staff, int count) throws InterruptedException {
        var deadline = System.nanoTime() + WAIT.toNanos();
        long queued;
        do {
            queued = jdbc.sql("SELECT count(*) FROM notification WHERE staff_id = ? AND daily AND sent_at IS NULL")
                    .param(staff)
                    .query(Long.class)
                    .single();
            if (queued >= count) {
                return queued;
            }
            Thread.sleep(100);
        } while (System.nanoTime() < deadline);
        return queued;
    }

    private Http.Response preference(Http http, TestChannels.Desk desk, String delivery) {
        return http.json(
                "PUT",
                "/api/v1/notifications/preference",
                Map.of("delivery", delivery),
                "Authorization",
                "Bearer " + desk.token());
    }

    private static void assertNothingOfTheReport(TestMail.Mail mail, String secret, TestChannels.Desk desk) {
        assertThat(mail.subject() + mail.body())
                .doesNotContain(secret)
                .doesNotContain("Secret subject")
                .doesNotContain(desk.slug())
                .doesNotContain("Desk ");
    }
}
