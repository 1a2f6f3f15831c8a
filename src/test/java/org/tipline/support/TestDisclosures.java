package org.tipline.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.boot.test.context.TestComponent;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.tipline.support.TestOrganization.Staffer;

/**
 * An organisation set up for identity disclosures: a vault split 2 of 3 custodians, a requester
 * who handles a witness channel with two identity questions, another handler, and one report whose
 * reporter gave a name and a phone number.
 */
@TestComponent
public class TestDisclosures {

    /** The reporter's name in the report of every setting. */
    public static final String NAME = "Wang Fang 5521";

    /** The reporter's phone number in the report of every setting. */
    public static final String PHONE = "+86 138 0000 5521";

    private final TestOrganization organization;
    private final JdbcClient jdbc;

    TestDisclosures(TestOrganization organization, JdbcClient jdbc) {
        this.organization = organization;
        this.jdbc = jdbc;
    }

    /** An organisation with a vault, a requester, custodians and one report with an identity. */
    public record Setting(
            Http http,
            TestOrganization.Other org,
            Staffer requester,
            Staffer otherHandler,
            List<Staffer> custodians,
            UUID report,
            String receipt) {

        /** Returns the Authorization header value of a fresh session of {@code staffer}. */
        public String as(Staffer staffer, TestOrganization organization) {
            return "Bearer " + organization.token(http, staffer);
        }
    }

    /** Sets up an organisation whose vault allows the legal route, or not. */
    public Setting setting(int port, boolean legalRoute) {
        var http = new Http(port);
        var org = organization.createOrganization(http, "Disclosures " + UUID.randomUUID());
        var admin = organization.token(http, org.admin());
        var requester =
                organization.invite(http, org.admin(), "Rui", "rui-" + UUID.randomUUID() + "@example.org", "HANDLER");
        var otherHandler =
                organization.invite(http, org.admin(), "Oda", "oda-" + UUID.randomUUID() + "@example.org", "HANDLER");
        var custodians = new ArrayList<Staffer>();
        for (var name : List.of("Cao", "Cyd", "Cem")) {
            custodians.add(organization.invite(
                    http,
                    org.admin(),
                    name,
                    name.toLowerCase() + "-" + UUID.randomUUID() + "@example.org",
                    "CUSTODIAN"));
        }
        var vault = http.json(
                "POST",
                "/api/v1/vault",
                Map.of(
                        "k",
                        2,
                        "custodians",
                        custodians.stream().map(c -> c.id().toString()).toList(),
                        "legalRoute",
                        legalRoute),
                "Authorization",
                "Bearer " + admin);
        assertThat(vault.status()).as(vault.body()).isEqualTo(201);
        var questions = List.of(
                question("what", "LONG_TEXT", false),
                question("name", "SHORT_TEXT", true),
                question("phone", "SHORT_TEXT", true));
        var channel = http.json(
                "POST",
                "/api/v1/admin/channels",
                Map.of(
                        "slug",
                        "witness",
                        "name",
                        "Witnesses",
                        "publicText",
                        "Tell us.",
                        "receiptFormat",
                        "LETTERS",
                        "questionnaire",
                        Map.of("questions", questions, "categories", List.of()),
                        "recipients",
                        List.of(requester.id())),
                "Authorization",
                "Bearer " + admin);
        assertThat(channel.status()).as(channel.body()).isEqualTo(201);
        var sent = http.json(
                "POST",
                "/api/v1/organizations/" + org.slug() + "/channels/witness/reports",
                Map.of("answers", Map.of("what", "Bribes at the port", "name", NAME, "phone", PHONE)));
        assertThat(sent.status()).as(sent.body()).isEqualTo(201);
        var report = jdbc.sql("SELECT report_id FROM reporter_identity WHERE organization_id = ?")
                .param(org.id())
                .query(UUID.class)
                .single();
        return new Setting(
                http,
                org,
                requester,
                otherHandler,
                custodians,
                report,
                sent.json().get("receipt").asString());
    }

    private static Map<String, Object> question(String key, String type, boolean identity) {
        var question = new HashMap<String, Object>(Map.of(
                "key",
                key,
                "type",
                type,
                "label",
                "Question " + key,
                "help",
                "",
                "required",
                false,
                "options",
                List.of()));
        question.put("identity", identity);
        return question;
    }

    /**
     * Drafts and submits, as {@code requester} (an Authorization value), a consent-route request for
     * {@code fields} of the setting's reporter, expiring in {@code days}; returns its id.
     */
    public String request(Setting s, String requester, String purpose, List<String> fields, int days) {
        var body = new HashMap<String, Object>(Map.of(
                "report",
                s.report().toString(),
                "route",
                "CONSENT",
                "purpose",
                purpose,
                "fields",
                fields,
                "expiresAt",
                organization.now().plus(java.time.Duration.ofDays(days)).toString()));
        var drafted = s.http().json("POST", "/api/v1/disclosures", body, "Authorization", requester);
        assertThat(drafted.status()).as(drafted.body()).isEqualTo(201);
        var id = drafted.json().get("id").asString();
        assertThat(s.http()
                        .json("POST", "/api/v1/disclosures/" + id + "/submit", Map.of(), "Authorization", requester)
                        .status())
                .isEqualTo(200);
        return id;
    }

    /** The setting's reporter consents to request {@code id} through the API, with their receipt. */
    public void consent(Setting s, String id) {
        assertThat(s.http()
                        .json(
                                "POST",
                                "/api/v1/followup/disclosures/" + id + "/answer",
                                Map.of("consent", true),
                                "Authorization",
                                "Receipt " + s.receipt())
                        .status())
                .isEqualTo(204);
    }
}
