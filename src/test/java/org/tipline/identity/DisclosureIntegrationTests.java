package org.tipline.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.tipline.shared.internal.DatabaseAdministrator;
import org.tipline.support.Http;
import org.tipline.support.IntegrationTest;
import org.tipline.support.TestDisclosures;
import org.tipline.support.TestOrganization;

/**
 * Disclosing a reporter's identity (DOMAIN.md): the consent route from draft to the requester
 * reading only the approved fields, with k−1 releases, a second release, an extra release, other
 * staff and an expired request refused; a withdrawn consent ends a request before and after it
 * was opened; the legal route only where the vault allows it, reviewed by an admin other than the
 * requester, with the notice shown to the reporter or its waiver hiding the request from them.
 */
@IntegrationTest
class DisclosureIntegrationTests {

    private static final String NAME = TestDisclosures.NAME;
    private static final String PHONE = TestDisclosures.PHONE;

    @LocalServerPort
    int port;

    @Autowired
    TestOrganization organization;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Disclosures disclosures;

    @Autowired
    DatabaseAdministrator database;

    @Autowired
    TestDisclosures vaults;

    @Test
    void theRequesterReadsOnlyTheApprovedFieldsAfterTheReporterConsentsAndKCustodiansRelease() {
        var s = vaults.setting(port, false);
        var http = s.http();
        var requester = s.as(s.requester(), organization);
        var custodians = s.custodians().stream().map(c -> s.as(c, organization)).toList();

        // refused before anything is stored: a custodian asking, the legal route under a consent-only
        // policy, bad fields, an expiry in the past, a report the requester does not work
        var before = count("disclosure_request", s.org().id());
        assertThat(draft(http, custodians.get(0), s.report(), "CONSENT", List.of("name"), 7)
                        .status())
                .isEqualTo(403);
        var legal = draft(http, requester, s.report(), "LEGAL", List.of("name"), 7);
        assertThat(legal.status()).isEqualTo(409);
        assertThat(legal.json().get("detail").asString()).contains("consent");
        assertThat(draft(http, requester, s.report(), "CONSENT", List.of("name", "name"), 7)
                        .status())
                .isEqualTo(422);
        assertThat(draft(http, requester, s.report(), "CONSENT", List.of("../name"), 7)
                        .status())
                .isEqualTo(422);
        assertThat(draft(http, requester, s.report(), "CONSENT", List.of("name"), -1)
                        .status())
                .isEqualTo(422);
        assertThat(draft(http, s.as(s.otherHandler(), organization), s.report(), "CONSENT", List.of("name"), 7)
                        .status())
                .isEqualTo(404);
        assertThat(count("disclosure_request", s.org().id())).isEqualTo(before);

        var drafted = draft(http, requester, s.report(), "CONSENT", List.of("name"), 7);
        assertThat(drafted.status()).as(drafted.body()).isEqualTo(201);
        var id = drafted.json().get("id").asString();
        assertThat(drafted.json().get("state").asString()).isEqualTo("DRAFT");
        // a draft is nobody's business but the requester's, the reporter's included
        assertThat(reporterSees(http, s.receipt())).isEmpty();
        assertThat(post(http, custodians.get(0), "/api/v1/disclosures/" + id + "/release")
                        .status())
                .isEqualTo(404);

        assertThat(post(http, requester, "/api/v1/disclosures/" + id + "/submit")
                        .json()
                        .get("state")
                        .asString())
                .isEqualTo("CONSENT_REQUESTED");
        // not consented yet: nothing to release
        assertThat(post(http, custodians.get(0), "/api/v1/disclosures/" + id + "/release")
                        .status())
                .isEqualTo(409);
        var asked = reporterSees(http, s.receipt());
        assertThat(asked).hasSize(1);
        assertThat(asked.get(0).get("purpose").asString()).isEqualTo("Court order 2026/118 names the witness");
        assertThat(asked.get(0).get("fields").get(0).asString()).isEqualTo("name");
        assertThat(http.json(
                                "POST",
                                "/api/v1/followup/disclosures/" + id + "/answer",
                                Map.of("consent", true),
                                "Authorization",
                                "Receipt WRONG-RECEIPT")
                        .status())
                .isEqualTo(401);
        assertThat(answer(http, s.receipt(), id, true).status()).isEqualTo(204);
        assertThat(answer(http, s.receipt(), id, false).status()).isEqualTo(409);

        // k − 1 releases open nothing; a custodian releasing twice is refused
        assertThat(post(http, requester, "/api/v1/disclosures/" + id + "/open").status())
                .isEqualTo(409);
        var first = post(http, custodians.get(0), "/api/v1/disclosures/" + id + "/release");
        assertThat(first.status()).as(first.body()).isEqualTo(200);
        assertThat(first.json().get("released").asInt()).isEqualTo(1);
        assertThat(post(http, custodians.get(0), "/api/v1/disclosures/" + id + "/release")
                        .status())
                .isEqualTo(409);
        var notYet = post(http, requester, "/api/v1/disclosures/" + id + "/open");
        assertThat(notYet.status()).isEqualTo(409);
        assertThat(notYet.json().get("detail").asString()).contains("Not enough");
        assertThat(http.get("/api/v1/disclosures/" + id, "Authorization", s.as(s.otherHandler(), organization))
                        .status())
                .isEqualTo(404);
        assertThat(post(http, custodians.get(1), "/api/v1/disclosures/" + id + "/release")
                        .json()
                        .get("released")
                        .asInt())
                .isEqualTo(2);
        assertThat(post(http, custodians.get(2), "/api/v1/disclosures/" + id + "/release")
                        .status())
                .isEqualTo(409);

        var opened = post(http, requester, "/api/v1/disclosures/" + id + "/open");
        assertThat(opened.status()).as(opened.body()).isEqualTo(200);
        assertThat(opened.json().get("state").asString()).isEqualTo("DISCLOSED");
        assertThat(opened.body()).doesNotContain(NAME);
        // the released shares are gone once used: they would open every identity of the vault
        assertThat(jdbc.sql("SELECT count(*) FROM disclosure_release WHERE request_id = ?::uuid")
                        .param(id)
                        .query(Long.class)
                        .single())
                .isZero();

        var read = http.get("/api/v1/disclosures/" + id + "/identity", "Authorization", requester);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json().get("name").get(0).asString()).isEqualTo(NAME);
        assertThat(read.body()).doesNotContain(PHONE).doesNotContain("phone");
        assertThat(read.headers().firstValue("Cache-Control")).hasValue("no-store");
        for (var other : List.of(
                custodians.get(0),
                s.as(s.otherHandler(), organization),
                s.as(s.org().admin(), organization))) {
            var refused = http.get("/api/v1/disclosures/" + id + "/identity", "Authorization", other);
            assertThat(refused.status()).isEqualTo(404);
            assertThat(refused.body()).doesNotContain(NAME);
        }
        assertThat(audited("identity.read", s.org().id())).isEqualTo(1);
        assertThat(audited("disclosure.released", s.org().id())).isEqualTo(2);
        assertThat(audited("disclosure.disclosed", s.org().id())).isEqualTo(1);
        assertThat(audited("consent.given", s.org().id())).isEqualTo(1);

        // nothing of the identity is readable from a dump: sealed to the vault and to the requester
        var dump = database.dumpEveryTable();
        assertThat(dump).contains("== disclosure_request").doesNotContain(NAME).doesNotContain(PHONE);

        // past its expiry the fields are refused and then deleted
        organization.advanceClock(Duration.ofDays(8));
        // (a week later the requester logs in again)
        var expired =
                http.get("/api/v1/disclosures/" + id + "/identity", "Authorization", s.as(s.requester(), organization));
        assertThat(expired.status()).isEqualTo(410);
        assertThat(disclosures.expire()).isGreaterThanOrEqualTo(1);
        assertThat(jdbc.sql("SELECT state || ':' || (disclosed IS NULL) FROM disclosure_request WHERE id = ?::uuid")
                        .param(id)
                        .query(String.class)
                        .single())
                .isEqualTo("CLOSED:true");
        assertThat(audited("disclosure.expired", s.org().id())).isEqualTo(1);
    }

    @Test
    void aWithdrawnConsentEndsTheRequestBeforeAndAfterItWasOpened() {
        var s = vaults.setting(port, false);
        var http = s.http();
        var requester = s.as(s.requester(), organization);
        var custodians = s.custodians().stream().map(c -> s.as(c, organization)).toList();

        var before = consentedRequest(s, requester);
        assertThat(post(http, custodians.get(0), "/api/v1/disclosures/" + before + "/release")
                        .status())
                .isEqualTo(200);
        assertThat(withdraw(http, s.receipt(), before).status()).isEqualTo(204);
        assertThat(withdraw(http, s.receipt(), before).status()).isEqualTo(409);
        // the consent cannot be used: no release, no opening, and the one released share is gone
        var refused = post(http, custodians.get(1), "/api/v1/disclosures/" + before + "/release");
        assertThat(refused.status()).isEqualTo(409);
        assertThat(post(http, requester, "/api/v1/disclosures/" + before + "/open")
                        .status())
                .isEqualTo(409);
        assertThat(jdbc.sql("SELECT count(*) FROM disclosure_release WHERE request_id = ?::uuid")
                        .param(before)
                        .query(Long.class)
                        .single())
                .isZero();
        assertThat(state(before)).isEqualTo("DENIED");

        var after = consentedRequest(s, requester);
        for (var custodian : custodians.subList(0, 2)) {
            assertThat(post(http, custodian, "/api/v1/disclosures/" + after + "/release")
                            .status())
                    .isEqualTo(200);
        }
        assertThat(post(http, requester, "/api/v1/disclosures/" + after + "/open")
                        .status())
                .isEqualTo(200);
        assertThat(withdraw(http, s.receipt(), after).status()).isEqualTo(204);
        assertThat(state(after)).isEqualTo("CLOSED");
        var gone = http.get("/api/v1/disclosures/" + after + "/identity", "Authorization", requester);
        assertThat(gone.status()).isEqualTo(409);
        assertThat(gone.body()).doesNotContain(NAME);
        assertThat(audited("consent.withdrawn", s.org().id())).isEqualTo(2);
    }

    @Test
    void theLegalRouteIsReviewedByAnotherAdminAndItsNoticeOrWaiverDecidesWhatTheReporterSees() {
        var s = vaults.setting(port, true);
        var http = s.http();
        var requester = s.as(s.requester(), organization);
        var admin = s.as(s.org().admin(), organization);
        var custodians = s.custodians().stream().map(c -> s.as(c, organization)).toList();

        var waived = draft(http, requester, s.report(), "LEGAL", List.of("name", "phone"), 30)
                .json()
                .get("id")
                .asString();
        assertThat(post(http, requester, "/api/v1/disclosures/" + waived + "/submit")
                        .json()
                        .get("state")
                        .asString())
                .isEqualTo("LEGAL_REVIEW");
        // under review: the reporter is not asked, the requester cannot review, custodians wait
        assertThat(reporterSees(http, s.receipt())).isEmpty();
        assertThat(review(http, requester, waived, true, null).status()).isEqualTo(403);
        assertThat(post(http, custodians.get(0), "/api/v1/disclosures/" + waived + "/release")
                        .status())
                .isEqualTo(409);
        var approved = review(http, admin, waived, true, "Notice would warn the suspect (case file 7)");
        assertThat(approved.status()).as(approved.body()).isEqualTo(200);
        assertThat(approved.json().get("state").asString()).isEqualTo("NOTICE_WAIVED");
        assertThat(review(http, admin, waived, true, null).status()).isEqualTo(409);
        assertThat(reporterSees(http, s.receipt())).isEmpty();
        for (var custodian : custodians.subList(1, 3)) {
            assertThat(post(http, custodian, "/api/v1/disclosures/" + waived + "/release")
                            .status())
                    .isEqualTo(200);
        }
        assertThat(post(http, requester, "/api/v1/disclosures/" + waived + "/open")
                        .status())
                .isEqualTo(200);
        var read = http.get("/api/v1/disclosures/" + waived + "/identity", "Authorization", requester)
                .json();
        assertThat(read.get("name").get(0).asString()).isEqualTo(NAME);
        assertThat(read.get("phone").get(0).asString()).isEqualTo(PHONE);

        var noticed = draft(http, requester, s.report(), "LEGAL", List.of("phone"), 30)
                .json()
                .get("id")
                .asString();
        post(http, requester, "/api/v1/disclosures/" + noticed + "/submit");
        assertThat(review(http, admin, noticed, true, null).json().get("state").asString())
                .isEqualTo("NOTICE_SENT");
        var seen = reporterSees(http, s.receipt());
        assertThat(seen).hasSize(1);
        assertThat(seen.get(0).get("id").asString()).isEqualTo(noticed);
        assertThat(seen.get(0).get("route").asString()).isEqualTo("LEGAL");
        // a notice is not a question: the reporter cannot answer it
        assertThat(answer(http, s.receipt(), noticed, false).status()).isEqualTo(409);

        var refused = draft(http, requester, s.report(), "LEGAL", List.of("phone"), 30)
                .json()
                .get("id")
                .asString();
        post(http, requester, "/api/v1/disclosures/" + refused + "/submit");
        assertThat(review(http, admin, refused, false, null).json().get("state").asString())
                .isEqualTo("DENIED");
        assertThat(reporterSees(http, s.receipt())).hasSize(1);
        assertThat(audited("disclosure.notice-waived", s.org().id())).isEqualTo(1);
        assertThat(audited("disclosure.notice-sent", s.org().id())).isEqualTo(1);
    }

    @Test
    void theWholeRequestCanBeWalkedOnPagesWithoutScript() {
        var s = vaults.setting(port, false);
        var requesterPage = new Http(port);
        organization.logInThroughPage(requesterPage, s.requester());
        var caseId = s.http()
                .get("/api/v1/cases", "Authorization", s.as(s.requester(), organization))
                .json()
                .get("cases")
                .get(0)
                .get("id")
                .asString();
        var link = requesterPage.get("/cases/" + caseId).html().selectFirst("a#request-disclosure");
        assertThat(link).isNotNull();
        var form = requesterPage.get(link.attr("href")).html();
        assertThat(form.select("input[name=fields]").eachAttr("value")).containsExactly("name", "phone");
        // the route the vault does not allow is not offered
        assertThat(form.select("input[name=route][value=LEGAL]")).isEmpty();
        var csrf =
                form.selectFirst("form[action=/disclosures] input[name=_csrf]").val();
        var fields = new HashMap<String, Object>(Map.of(
                "_csrf",
                csrf,
                "report",
                s.report().toString(),
                "purpose",
                " ",
                "fields",
                List.of("phone"),
                "days",
                "14"));
        assertThat(requesterPage.form("/disclosures", fields).status()).isEqualTo(422);
        fields.put("purpose", "Police need to call the witness back");
        var drafted = requesterPage.form("/disclosures", fields);
        assertThat(drafted.status()).isEqualTo(302);
        var list = requesterPage.get("/disclosures").html();
        var request = list.selectFirst("article.disclosure");
        var id = request.id().substring("disclosure-".length());
        requesterPage.form(
                "/disclosures/" + id + "/submit",
                Map.of(
                        "_csrf",
                        request.selectFirst("form[action$=/submit] input[name=_csrf]")
                                .val()));

        // the reporter answers on their follow-up visit
        var reporter = new Http(port);
        reporter.form("/followup", Map.of("receipt", s.receipt()));
        var followup = reporter.get("/followup").html();
        assertThat(followup.select("a.reporter-request").attr("href")).isEqualTo("/followup/disclosures");
        var asked = reporter.get("/followup/disclosures").html();
        assertThat(asked.select("script")).isEmpty();
        assertThat(asked.text()).contains("Police need to call the witness back");
        var token = asked.selectFirst("input[name=_token]").val();
        assertThat(reporter.form(
                                "/followup/disclosures/" + id + "/answer", Map.of("_token", "forged", "consent", "yes"))
                        .status())
                .isEqualTo(302);
        assertThat(state(id)).isEqualTo("CONSENT_REQUESTED");
        assertThat(reporter.form("/followup/disclosures/" + id + "/answer", Map.of("_token", token, "consent", "yes"))
                        .status())
                .isEqualTo(302);
        assertThat(state(id)).isEqualTo("CONSENTED");
        assertThat(reporter.get("/followup/disclosures").html().select("form[action$=/withdraw]"))
                .hasSize(1);

        // two custodians release on their page
        for (var custodian : s.custodians().subList(0, 2)) {
            var page = new Http(port);
            organization.logInThroughPage(page, custodian);
            var mine = page.get("/disclosures").html().selectFirst("#disclosure-" + id);
            assertThat(mine.text()).contains("Police need to call the witness back");
            var released = page.form(
                    "/disclosures/" + id + "/release",
                    Map.of(
                            "_csrf",
                            mine.selectFirst("form[action$=/release] input[name=_csrf]")
                                    .val()));
            assertThat(released.status()).isEqualTo(302);
            var again = page.form(
                    "/disclosures/" + id + "/release",
                    Map.of(
                            "_csrf",
                            mine.selectFirst("form[action$=/release] input[name=_csrf]")
                                    .val()));
            assertThat(again.status()).isEqualTo(409);
            assertThat(again.html().select("#disclosure-refused").text()).isNotBlank();
        }
        var ready = requesterPage.get("/disclosures").html().selectFirst("#disclosure-" + id);
        var opened = requesterPage.form(
                "/disclosures/" + id + "/open",
                Map.of(
                        "_csrf",
                        ready.selectFirst("form[action$=/open] input[name=_csrf]")
                                .val()));
        assertThat(opened.status()).isEqualTo(302);
        var read = requesterPage.get("/disclosures/" + id);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.header("Cache-Control")).hasValue("no-store");
        assertThat(read.html().select("#disclosed-fields").text())
                .contains(PHONE)
                .doesNotContain(NAME);
        assertThat(audited("identity.read", s.org().id())).isEqualTo(1);
    }

    private String consentedRequest(TestDisclosures.Setting s, String requester) {
        var id = draft(s.http(), requester, s.report(), "CONSENT", List.of("name"), 7)
                .json()
                .get("id")
                .asString();
        post(s.http(), requester, "/api/v1/disclosures/" + id + "/submit");
        assertThat(answer(s.http(), s.receipt(), id, true).status()).isEqualTo(204);
        return id;
    }

    private Http.Response draft(Http http, String auth, UUID report, String route, List<String> fields, int days) {
        var body = new HashMap<String, Object>();
        body.put("report", report.toString());
        body.put("route", route);
        body.put("purpose", "Court order 2026/118 names the witness");
        body.put("fields", fields);
        body.put("expiresAt", organization.now().plus(Duration.ofDays(days)).toString());
        return http.json("POST", "/api/v1/disclosures", body, "Authorization", auth);
    }

    private Http.Response review(Http http, String auth, String id, boolean approve, String waiverReason) {
        var body = new HashMap<String, Object>();
        body.put("approve", approve);
        body.put("waiverReason", waiverReason);
        return http.json("POST", "/api/v1/disclosures/" + id + "/review", body, "Authorization", auth);
    }

    private static Http.Response post(Http http, String auth, String path) {
        return http.json("POST", path, Map.of(), "Authorization", auth);
    }

    private static Http.Response answer(Http http, String receipt, String id, boolean consent) {
        return http.json(
                "POST",
                "/api/v1/followup/disclosures/" + id + "/answer",
                Map.of("consent", consent),
                "Authorization",
                "Receipt " + receipt);
    }

    private static Http.Response withdraw(Http http, String receipt, String id) {
        return http.json(
                "POST",
                "/api/v1/followup/disclosures/" + id + "/withdraw",
                Map.of(),
                "Authorization",
                "Receipt " + receipt);
    }

    private static List<tools.jackson.databind.JsonNode> reporterSees(Http http, String receipt) {
        var seen = new ArrayList<tools.jackson.databind.JsonNode>();
        http.get("/api/v1/followup/disclosures", "Authorization", "Receipt " + receipt)
                .json()
                .forEach(seen::add);
        return seen;
    }

    private String state(String id) {
        return jdbc.sql("SELECT state FROM disclosure_request WHERE id = ?::uuid")
                .param(id)
                .query(String.class)
                .single();
    }

    private long count(String table, UUID org) {
        return jdbc.sql("SELECT count(*) FROM " + table + " WHERE organization_id = ?")
                .param(org)
                .query(Long.class)
                .single();
    }

    private long audited(String action, UUID org) {
        return jdbc.sql("SELECT count(*) FROM audit_entry WHERE action = ? AND organization_id = ?")
                .params(action, org)
                .query(Long.class)
                .single();
    }
}
