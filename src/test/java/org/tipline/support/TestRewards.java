package org.tipline.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.boot.test.context.TestComponent;
import org.tipline.support.TestOrganization.Staffer;
import tools.jackson.databind.JsonNode;

/**
 * An organisation set up for rewards: an admin; an assessor (supervisor and handler, who receives
 * the channel's reports, and an approver too, to show they cannot approve what they assessed); a
 * second supervisor who nominates (also an approver); three approvers; two payout officers; a
 * channel whose substantiated cases are rewarded under one of the example policies.
 */
@TestComponent
public class TestRewards {

    private final TestOrganization organization;

    TestRewards(TestOrganization organization) {
        this.organization = organization;
    }

    /** The organisation and its people. */
    public record Setting(
            Http http,
            TestOrganization.Other org,
            Staffer assessor,
            Staffer nominator,
            List<Staffer> approvers,
            List<Staffer> officers,
            String channel,
            UUID channelId,
            UUID policy) {}

    /** A case concluded substantiated, with its reporter's receipt. */
    public record Concluded(String caseId, String reference, String receipt) {}

    /** Sets up an organisation rewarding under the example policy in {@code example} (a file under examples/). */
    public Setting setting(int port, String example) {
        return setting(port, example, yaml -> yaml);
    }

    /** Sets up an organisation rewarding under an example policy changed by {@code change}. */
    public Setting setting(int port, String example, java.util.function.UnaryOperator<String> change) {
        var http = new Http(port);
        var org = organization.createOrganization(http, "Rewards " + UUID.randomUUID());
        var admin = "Bearer " + organization.token(http, org.admin());
        var assessor = invite(http, org, "Sam", "SUPERVISOR", "HANDLER", "APPROVER");
        var nominator = invite(http, org, "Sid", "SUPERVISOR", "APPROVER");
        var approvers = List.of(
                invite(http, org, "Ada", "APPROVER"),
                invite(http, org, "Abe", "APPROVER"),
                invite(http, org, "Ana", "APPROVER"));
        var officers = List.of(invite(http, org, "Pia", "PAYOUT_OFFICER"), invite(http, org, "Pol", "PAYOUT_OFFICER"));
        var channel = http.json(
                "POST",
                "/api/v1/admin/channels",
                Map.of(
                        "slug",
                        "tips",
                        "name",
                        "Tips",
                        "publicText",
                        "Tell us.",
                        "receiptFormat",
                        "LETTERS",
                        "questionnaire",
                        Map.of("questions", List.of(question("what")), "categories", List.of()),
                        "recipients",
                        List.of(assessor.id())),
                "Authorization",
                admin);
        assertThat(channel.status()).as(channel.body()).isEqualTo(201);
        var channelId = UUID.fromString(channel.json().get("id").asString());
        String yaml;
        try {
            yaml = Files.readString(Path.of("examples", example), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        var policy = http.raw(
                "POST",
                "/api/v1/admin/reward-policies",
                "application/yaml",
                change.apply(yaml).getBytes(StandardCharsets.UTF_8),
                "Authorization",
                admin);
        assertThat(policy.status()).as(policy.body()).isEqualTo(201);
        var policyId = UUID.fromString(policy.json().get("id").asString());
        var applied = http.json(
                "PUT",
                "/api/v1/admin/channels/" + channelId + "/reward-policy",
                Map.of("policy", policyId),
                "Authorization",
                admin);
        assertThat(applied.status()).as(applied.body()).isEqualTo(204);
        return new Setting(http, org, assessor, nominator, approvers, officers, "tips", channelId, policyId);
    }

    /** Returns the Authorization header of a fresh session of {@code staffer}. */
    public String as(Setting setting, Staffer staffer) {
        return "Bearer " + organization.token(setting.http(), staffer);
    }

    /** Sends a report to the setting's channel; returns its receipt. */
    public String report(Setting setting, String what) {
        var sent = setting.http()
                .json(
                        "POST",
                        "/api/v1/organizations/" + setting.org().slug() + "/channels/" + setting.channel() + "/reports",
                        Map.of("answers", Map.of("what", what)));
        assertThat(sent.status()).as(sent.body()).isEqualTo(201);
        organization.advanceClock(java.time.Duration.ofSeconds(1));
        return sent.json().get("receipt").asString();
    }

    /** Returns the id of the assessor's newest case. */
    public String newestCase(Setting setting, String token) {
        var cases = setting.http()
                .get("/api/v1/cases", "Authorization", token)
                .json()
                .get("cases");
        return cases.get(0).get("id").asString();
    }

    /** Sends a report and walks its case to a substantiated conclusion, as the assessor. */
    public Concluded concluded(Setting setting, String what) {
        var receipt = report(setting, what);
        var token = as(setting, setting.assessor());
        var id = newestCase(setting, token);
        return conclude(setting, token, id, receipt);
    }

    /** Walks case {@code id} to a substantiated conclusion with {@code token}. */
    public Concluded conclude(Setting setting, String token, String id, String receipt) {
        act(setting, token, id, "acknowledge", Map.of("message", "Thank you."));
        act(setting, token, id, "start-triage", Map.of());
        act(setting, token, id, "assess-risk", Map.of("level", "low"));
        act(setting, token, id, "investigate", Map.of());
        act(setting, token, id, "address", Map.of());
        act(setting, token, id, "conclude", Map.of("outcome", "substantiated", "message", "It was stopped."));
        var reference = setting.http()
                .get("/api/v1/cases/" + id, "Authorization", token)
                .json()
                .get("reference")
                .asString();
        return new Concluded(id, reference, receipt);
    }

    /** The reporter opens their mailbox with the receipt (and so can be reached). */
    public JsonNode visit(Setting setting, String receipt) {
        var mailbox = setting.http().get("/api/v1/followup", "Authorization", "Receipt " + receipt);
        assertThat(mailbox.status()).as(mailbox.body()).isEqualTo(200);
        return mailbox.json();
    }

    private void act(Setting setting, String token, String id, String action, Map<String, ?> body) {
        var acted = setting.http()
                .json(
                        "POST",
                        "/api/v1/cases/" + id + "/actions/" + action,
                        new HashMap<>(body),
                        "Authorization",
                        token);
        assertThat(acted.status()).as(action + ": " + acted.body()).isEqualTo(200);
    }

    private Staffer invite(Http http, TestOrganization.Other org, String name, String... roles) {
        return organization.invite(
                http, org.admin(), name, name.toLowerCase() + "-" + UUID.randomUUID() + "@example.org", roles);
    }

    private static Map<String, Object> question(String key) {
        var question = new HashMap<String, Object>(Map.of(
                "key",
                key,
                "type",
                "LONG_TEXT",
                "label",
                "What happened?",
                "help",
                "",
                "required",
                true,
                "options",
                List.of()));
        question.put("identity", false);
        return question;
    }
}
