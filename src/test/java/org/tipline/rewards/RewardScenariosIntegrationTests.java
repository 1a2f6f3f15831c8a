package org.tipline.rewards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tipline.rewards.RewardWalk.*;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.tipline.cases.CaseId;
import org.tipline.cases.Retention;
import org.tipline.cases.TestDeadlineJob;
import org.tipline.shared.OrganizationId;
import org.tipline.support.Http;
import org.tipline.support.IntegrationTest;
import org.tipline.support.TestOrganization;
import org.tipline.support.TestRewards;
import tools.jackson.databind.JsonNode;

/**
 * DOMAIN.md's reward scenarios with a moved clock — 5 (two reporters of one matter), 6 (a reporter
 * who cannot be reached), 7 (the claim window passing after one extension within the cap), 8 (fraud
 * found after payment), 9 (purge held while a reward is notified or claimed) — and the other two
 * example policies end to end (a share of what was recovered, a board-decided amount paid against
 * the code alone).
 */
@IntegrationTest
class RewardScenariosIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    TestOrganization organization;

    @Autowired
    TestRewards rewards;

    @Autowired
    TestDeadlineJob deadlineJob;

    @Autowired
    Retention retention;

    @Autowired
    Rewards service;

    @Autowired
    JdbcClient jdbc;

    @Test
    void scenario5TheFirstRegisteredReporterGetsTheRewardAndALaterOneADiscretionaryShare() {
        var s = rewards.setting(port, "reward-bands-cny.yaml");
        var http = s.http();
        var firstReceipt = rewards.report(s, "The harbour master takes cash for berths.");
        var assessor = rewards.as(s, s.assessor());
        var first = rewards.newestCase(s, assessor);
        var laterReceipt = rewards.report(s, "Cash changes hands at berth 9.");
        var later = rewards.newestCase(s, assessor);
        assertThat(later).isNotEqualTo(first);
        var firstReference = http.get("/api/v1/cases/" + first, "Authorization", assessor)
                .json()
                .get("reference")
                .asString();
        var merged = http.json(
                "POST",
                "/api/v1/cases/" + later + "/merge",
                Map.of("other", firstReference, "message", "Another report told us the same."),
                "Authorization",
                assessor);
        assertThat(merged.status()).as(merged.body()).isEqualTo(200);
        assertThat(merged.json().get("continuesAs").asString()).isEqualTo(first);
        rewards.conclude(s, assessor, first, firstReceipt);
        rewards.visit(s, firstReceipt);
        rewards.visit(s, laterReceipt);

        var nominator = rewards.as(s, s.nominator());
        var nominated =
                http.json("POST", "/api/v1/rewards", Map.of("reference", firstReference), "Authorization", nominator);
        assertThat(nominated.status()).as(nominated.body()).isEqualTo(201);
        assertThat(nominated.json()).hasSize(2);
        var firsts = pick(nominated.json(), false);
        var laters = pick(nominated.json(), true);
        assertThat(firsts.get("state").asString()).isEqualTo("NOMINATED");
        assertThat(laters.get("state").asString()).isEqualTo("NOMINATED");
        var firstReward = post(http, "/api/v1/rewards/" + id(firsts) + "/assess", seen(firsts), assessor);
        var laterReward = post(http, "/api/v1/rewards/" + id(laters) + "/assess", seen(laters), assessor);

        // the later reporter's share waits for the first's amount, and is at most 20 % of it
        var early = http.json(
                "POST",
                "/api/v1/rewards/" + id(laterReward) + "/proposal",
                bands(version(laterReward), "5000", null),
                "Authorization",
                assessor);
        assertThat(early.status()).isEqualTo(409);
        assertThat(early.json().get("detail").asString()).contains("first reporter");
        firstReward = post(
                http,
                "/api/v1/rewards/" + id(firstReward) + "/proposal",
                bands(version(firstReward), "50000", "3"),
                assessor);
        assertThat(firstReward.get("state").asString()).isEqualTo("PENDING_APPROVAL");
        var tooMuch = http.json(
                "POST",
                "/api/v1/rewards/" + id(laterReward) + "/proposal",
                bands(version(laterReward), "10000.01", null),
                "Authorization",
                assessor);
        assertThat(tooMuch.status()).isEqualTo(422);
        assertThat(tooMuch.json().get("errors").get("amount").asString()).isEqualTo("error.reward.discretionary");
        laterReward = post(
                http,
                "/api/v1/rewards/" + id(laterReward) + "/proposal",
                bands(version(laterReward), "10000", null),
                assessor);
        assertThat(laterReward.get("state").asString()).isEqualTo("PENDING_APPROVAL");
        assertThat(laterReward.get("band").isNull()).isTrue();
        assertThat(laterReward.get("approvalsNeeded").asInt()).isEqualTo(1);
    }

    @Test
    void scenario6AReporterWhoCannotBeReachedIsNotEligible() {
        var s = rewards.setting(port, "reward-bands-cny.yaml");
        var http = s.http();
        var receipt = rewards.report(s, "A clerk sells exam papers.");
        rewards.visit(s, receipt);
        organization.advanceClock(Duration.ofDays(2));
        var assessor = rewards.as(s, s.assessor());
        var concluded = rewards.conclude(s, assessor, rewards.newestCase(s, assessor), receipt);
        var reward = assessing(rewards, s, concluded.reference());

        // the reporter has not opened their mailbox since the conclusion: not eligible, whatever the answers
        reward = post(
                http,
                "/api/v1/rewards/" + id(reward) + "/proposal",
                bands(version(reward), "50000", "3"),
                rewards.as(s, s.assessor()));
        assertThat(reward.get("state").asString()).isEqualTo("NOT_ELIGIBLE");
        assertThat(reward.get("reason").asString()).isEqualTo("unreachable");
        assertThat(reward.get("amount").isNull()).isTrue();
        assertThat(ledger(id(reward))).isZero();
        rewards.visit(s, receipt);
        assertThat(http.get("/api/v1/followup/rewards", "Authorization", "Receipt " + receipt)
                        .json())
                .isEmpty();
    }

    @Test
    void scenario7AnUnclaimedRewardExpiresAfterOneExtensionWithinTheCap() {
        var s = rewards.setting(port, "reward-bands-cny.yaml");
        var http = s.http();
        var concluded = rewards.concluded(s, "Fake permits at the quarry.");
        rewards.visit(s, concluded.receipt());
        var reward = notified(rewards, s, concluded.reference(), bands(0, "8000", "1"));
        var code = code(http, concluded.receipt(), id(reward));
        var notifiedAt = Instant.parse(reward.get("notifiedAt").asString());
        assertThat(Instant.parse(reward.get("claimBy").asString()))
                .isEqualTo(notifiedAt.atZone(ZoneOffset.UTC).plusMonths(6).toInstant());

        // beyond the policy's 36 months is refused; 12 months is allowed once, and not shortened after
        var approver = rewards.as(s, s.approvers().get(2));
        var beyond = http.json(
                "POST",
                "/api/v1/rewards/" + id(reward) + "/claim-window",
                Map.of("version", version(reward), "period", "40 months", "reason", "Reporter abroad"),
                "Authorization",
                approver);
        assertThat(beyond.status()).isEqualTo(422);
        assertThat(beyond.json().get("errors").get("period").asString()).isEqualTo("error.reward.extension");
        reward = post(
                http,
                "/api/v1/rewards/" + id(reward) + "/claim-window",
                Map.of("version", version(reward), "period", "12 months", "reason", "Reporter abroad"),
                approver);
        assertThat(Instant.parse(reward.get("claimBy").asString()))
                .isEqualTo(notifiedAt.atZone(ZoneOffset.UTC).plusMonths(12).toInstant());
        var again = http.json(
                "POST",
                "/api/v1/rewards/" + id(reward) + "/claim-window",
                Map.of("version", version(reward), "period", "12 months", "reason", "Again"),
                "Authorization",
                approver);
        assertThat(again.status()).isEqualTo(422);
        assertThat(jdbc.sql("SELECT status FROM deadline WHERE subject_id = ?::uuid AND kind = 'REWARD_CLAIM'"
                                + " ORDER BY created_at")
                        .param(id(reward))
                        .query(String.class)
                        .list())
                .containsExactly("EXTENDED", "OPEN");

        // seven months on, the first window has passed but the extended one holds
        organization.advanceClock(Duration.ofDays(7 * 31));
        deadlineJob.runAt(organization.now());
        assertThat(state(s, id(reward))).isEqualTo("NOTIFIED");
        // past the extended window: deemed waived; the code says so
        organization.advanceClock(Duration.ofDays(6 * 31));
        deadlineJob.runAt(organization.now());
        assertThat(state(s, id(reward))).isEqualTo("EXPIRED");
        var late = claim(http, code, Map.of("proxy", "Zhao"));
        assertThat(late.status()).isEqualTo(422);
        assertThat(late.json().get("errors").get("code").asString()).isEqualTo("error.claim.expired");
        assertThat(http.json(
                                "POST",
                                "/api/v1/followup/rewards/" + id(reward) + "/claim-code",
                                Map.of(),
                                "Authorization",
                                "Receipt " + concluded.receipt())
                        .status())
                .isEqualTo(404);
        assertThat(http.get("/api/v1/followup/rewards", "Authorization", "Receipt " + concluded.receipt())
                        .json()
                        .get(0)
                        .get("state")
                        .asString())
                .isEqualTo("EXPIRED");
    }

    @Test
    void scenario8FraudFoundAfterPaymentRevokesTheRewardAndRecordsTheRecovery() {
        var s = rewards.setting(port, "reward-bands-cny.yaml");
        var http = s.http();
        var concluded = rewards.concluded(s, "Invented smuggling story.");
        rewards.visit(s, concluded.receipt());
        var reward = notified(rewards, s, concluded.reference(), bands(0, "8000", "1"));
        reward = paid(s, concluded, reward, Map.of("proxy", "Qian"));
        assertThat(reward.get("state").asString()).isEqualTo("PAID");

        var supervisor = rewards.as(s, s.nominator());
        var noReason = http.json(
                "POST",
                "/api/v1/rewards/" + id(reward) + "/revoke",
                Map.of("version", version(reward), "text", " "),
                "Authorization",
                supervisor);
        assertThat(noReason.status()).isEqualTo(422);
        reward = post(
                http,
                "/api/v1/rewards/" + id(reward) + "/revoke",
                Map.of("version", version(reward), "text", "The story was invented; the goods never existed."),
                supervisor);
        assertThat(reward.get("state").asString()).isEqualTo("REVOKED");
        var more = http.json(
                "POST",
                "/api/v1/rewards/" + id(reward) + "/recovery",
                Map.of("version", version(reward), "amount", "8000.01", "currency", "CNY"),
                "Authorization",
                supervisor);
        assertThat(more.status()).isEqualTo(422);
        assertThat(more.json().get("errors").get("amount").asString()).isEqualTo("error.reward.recovery");
        var dollars = http.json(
                "POST",
                "/api/v1/rewards/" + id(reward) + "/recovery",
                Map.of("version", version(reward), "amount", "8000", "currency", "USD"),
                "Authorization",
                supervisor);
        assertThat(dollars.status()).isEqualTo(422);
        reward = post(
                http,
                "/api/v1/rewards/" + id(reward) + "/recovery",
                Map.of("version", version(reward), "amount", "8000", "currency", "CNY"),
                supervisor);
        assertThat(reward.get("state").asString()).isEqualTo("RECOVERED");
        assertThat(reward.get("recovered").get("value").asString()).isEqualTo("8000");
        assertThat(http.get("/api/v1/rewards/" + id(reward) + "/ledger", "Authorization", supervisor)
                        .json())
                .extracting(entry -> entry.get("kind").asString())
                .containsExactly("PROPOSED", "APPROVED", "PAID", "RECOVERED");
        // the ledger is append-only, whatever the application's database role tries
        var paidReward = id(reward);
        var changed = org.assertj.core.api.Assertions.catchThrowable(
                () -> jdbc.sql("UPDATE reward_ledger SET amount_minor = 1 WHERE reward_id = ?::uuid")
                        .param(paidReward)
                        .update());
        assertThat(changed).isNotNull();
    }

    @Test
    void scenario9PurgeWaitsWhileARewardIsNotifiedOrClaimed() {
        var s = rewards.setting(port, "reward-bands-cny.yaml");
        var http = s.http();
        var concluded = rewards.concluded(s, "Poisoned well in the village.");
        rewards.visit(s, concluded.receipt());
        var org = new OrganizationId(s.org().id());
        var caseId = new CaseId(UUID.fromString(concluded.caseId()));
        assertThat(service.held(org, List.of(caseId))).isEmpty();
        var reward = notified(rewards, s, concluded.reference(), bands(0, "8000", "1"));
        assertThat(service.held(org, List.of(caseId))).containsExactly(caseId);
        assertThat(jdbc.sql("SELECT count(*) FROM reward WHERE id = ?::uuid AND evidence IS NOT NULL")
                        .param(id(reward))
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
        var code = code(http, concluded.receipt(), id(reward));
        assertThat(claim(http, code, Map.of("proxy", "Sun")).status()).isEqualTo(200);

        // past the 36 months of retention, the claimed reward keeps the case
        organization.advanceClock(Duration.ofDays(37 * 31));
        retention.purgeDue(org);
        assertThat(caseState(concluded.caseId())).isEqualTo("CONCLUDED");
        var pia = rewards.as(s, s.officers().get(0));
        reward = post(
                http,
                "/api/v1/rewards/" + id(reward) + "/payout",
                Map.of("version", version(get(http, id(reward), pia)), "text", "Cash"),
                pia);
        assertThat(service.held(org, List.of(caseId))).containsExactly(caseId);
        reward = post(
                http,
                "/api/v1/rewards/" + id(reward) + "/release",
                Map.of("version", version(reward), "text", "Receipt 17"),
                rewards.as(s, s.officers().get(1)));
        assertThat(service.held(org, List.of(caseId))).isEmpty();
        assertThat(retention.purgeDue(org)).isEqualTo(1);
        assertThat(caseState(concluded.caseId())).isEqualTo("PURGED");
        // the reward and its ledger stay, without content
        assertThat(jdbc.sql("SELECT count(*) FROM reward WHERE id = ?::uuid AND evidence IS NULL")
                        .param(id(reward))
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
        assertThat(get(http, id(reward), pia).get("state").asString()).isEqualTo("PAID");
        assertThat(ledger(id(reward))).isEqualTo(3);
    }

    @Test
    void aShareOfWhatWasRecoveredIsPaidToAReporterWhoIdentifiesToTheProgramme() throws Exception {
        var s = rewards.setting(port, "reward-share-usd.yaml");
        var http = s.http();
        var concluded = rewards.concluded(s, "Backdated option grants at the parent company.");
        rewards.visit(s, concluded.receipt());
        var reward = assessing(rewards, s, concluded.reference());
        var assessor = rewards.as(s, s.assessor());
        var below = http.json(
                "POST",
                "/api/v1/rewards/" + id(reward) + "/proposal",
                share(version(reward), "150000", "900000"),
                "Authorization",
                assessor);
        assertThat(below.status()).isEqualTo(422);
        assertThat(below.json().get("errors").get("recovered").asString()).isEqualTo("error.reward.below-threshold");
        var outside = http.json(
                "POST",
                "/api/v1/rewards/" + id(reward) + "/proposal",
                share(version(reward), "700000", "2000000"),
                "Authorization",
                assessor);
        assertThat(outside.status()).isEqualTo(422);
        assertThat(outside.json().get("errors").get("amount").asString()).isEqualTo("error.reward.outside-share");
        reward = post(
                http,
                "/api/v1/rewards/" + id(reward) + "/proposal",
                share(version(reward), "300000", "2000000"),
                assessor);
        assertThat(reward.get("recovered").get("value").asString()).isEqualTo("2000000");
        assertThat(reward.get("approvalsNeeded").asInt()).isEqualTo(2);
        reward = approveAll(rewards, s, reward);
        reward = post(
                http,
                "/api/v1/rewards/" + id(reward) + "/notice",
                Map.of("version", version(reward), "text", "An award was made."),
                assessor);
        var code = code(http, concluded.receipt(), id(reward));
        var anonymous = claim(http, code, Map.of());
        assertThat(anonymous.status()).isEqualTo(422);
        assertThat(anonymous.json().get("errors").has("name")).isTrue();
        assertThat(anonymous.json().get("errors").has("contact")).isTrue();
        reward = paid(
                s,
                concluded,
                reward,
                code,
                Map.of(
                        "name", "Jane Roe 4410",
                        "contact", "+1 202 555 4410",
                        "organization", "Roe Auditing LLP",
                        "certificate", true,
                        "ceremony", false));
        assertThat(reward.get("state").asString()).isEqualTo("PAID");
        // the reward went to the organisation the report was made for; its certificate names it and verifies
        assertThat(reward.get("recipient").asString()).isEqualTo("ORGANIZATION");
        var pdf = http.get(
                "/api/v1/followup/rewards/" + id(reward) + "/certificate",
                "Authorization",
                "Receipt " + concluded.receipt());
        assertThat(pdf.status()).isEqualTo(200);
        try (var document = org.apache.pdfbox.Loader.loadPDF(pdf.bytes())) {
            assertThat(new org.apache.pdfbox.text.PDFTextStripper().getText(document))
                    .contains("Roe Auditing LLP");
        }
        var serial = http.get("/api/v1/followup/rewards", "Authorization", "Receipt " + concluded.receipt())
                .json()
                .get(0)
                .get("issued")
                .get("serial")
                .asString();
        assertThat(http.get("/api/v1/verify/" + serial).json().get("valid").asBoolean())
                .isTrue();
        assertThat(reward.get("amount").get("value").asString()).isEqualTo("300000");
        assertThat(reward.get("amount").get("currency").asString()).isEqualTo("USD");
    }

    @Test
    void aBoardDecidedAmountIsPaidAgainstTheCodeAloneAndNeverClawedBack() {
        var s = rewards.setting(port, "reward-board-eur.yaml");
        var http = s.http();
        var concluded = rewards.concluded(s, "The stolen van is in the garage on Elm Street.");
        rewards.visit(s, concluded.receipt());
        var reward = assessing(rewards, s, concluded.reference());
        var assessor = rewards.as(s, s.assessor());
        var over = http.json(
                "POST",
                "/api/v1/rewards/" + id(reward) + "/proposal",
                board(version(reward), "1200"),
                "Authorization",
                assessor);
        assertThat(over.status()).isEqualTo(422);
        assertThat(over.json().get("errors").get("amount").asString()).isEqualTo("error.reward.over-cap");
        reward = post(http, "/api/v1/rewards/" + id(reward) + "/proposal", board(version(reward), "800"), assessor);
        assertThat(reward.get("approvalsNeeded").asInt()).isEqualTo(2);
        reward = approveAll(rewards, s, reward);
        reward = post(
                http,
                "/api/v1/rewards/" + id(reward) + "/notice",
                Map.of("version", version(reward), "text", "The board granted a reward."),
                assessor);
        var fixed = http.json(
                "POST",
                "/api/v1/rewards/" + id(reward) + "/claim-window",
                Map.of("version", version(reward), "period", "90 days", "reason", "Asked"),
                "Authorization",
                rewards.as(s, s.approvers().get(0)));
        assertThat(fixed.status()).isEqualTo(422);
        assertThat(fixed.json().get("errors").get("period").asString()).isEqualTo("error.reward.not-extendable");
        var code = code(http, concluded.receipt(), id(reward));
        reward = paid(s, concluded, reward, code, Map.of("certificate", true));
        assertThat(reward.get("state").asString()).isEqualTo("PAID");
        // the certificate, pseudonymous, verifies publicly
        var issued = http.get("/api/v1/followup/rewards", "Authorization", "Receipt " + concluded.receipt())
                .json()
                .get(0)
                .get("issued");
        assertThat(http.get("/api/v1/verify/" + issued.get("serial").asString())
                        .json()
                        .get("valid")
                        .asBoolean())
                .isTrue();
        assertThat(jdbc.sql("SELECT count(*) FROM reward_payout WHERE reward_id = ?::uuid")
                        .param(id(reward))
                        .query(Long.class)
                        .single())
                .isZero();
        var revoke = http.json(
                "POST",
                "/api/v1/rewards/" + id(reward) + "/revoke",
                Map.of("version", version(reward), "text", "Tip was false."),
                "Authorization",
                rewards.as(s, s.nominator()));
        assertThat(revoke.status()).isEqualTo(409);
        assertThat(revoke.json().get("detail").asString()).contains("claw");
        assertThat(state(s, id(reward))).isEqualTo("PAID");
    }

    @Test
    void anApproverRejectsAProposalAndAReporterDeclinesAReward() {
        var s = rewards.setting(port, "reward-board-eur.yaml");
        var http = s.http();
        var first = rewards.concluded(s, "A cousin of the mayor got the contract.");
        rewards.visit(s, first.receipt());
        var proposed = assessing(rewards, s, first.reference());
        proposed = post(
                http,
                "/api/v1/rewards/" + id(proposed) + "/proposal",
                board(version(proposed), "300"),
                rewards.as(s, s.assessor()));
        var ada = rewards.as(s, s.approvers().get(0));
        var noReason = http.json(
                "POST",
                "/api/v1/rewards/" + id(proposed) + "/reject",
                Map.of("version", version(proposed), "text", ""),
                "Authorization",
                ada);
        assertThat(noReason.status()).isEqualTo(422);
        var rejected = post(
                http,
                "/api/v1/rewards/" + id(proposed) + "/reject",
                Map.of("version", version(proposed), "text", "The tip came after the arrest."),
                ada);
        assertThat(rejected.get("state").asString()).isEqualTo("REJECTED");
        assertThat(rejected.get("reason").asString()).isEqualTo("The tip came after the arrest.");
        assertThat(http.json(
                                "POST",
                                "/api/v1/rewards/" + id(rejected) + "/approve",
                                seen(rejected),
                                "Authorization",
                                rewards.as(s, s.approvers().get(1)))
                        .status())
                .isEqualTo(409);

        var second = rewards.concluded(s, "The fence sells the stolen phones on Fridays.");
        rewards.visit(s, second.receipt());
        var reward = notified(rewards, s, second.reference(), board(0, "200"));
        var code = code(http, second.receipt(), id(reward));
        var declined = http.json("POST", "/api/v1/claims/decline", Map.of("code", code));
        assertThat(declined.status()).as(declined.body()).isEqualTo(200);
        assertThat(declined.json().get("state").asString()).isEqualTo("DECLINED");
        assertThat(state(s, id(reward))).isEqualTo("DECLINED");
        var afterwards = claim(http, code, Map.of());
        assertThat(afterwards.status()).isEqualTo(422);
        assertThat(afterwards.json().get("errors").get("code").asString()).isEqualTo("error.claim.used");
        assertThat(ledger(id(reward))).isEqualTo(2);
    }

    @Test
    void badClaimsAndScriptInEveryTextChangeNothingAndShowAsText() {
        var s = rewards.setting(port, "reward-bands-cny.yaml");
        var http = s.http();
        var concluded = rewards.concluded(s, "Smuggled antiquities in the museum's store.");
        rewards.visit(s, concluded.receipt());
        var script = "<script>alert(1)</script>";
        var reward = assessing(rewards, s, concluded.reference());
        var proposal = bands(version(reward), "8000", "1");
        proposal.put(
                "answers",
                Map.of(
                        "specific", Map.of("met", true, "evidence", script + " specific"),
                        "new", Map.of("met", true, "evidence", "new"),
                        "verified", Map.of("met", true, "evidence", "verified"),
                        "helpful", Map.of("met", true, "evidence", "helpful")));
        reward = post(http, "/api/v1/rewards/" + id(reward) + "/proposal", proposal, rewards.as(s, s.assessor()));
        reward = approveAll(rewards, s, reward);
        reward = post(
                http,
                "/api/v1/rewards/" + id(reward) + "/notice",
                Map.of("version", version(reward), "text", script + " notice"),
                rewards.as(s, s.assessor()));
        var code = code(http, concluded.receipt(), id(reward));

        // oversized, invalid UTF-8, malformed and wrongly typed claims: refused, the reward still waits
        var huge = http.raw(
                "POST",
                "/api/v1/claims",
                "application/json",
                ("{\"code\":\"" + code + "\",\"proxy\":\"" + "x".repeat(3_000_000) + "\"}")
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(huge.status()).isEqualTo(413);
        var invalid = new byte[] {'{', '"', 'c', 'o', 'd', 'e', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
        assertThat(http.raw("POST", "/api/v1/claims", "application/json", invalid)
                        .status())
                .isEqualTo(400);
        assertThat(http.raw("POST", "/api/v1/claims", "application/json", "{not json".getBytes())
                        .status())
                .isEqualTo(400);
        var long_ = claim(http, code, Map.of("proxy", "x".repeat(1_001)));
        assertThat(long_.status()).isEqualTo(422);
        assertThat(long_.json().get("errors").get("proxy").asString()).isEqualTo("error.too-long");
        var control = claim(http, code, Map.of("proxy", "Wu\u0000"));
        assertThat(control.status()).isEqualTo(422);
        assertThat(state(s, id(reward))).isEqualTo("NOTIFIED");
        assertThat(jdbc.sql("SELECT count(*) FROM reward_payout WHERE reward_id = ?::uuid")
                        .param(id(reward))
                        .query(Long.class)
                        .single())
                .isZero();

        // script in the claim, the payment and the reason is only ever text
        assertThat(claim(http, code, Map.of("proxy", script, "organization", script))
                        .status())
                .isEqualTo(200);
        var pia = rewards.as(s, s.officers().get(0));
        reward = post(
                http,
                "/api/v1/rewards/" + id(reward) + "/payout",
                Map.of("version", version(RewardWalk.get(http, id(reward), pia)), "text", script + " method"),
                pia);
        var officerPage = new Http(port);
        organization.logInThroughPage(officerPage, s.officers().get(0));
        var details = officerPage.get("/rewards/" + id(reward) + "/payout");
        assertThat(details.status()).isEqualTo(200);
        assertThat(details.header("Cache-Control").orElseThrow()).contains("no-store");
        assertThat(details.html().select("main script")).isEmpty();
        assertThat(details.html().select("#payout").text()).contains(script);
        var page = officerPage.get("/rewards/" + id(reward));
        assertThat(page.html().select("main script")).isEmpty();
        assertThat(page.html().select("main").text()).contains(script + " method");
        var assessorPage = new Http(port);
        organization.logInThroughPage(assessorPage, s.assessor());
        var assessed = assessorPage.get("/rewards/" + id(reward));
        assertThat(assessed.html().select("main script")).isEmpty();
        assertThat(assessed.html().select("main").text()).contains(script + " specific");
        var mailbox = assessorPage.get("/cases/" + concluded.caseId());
        assertThat(mailbox.html().select("main script")).isEmpty();
    }

    @Test
    void aRewardPaidForAReportThroughACampaignCountsForTheCampaign() {
        var s = rewards.setting(port, "reward-board-eur.yaml");
        var http = s.http();
        var editor = organization.invite(
                http, s.org().admin(), "Eli", "eli-" + UUID.randomUUID() + "@example.org", "EDITOR");
        var editorToken = "Bearer " + organization.token(http, editor);
        var campaign = http.json(
                "POST",
                "/api/v1/campaigns",
                Map.of(
                        "code", "stolen-vans",
                        "name", "Stolen vans",
                        "message", "Seen a stolen van? Tell us.",
                        "channel", s.channelId(),
                        "posts", List.of()),
                "Authorization",
                editorToken);
        assertThat(campaign.status()).as(campaign.body()).isEqualTo(201);
        var sent = http.json(
                "POST",
                "/api/v1/organizations/" + s.org().slug() + "/channels/" + s.channel() + "/reports",
                Map.of("answers", Map.of("what", "A stolen van behind the mill."), "campaign", "stolen-vans"));
        assertThat(sent.status()).as(sent.body()).isEqualTo(201);
        var receipt = sent.json().get("receipt").asString();
        var assessor = rewards.as(s, s.assessor());
        var concluded = rewards.conclude(s, assessor, rewards.newestCase(s, assessor), receipt);
        rewards.visit(s, receipt);
        var reward = notified(rewards, s, concluded.reference(), board(0, "500"));
        paid(s, concluded, reward, Map.of());

        var results = http.get("/api/v1/campaigns", "Authorization", editorToken)
                .json()
                .get(0);
        assertThat(results.get("code").asString()).isEqualTo("stolen-vans");
        assertThat(results.get("reports").asLong()).isEqualTo(1);
        assertThat(results.get("substantiated").asLong()).isEqualTo(1);
        assertThat(results.get("rewarded").asLong()).isEqualTo(1);
    }

    private JsonNode paid(
            TestRewards.Setting s, TestRewards.Concluded concluded, JsonNode reward, Map<String, ?> details) {
        return paid(s, concluded, reward, code(s.http(), concluded.receipt(), id(reward)), details);
    }

    private JsonNode paid(
            TestRewards.Setting s,
            TestRewards.Concluded concluded,
            JsonNode reward,
            String code,
            Map<String, ?> details) {
        var claimed = claim(s.http(), code, details);
        assertThat(claimed.status()).as(claimed.body()).isEqualTo(200);
        return pay(rewards, s, id(reward));
    }

    private static JsonNode pick(JsonNode rewards, boolean discretionary) {
        for (var reward : rewards) {
            if (reward.get("discretionary").asBoolean() == discretionary) {
                return reward;
            }
        }
        throw new AssertionError("No reward with discretionary = " + discretionary);
    }

    private String state(TestRewards.Setting s, String reward) {
        return get(s.http(), reward, rewards.as(s, s.nominator())).get("state").asString();
    }

    private String caseState(String caseId) {
        return jdbc.sql("SELECT state FROM case_file WHERE id = ?::uuid")
                .param(caseId)
                .query(String.class)
                .single();
    }

    private long ledger(String reward) {
        return jdbc.sql("SELECT count(*) FROM reward_ledger WHERE reward_id = ?::uuid")
                .param(reward)
                .query(Long.class)
                .single();
    }
}
