package org.tipline.rewards;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.tipline.support.Http;
import org.tipline.support.TestRewards;
import tools.jackson.databind.JsonNode;

/** Walks a reward through the API in tests: nominate, assess, propose, approve, notify, claim, pay. */
public final class RewardWalk {

    private RewardWalk() {}

    /** Nominates the case's candidate and takes it to assess; returns it. */
    public static JsonNode assessing(TestRewards rewards, TestRewards.Setting s, String reference) {
        var http = s.http();
        var nominated = http.json(
                "POST",
                "/api/v1/rewards",
                Map.of("reference", reference),
                "Authorization",
                rewards.as(s, s.nominator()));
        assertThat(nominated.status()).as(nominated.body()).isEqualTo(201);
        var reward = nominated.json().get(0);
        return post(http, "/api/v1/rewards/" + id(reward) + "/assess", seen(reward), rewards.as(s, s.assessor()));
    }

    /** Assesses, proposes, approves and notifies a concluded case's reward. */
    public static JsonNode notified(
            TestRewards rewards, TestRewards.Setting s, String reference, Map<String, Object> proposal) {
        var http = s.http();
        var reward = assessing(rewards, s, reference);
        var body = new HashMap<>(proposal);
        body.put("version", version(reward));
        reward = post(http, "/api/v1/rewards/" + id(reward) + "/proposal", body, rewards.as(s, s.assessor()));
        reward = approveAll(rewards, s, reward);
        return post(
                http,
                "/api/v1/rewards/" + id(reward) + "/notice",
                Map.of("version", version(reward), "text", "A reward for you."),
                rewards.as(s, s.assessor()));
    }

    /** Approves a proposal by as many of the setting's approvers as it needs. */
    public static JsonNode approveAll(TestRewards rewards, TestRewards.Setting s, JsonNode reward) {
        for (var approver : s.approvers()) {
            if (!reward.get("state").asString().equals("PENDING_APPROVAL")) {
                break;
            }
            reward =
                    post(s.http(), "/api/v1/rewards/" + id(reward) + "/approve", seen(reward), rewards.as(s, approver));
        }
        assertThat(reward.get("state").asString()).isEqualTo("APPROVED");
        return reward;
    }

    /** One payout officer prepares the claimed reward's payout, the other releases it. */
    public static JsonNode pay(TestRewards rewards, TestRewards.Setting s, String reward) {
        var http = s.http();
        var pia = rewards.as(s, s.officers().get(0));
        var prepared = post(
                http,
                "/api/v1/rewards/" + reward + "/payout",
                Map.of("version", version(get(http, reward, pia)), "text", "Cash at the counter"),
                pia);
        return post(
                http,
                "/api/v1/rewards/" + reward + "/release",
                Map.of("version", version(prepared), "text", "Voucher 0042"),
                rewards.as(s, s.officers().get(1)));
    }

    /** A proposal under the bands example: every question met, with evidence. */
    public static Map<String, Object> bands(long version, String amount, String band) {
        var body = new HashMap<String, Object>(Map.of(
                "version",
                version,
                "answers",
                Map.of(
                        "specific", Map.of("met", true, "evidence", "Names and places."),
                        "new", Map.of("met", true, "evidence", "Not known before."),
                        "verified", Map.of("met", true, "evidence", "Checked on site."),
                        "helpful", Map.of("met", true, "evidence", "It stopped the harm.")),
                "amount",
                amount,
                "currency",
                "CNY"));
        if (band != null) {
            body.put("band", band);
        }
        return body;
    }

    /** A proposal under the share example. */
    public static Map<String, Object> share(long version, String amount, String recovered) {
        return Map.of(
                "version", version,
                "answers",
                        Map.of(
                                "voluntary", Map.of("met", true, "evidence", "Came before any request."),
                                "original", Map.of("met", true, "evidence", "Own analysis of the grants."),
                                "led-to-action", Map.of("met", true, "evidence", "Settled for $2M.")),
                "amount", amount,
                "currency", "USD",
                "recovered", recovered);
    }

    /** A proposal under the board example. */
    public static Map<String, Object> board(long version, String amount) {
        return Map.of(
                "version",
                version,
                "answers",
                Map.of("led-to-arrest", Map.of("met", true, "evidence", "Two arrests on Elm Street.")),
                "amount",
                amount,
                "currency",
                "EUR");
    }

    /** The reporter asks for a claim code with their receipt. */
    public static String code(Http http, String receipt, String reward) {
        var issued = http.json(
                "POST",
                "/api/v1/followup/rewards/" + reward + "/claim-code",
                Map.of(),
                "Authorization",
                "Receipt " + receipt);
        assertThat(issued.status()).as(issued.body()).isEqualTo(201);
        return issued.json().get("code").asString();
    }

    /** Claims with a code and the details given. */
    public static Http.Response claim(Http http, String code, Map<String, ?> details) {
        var body = new HashMap<String, Object>(details);
        body.put("code", code);
        return http.json("POST", "/api/v1/claims", body);
    }

    public static JsonNode get(Http http, String reward, String token) {
        var got = http.get("/api/v1/rewards/" + reward, "Authorization", token);
        assertThat(got.status()).as(got.body()).isEqualTo(200);
        return got.json();
    }

    public static JsonNode post(Http http, String path, Map<String, ?> body, String token) {
        var posted = http.json("POST", path, body, "Authorization", token);
        assertThat(posted.status()).as(path + ": " + posted.body()).isEqualTo(200);
        return posted.json();
    }

    public static String id(JsonNode reward) {
        return reward.get("id").asString();
    }

    public static long version(JsonNode reward) {
        return reward.get("version").asLong();
    }

    public static Map<String, Object> seen(JsonNode reward) {
        return Map.of("version", version(reward));
    }
}
