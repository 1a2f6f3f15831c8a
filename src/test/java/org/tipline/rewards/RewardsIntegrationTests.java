package org.tipline.rewards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tipline.rewards.RewardWalk.claim;
import static org.tipline.rewards.RewardWalk.code;
import static org.tipline.rewards.RewardWalk.post;
import static org.tipline.rewards.RewardWalk.version;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.tipline.cases.TestDeadlineJob;
import org.tipline.shared.internal.DatabaseAdministrator;
import org.tipline.support.Http;
import org.tipline.support.IntegrationTest;
import org.tipline.support.TestOrganization;
import org.tipline.support.TestRewards;
import tools.jackson.databind.JsonNode;

/**
 * Rewards through the API, under the example policies: a case concluded substantiated gets a
 * candidate; a supervisor nominates it, an assessor answers with evidence and proposes an amount
 * in a band, as many distinct approvers as the matrix asks approve it (never the assessor, never
 * the nominator), the reporter is told in their mailbox, gets a claim code with their receipt,
 * claims with payout details only payout officers open, one officer prepares the payout and another
 * releases it; the ledger keeps each amount and nothing of the details. Every refusal changes
 * nothing (DOMAIN.md scenario 11 and the bad input).
 */
@IntegrationTest
class RewardsIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    TestOrganization organization;

    @Autowired
    TestRewards rewards;

    @Autowired
    TestDeadlineJob deadlineJob;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DatabaseAdministrator database;

    @Test
    void aBandRewardGoesFromConcludedCaseToPaidWithEveryRefusalChangingNothing() throws Exception {
        var s = rewards.setting(port, "reward-bands-cny.yaml");
        var http = s.http();
        var concluded = rewards.concluded(s, "Forged export licences at gate 4.");
        var nominator = rewards.as(s, s.nominator());
        var assessor = rewards.as(s, s.assessor());

        // the conclusion made a candidate, with a deadline to start assessing it
        var listed = http.get("/api/v1/rewards", "Authorization", nominator).json();
        assertThat(listed).hasSize(1);
        var reward = listed.get(0);
        var id = reward.get("id").asString();
        assertThat(reward.get("state").asString()).isEqualTo("CANDIDATE");
        assertThat(reward.get("reference").asString()).isEqualTo(concluded.reference());
        assertThat(reward.get("discretionary").asBoolean()).isFalse();
        assertThat(deadlineStatus(id, "REWARD_START")).isEqualTo("OPEN");

        reward = post(http, "/api/v1/rewards/" + id + "/nominate", Map.of("version", version(reward)), nominator);
        assertThat(reward.get("state").asString()).isEqualTo("NOMINATED");
        reward = post(http, "/api/v1/rewards/" + id + "/assess", Map.of("version", version(reward)), assessor);
        assertThat(reward.get("state").asString()).isEqualTo("ASSESSING");
        assertThat(deadlineStatus(id, "REWARD_START")).isEqualTo("MET");
        rewards.visit(s, concluded.receipt());

        // a proposal outside its band, in another currency, or without evidence is refused whole
        var before = version(reward);
        var outside = http.json(
                "POST",
                "/api/v1/rewards/" + id + "/proposal",
                proposal(before, "5000", "CNY", "2"),
                "Authorization",
                assessor);
        assertThat(outside.status()).isEqualTo(422);
        assertThat(outside.json().get("errors").get("amount").asString()).isEqualTo("error.reward.outside-band");
        var dollars = http.json(
                "POST",
                "/api/v1/rewards/" + id + "/proposal",
                proposal(before, "50000", "USD", "3"),
                "Authorization",
                assessor);
        assertThat(dollars.status()).isEqualTo(422);
        assertThat(dollars.json().get("errors").get("amount").asString()).isEqualTo("error.reward.currency-mismatch");
        var unproven = new HashMap<String, Object>(proposal(before, "50000", "CNY", "3"));
        unproven.put("answers", Map.of("specific", Map.of("met", true, "evidence", "Named the gate.")));
        var noEvidence = http.json("POST", "/api/v1/rewards/" + id + "/proposal", unproven, "Authorization", assessor);
        assertThat(noEvidence.status()).isEqualTo(422);
        assertThat(noEvidence.json().get("errors").has("answers.verified")).isTrue();
        var untouched = read(http, "/api/v1/rewards/" + id, nominator);
        assertThat(untouched.get("state").asString()).isEqualTo("ASSESSING");
        assertThat(version(untouched)).isEqualTo(before);
        assertThat(ledger(id)).isZero();

        reward = post(http, "/api/v1/rewards/" + id + "/proposal", proposal(before, "50000", "CNY", "3"), assessor);
        assertThat(reward.get("state").asString()).isEqualTo("PENDING_APPROVAL");
        assertThat(reward.get("amount").get("value").asString()).isEqualTo("50000");
        assertThat(reward.get("amount").get("currency").asString()).isEqualTo("CNY");
        assertThat(reward.get("approvalsNeeded").asInt()).isEqualTo(2);
        assertThat(reward.get("criteria").get("verified").asBoolean()).isTrue();
        // the evidence is sealed with the report key: the assessor reads it, the database holds no trace
        assertThat(read(http, "/api/v1/rewards/" + id + "/evidence", assessor)
                        .get("helpful")
                        .asString())
                .isEqualTo("The shipment was stopped at gate 4.");
        assertThat(database.dumpEveryTable()).doesNotContain("The shipment was stopped at gate 4.");

        // the approvers hear that it waits for them (by mail: the case and a link, no amount); the assessor does not
        var told =
                org.tipline.support.TestMail.await(s.approvers().get(0).email(), 1, java.time.Duration.ofSeconds(20));
        assertThat(told.getLast().body())
                .contains(concluded.reference(), "a reward waits for your approval", "/rewards/" + id)
                .doesNotContain("50000");
        assertThat(org.tipline.support.TestMail.await(
                        s.approvers().get(2).email(), 1, java.time.Duration.ofSeconds(20)))
                .hasSize(1);
        assertThat(org.tipline.support.TestMail.to(s.assessor().email()))
                .noneMatch(mail -> mail.body().contains("approval"));

        // scenario 11: the assessor and the nominator cannot approve; nor can one approver twice
        var approved = version(reward);
        var byAssessor = http.json(
                "POST", "/api/v1/rewards/" + id + "/approve", Map.of("version", approved), "Authorization", assessor);
        assertThat(byAssessor.status()).isEqualTo(409);
        assertThat(byAssessor.json().get("detail").asString()).contains("assessor");
        var byNominator = http.json(
                "POST", "/api/v1/rewards/" + id + "/approve", Map.of("version", approved), "Authorization", nominator);
        assertThat(byNominator.status()).isEqualTo(409);
        var ada = rewards.as(s, s.approvers().get(0));
        reward = post(http, "/api/v1/rewards/" + id + "/approve", Map.of("version", approved), ada);
        assertThat(reward.get("state").asString()).isEqualTo("PENDING_APPROVAL");
        assertThat(http.json(
                                "POST",
                                "/api/v1/rewards/" + id + "/approve",
                                Map.of("version", version(reward)),
                                "Authorization",
                                ada)
                        .status())
                .isEqualTo(409);
        var stale = http.json(
                "POST",
                "/api/v1/rewards/" + id + "/approve",
                Map.of("version", approved),
                "Authorization",
                rewards.as(s, s.approvers().get(1)));
        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.json().get("detail").asString()).contains("changed");
        reward = post(
                http,
                "/api/v1/rewards/" + id + "/approve",
                Map.of("version", version(reward)),
                rewards.as(s, s.approvers().get(1)));
        assertThat(reward.get("state").asString()).isEqualTo("APPROVED");
        assertThat(reward.get("approvers")).hasSize(2);
        assertThat(deadlineStatus(id, "REWARD_NOTICE")).isEqualTo("OPEN");

        // the reporter is told in their mailbox; the claim code is not in the message
        reward = post(
                http,
                "/api/v1/rewards/" + id + "/notice",
                Map.of("version", version(reward), "text", "Your report earned a reward. Thank you."),
                assessor);
        assertThat(reward.get("state").asString()).isEqualTo("NOTIFIED");
        assertThat(deadlineStatus(id, "REWARD_NOTICE")).isEqualTo("MET");
        assertThat(reward.get("claimBy").isNull()).isFalse();
        var mailbox = rewards.visit(s, concluded.receipt());
        var notice = mailbox.get("messages").get(mailbox.get("messages").size() - 1);
        assertThat(notice.get("notice").asString()).isEqualTo("REWARD");
        var forReporter = http.get("/api/v1/followup/rewards", "Authorization", "Receipt " + concluded.receipt());
        assertThat(forReporter.status()).isEqualTo(200);
        assertThat(forReporter.json().get(0).get("amount").get("minor").asLong())
                .isEqualTo(5_000_000);
        assertThat(forReporter.json().get(0).get("payoutIdentity").asString()).isEqualTo("PROXY");
        assertThat(http.get("/api/v1/followup/rewards", "Authorization", "Receipt AAAA-BBBB-CCCC-DDDD")
                        .status())
                .isEqualTo(401);

        // the code comes with the receipt; a new one replaces it
        var first = code(http, concluded.receipt(), id);
        var code = code(http, concluded.receipt(), id);
        assertThat(code).isNotEqualTo(first).matches("[0-9A-Z]{5}(-[0-9A-Z]{5}){3}");
        assertThat(database.dumpEveryTable()).doesNotContain(code).doesNotContain(code.replace("-", ""));
        var replaced = claim(http, first, Map.of("proxy", "Li Lei"));
        assertThat(replaced.status()).isEqualTo(422);
        assertThat(replaced.json().get("errors").get("code").asString()).isEqualTo("error.claim.unknown");

        // the receipt is no claim code; a claim without the proxy the policy asks for changes nothing
        var withReceipt = claim(http, concluded.receipt(), Map.of("proxy", "Li Lei"));
        assertThat(withReceipt.status()).isEqualTo(422);
        assertThat(withReceipt.json().get("errors").get("code").asString()).isEqualTo("error.claim.receipt");
        var noProxy = claim(http, code, Map.of());
        assertThat(noProxy.status()).isEqualTo(422);
        assertThat(noProxy.json().get("errors").get("proxy").asString()).isEqualTo("error.required");
        assertThat(read(http, "/api/v1/rewards/" + id, nominator).get("state").asString())
                .isEqualTo("NOTIFIED");
        var offer = http.json("POST", "/api/v1/claims/offer", Map.of("code", code.toLowerCase()));
        assertThat(offer.status()).isEqualTo(200);
        assertThat(offer.json().get("amount").get("value").asString()).isEqualTo("50000");

        var claimed = claim(http, code, Map.of("proxy", "Li Lei 7731", "account", "6222 0200 7731 0042"));
        assertThat(claimed.status()).as(claimed.body()).isEqualTo(200);
        assertThat(claimed.json().get("state").asString()).isEqualTo("CLAIMED");
        var twice = claim(http, code, Map.of("proxy", "Li Lei 7731"));
        assertThat(twice.status()).isEqualTo(422);
        assertThat(twice.json().get("errors").get("code").asString()).isEqualTo("error.claim.used");
        assertThat(deadlineStatus(id, "REWARD_CLAIM")).isEqualTo("MET");
        assertThat(database.dumpEveryTable()).doesNotContain("Li Lei 7731").doesNotContain("6222 0200 7731 0042");

        assertThat(org.tipline.support.TestMail.await(s.officers().get(0).email(), 1, java.time.Duration.ofSeconds(20))
                        .getLast()
                        .body())
                .contains("prepare the payout", "/rewards/" + id)
                .doesNotContain("Li Lei");

        // payout officers alone read the details; the one who prepares cannot release (scenario 11)
        assertThat(http.get("/api/v1/rewards/" + id + "/payout", "Authorization", assessor)
                        .status())
                .isEqualTo(403);
        var pia = rewards.as(s, s.officers().get(0));
        var details = read(http, "/api/v1/rewards/" + id + "/payout", pia);
        assertThat(details.get("proxy").asString()).isEqualTo("Li Lei 7731");
        reward = read(http, "/api/v1/rewards/" + id, pia);
        reward = post(
                http,
                "/api/v1/rewards/" + id + "/payout",
                Map.of("version", version(reward), "text", "Bank transfer"),
                pia);
        assertThat(reward.get("state").asString()).isEqualTo("PAYOUT_PENDING");
        var selfRelease = http.json(
                "POST",
                "/api/v1/rewards/" + id + "/release",
                Map.of("version", version(reward), "text", "TX-2026-0042"),
                "Authorization",
                pia);
        assertThat(selfRelease.status()).isEqualTo(409);
        assertThat(selfRelease.json().get("detail").asString()).contains("prepared");
        var pol = rewards.as(s, s.officers().get(1));
        reward = post(
                http,
                "/api/v1/rewards/" + id + "/release",
                Map.of("version", version(reward), "text", "TX-2026-0042"),
                pol);
        assertThat(reward.get("state").asString()).isEqualTo("PAID");
        assertThat(reward.get("payoutReference").asString()).isEqualTo("TX-2026-0042");
        assertThat(reward.get("payoutMethod").asString()).isEqualTo("Bank transfer");

        // the details are gone once paid; the ledger keeps the amounts
        assertThat(http.get("/api/v1/rewards/" + id + "/payout", "Authorization", pol)
                        .status())
                .isEqualTo(404);
        assertThat(jdbc.sql("SELECT count(*) FROM reward_payout_grant")
                        .query(Long.class)
                        .single())
                .isZero();
        var entries = http.get("/api/v1/rewards/" + id + "/ledger", "Authorization", pol)
                .json();
        assertThat(entries)
                .extracting(entry -> entry.get("kind").asString())
                .containsExactly("PROPOSED", "APPROVED", "PAID");
        assertThat(entries)
                .allSatisfy(entry ->
                        assertThat(entry.get("amount").get("value").asString()).isEqualTo("50000"));
        var totals =
                http.get("/api/v1/rewards/totals", "Authorization", nominator).json();
        assertThat(totals).anySatisfy(total -> {
            assertThat(total.get("kind").asString()).isEqualTo("PAID");
            assertThat(total.get("currency").asString()).isEqualTo("CNY");
            assertThat(total.get("amount").asString()).isEqualTo("50000");
        });
        // the transparency report counts the reward, and gives no amount for fewer than five
        var editor = organization.invite(
                http, s.org().admin(), "Eda", "eda-" + java.util.UUID.randomUUID() + "@example.org", "EDITOR");
        var year = java.time.Instant.parse(reward.get("paidAt").asString())
                .atZone(java.time.ZoneOffset.UTC)
                .getYear();
        var transparency = http.json(
                "POST",
                "/api/v1/posts/transparency",
                Map.of("year", year, "language", "en"),
                "Authorization",
                "Bearer " + organization.token(http, editor));
        assertThat(transparency.status()).as(transparency.body()).isEqualTo(201);
        assertThat(transparency.json().get("body").asString())
                .contains("## Rewards paid")
                .contains("In CNY: <5 rewards; too few to give the amount.")
                .doesNotContain("50000");
        assertThat(jdbc.sql("SELECT action FROM audit_entry WHERE subject = ? ORDER BY occurred_at, id")
                        .param("reward:" + id)
                        .query(String.class)
                        .list())
                .contains(
                        "reward.candidate",
                        "reward.nominated",
                        "reward.approved",
                        "reward.notified",
                        "reward.claimed",
                        "reward.payout-read",
                        "reward.paid");
    }

    private static Map<String, Object> proposal(long version, String amount, String currency, String band) {
        var answers = Map.of(
                "specific", Map.of("met", true, "evidence", "Named the gate and the licence numbers."),
                "new", Map.of("met", true, "evidence", "Nothing on file before the report."),
                "verified", Map.of("met", true, "evidence", "Customs matched two licences."),
                "helpful", Map.of("met", true, "evidence", "The shipment was stopped at gate 4."));
        return Map.of("version", version, "answers", answers, "amount", amount, "currency", currency, "band", band);
    }

    private String deadlineStatus(String reward, String kind) {
        return jdbc.sql("""
                        SELECT status FROM deadline WHERE subject_id = ?::uuid AND kind = ? ORDER BY created_at DESC LIMIT 1""").params(reward, kind).query(String.class).single();
    }

    private long ledger(String reward) {
        return jdbc.sql("SELECT count(*) FROM reward_ledger WHERE reward_id = ?::uuid")
                .param(reward)
                .query(Long.class)
                .single();
    }

    private static JsonNode read(Http http, String path, String token) {
        var got = http.get(path, "Authorization", token);
        assertThat(got.status()).as(path + ": " + got.body()).isEqualTo(200);
        return got.json();
    }

    @SuppressWarnings("unused")
    private void later(Duration duration) {
        organization.advanceClock(duration);
        deadlineJob.runAt(organization.now());
    }
}
