package org.tipline.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.tipline.support.Http;
import org.tipline.support.IntegrationTest;
import org.tipline.support.TestChannels;
import org.tipline.support.TestOrganization;
import tools.jackson.databind.JsonNode;

/**
 * Working a case beside its workflow: sealed internal notes, related cases, merging a duplicate
 * (the earlier registration keeps priority) and the timeline, through the API and the pages.
 */
@IntegrationTest
class CaseWorkIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    TestChannels channels;

    @Autowired
    TestOrganization organization;

    @Autowired
    JdbcClient jdbc;

    @Test
    void notesAreSealedShownToHoldersOnlyAndRefusedWhenEmptyOrTooLong() {
        var http = new Http(port);
        var desk = channels.desk(http);
        organization.advanceClock(Duration.ofSeconds(1));
        var receipt = desk.submit(http, "Noted", "d").json().get("receipt").asString();
        var id = desk.newestCase(http);
        var secret = "Witness X said the ledger was changed <script>alert(1)</script> 證人";

        var written = http.json("POST", "/api/v1/cases/" + id + "/notes", Map.of("body", secret), bearer(desk.token()));
        assertThat(written.status()).isEqualTo(201);
        var shown = caseJson(http, desk.token(), id).get("notes");
        assertThat(shown.size()).isEqualTo(1);
        assertThat(shown.get(0).get("body").asString()).isEqualTo(secret);
        assertThat(shown.get(0).get("author").asString())
                .isEqualTo(desk.handler().id().toString());

        // sealed at rest: the stored bytes hold no trace of the text
        var stored = jdbc.sql("SELECT body FROM case_note WHERE case_id = ?::uuid")
                .param(id)
                .query(byte[].class)
                .single();
        assertThat(new String(stored, java.nio.charset.StandardCharsets.ISO_8859_1))
                .doesNotContain("ledger");
        assertThat(new String(stored, java.nio.charset.StandardCharsets.UTF_8)).doesNotContain("ledger");
        assertThat(audit(id, "case.note-written")).isEqualTo(1);

        // the reporter never sees a note
        assertThat(http.get("/api/v1/followup", "Authorization", "Receipt " + receipt)
                        .body())
                .doesNotContain("ledger");

        // empty, blank, too long: refused, nothing stored
        for (var bad : List.of("", "   \n ", "x".repeat(CaseWork.NOTE_LIMIT + 1))) {
            var refused =
                    http.json("POST", "/api/v1/cases/" + id + "/notes", Map.of("body", bad), bearer(desk.token()));
            assertThat(refused.status()).isEqualTo(422);
            assertThat(refused.header("Content-Type").orElse("")).contains("application/problem+json");
        }
        assertThat(count("SELECT count(*) FROM case_note WHERE case_id = ?::uuid", id))
                .isEqualTo(1);

        // someone who does not hold the case cannot write or read one
        var outsider = organization.token(http, organization.invite(http, "Outsider " + UUID.randomUUID(), "HANDLER"));
        assertThat(http.json("POST", "/api/v1/cases/" + id + "/notes", Map.of("body", "mine"), bearer(outsider))
                        .status())
                .isEqualTo(404);
        assertThat(http.get("/api/v1/cases/" + id + "/timeline", bearer(outsider))
                        .status())
                .isEqualTo(404);
        assertThat(count("SELECT count(*) FROM case_note WHERE case_id = ?::uuid", id))
                .isEqualTo(1);

        // the page shows it, escaped, and the page's form writes another
        var page = new Http(port);
        organization.logInThroughPage(page, desk.handler());
        var casePage = page.get("/cases/" + id);
        assertThat(casePage.body())
                .contains("&lt;script&gt;alert(1)&lt;/script&gt;")
                .doesNotContain("<script>alert(1)");
        var csrf = casePage.html()
                .selectFirst("form#action-note input[name=_csrf]")
                .val();
        assertThat(page.form("/cases/" + id + "/notes", Map.of("_csrf", csrf, "note", "Second thought"))
                        .status())
                .isEqualTo(302);
        var blank = page.form("/cases/" + id + "/notes", Map.of("_csrf", csrf, "note", " "));
        assertThat(blank.status()).isEqualTo(422);
        assertThat(blank.html().selectFirst("#note[aria-invalid=true]")).isNotNull();
        assertThat(caseJson(http, desk.token(), id).get("notes").size()).isEqualTo(2);
    }

    @Test
    void relatedCasesAreLinkedBothWaysAndOnlyBetweenCasesTheHandlerHolds() {
        var http = new Http(port);
        var desk = channels.desk(http);
        var first = newCase(http, desk, "First");
        var second = newCase(http, desk, "Second");
        var secondRef = caseJson(http, desk.token(), second).get("reference").asString();
        var other = channels.desk(http);
        var foreign = newCase(http, other, "Not yours");
        var foreignRef = caseJson(http, other.token(), foreign).get("reference").asString();

        assertThat(link(http, desk.token(), first, secondRef.toLowerCase(java.util.Locale.ROOT))
                        .status())
                .isEqualTo(204);
        assertThat(link(http, desk.token(), first, secondRef).status()).isEqualTo(204);
        assertThat(count(
                        "SELECT count(*) FROM case_link WHERE case_id = ?::uuid OR related_id = ?::uuid", first, first))
                .isEqualTo(1);
        var fromFirst = caseJson(http, desk.token(), first).get("links");
        assertThat(fromFirst.get(0).get("reference").asString()).isEqualTo(secondRef);
        assertThat(fromFirst.get(0).get("kind").asString()).isEqualTo("RELATED");
        assertThat(caseJson(http, desk.token(), second)
                        .get("links")
                        .get(0)
                        .get("id")
                        .asString())
                .isEqualTo(first);
        assertThat(audit(first, "case.linked")).isEqualTo(1);
        assertThat(audit(second, "case.linked")).isEqualTo(1);

        // a case the handler does not hold, an unknown one, itself, nothing: 422, no link
        var selfRef = caseJson(http, desk.token(), first).get("reference").asString();
        for (var bad : List.of(foreignRef, "C-00000000", selfRef, "", "../" + secondRef)) {
            var refused = link(http, desk.token(), first, bad);
            assertThat(refused.status()).as(bad).isEqualTo(422);
            assertThat(refused.json().get("errors").has("other")).isTrue();
        }
        assertThat(count(
                        "SELECT count(*) FROM case_link WHERE case_id = ?::uuid OR related_id = ?::uuid", first, first))
                .isEqualTo(1);

        var unlinked =
                http.json("DELETE", "/api/v1/cases/" + second + "/links/" + selfRef, Map.of(), bearer(desk.token()));
        assertThat(unlinked.status()).isEqualTo(204);
        assertThat(caseJson(http, desk.token(), first).get("links").size()).isZero();
        assertThat(audit(first, "case.unlinked")).isEqualTo(1);
    }

    @Test
    void mergingConcludesTheLaterAsADuplicateTellsItsReporterAndHandsItsKeyOn() {
        var http = new Http(port);
        var supervisor = organization.invite(http, "Merger " + UUID.randomUUID(), "HANDLER", "SUPERVISOR");
        var colleague = organization.invite(http, "Colleague " + UUID.randomUUID(), "HANDLER");
        var desk = channels.desk(http, supervisor, List.of(supervisor.id()));
        organization.advanceClock(Duration.ofSeconds(1));
        var earlierReceipt =
                desk.submit(http, "Earlier", "first").json().get("receipt").asString();
        var earlier = desk.newestCase(http);
        organization.advanceClock(Duration.ofSeconds(1));
        var laterReceipt =
                desk.submit(http, "Later", "same matter").json().get("receipt").asString();
        var later = desk.newestCase(http);
        // the colleague works the earlier case only
        var token = desk.token();
        var assignment = new HashMap<String, Object>();
        assignment.put("assignee", colleague.id());
        assertThat(http.json("POST", "/api/v1/cases/" + earlier + "/assignment", assignment, bearer(token))
                        .status())
                .isEqualTo(200);
        var colleagueToken = organization.token(http, colleague);
        assertThat(http.get("/api/v1/cases/" + later, bearer(colleagueToken)).status())
                .isEqualTo(404);

        // no message, a stale version: refused, nothing changed
        assertThat(merge(http, token, earlier, ref(http, token, later), "", null)
                        .status())
                .isEqualTo(422);
        assertThat(merge(http, token, earlier, ref(http, token, later), "Joined", 99L)
                        .status())
                .isEqualTo(409);
        assertThat(caseJson(http, token, later).get("state").asString()).isEqualTo("RECEIVED");

        // merged from the earlier case's side naming the later: the later one is the duplicate
        var merged = merge(http, token, earlier, ref(http, token, later), "Your report joins an earlier one.", null);
        assertThat(merged.status()).isEqualTo(200);
        assertThat(merged.json().get("continuesAs").asString()).isEqualTo(earlier);
        var duplicate = caseJson(http, token, later);
        assertThat(duplicate.get("state").asString()).isEqualTo("CONCLUDED");
        assertThat(duplicate.get("outcome").asString()).isEqualTo("DUPLICATE");
        assertThat(duplicate.get("links").get(0).get("mergedInto").asBoolean()).isTrue();
        assertThat(duplicate
                        .get("deadlines")
                        .valueStream()
                        .map(deadline -> deadline.get("status").asString())
                        .toList())
                .containsOnly("MET");
        var survivor = caseJson(http, token, earlier);
        assertThat(survivor.get("state").asString()).isEqualTo("RECEIVED");
        assertThat(survivor.get("links").get(0).get("kind").asString()).isEqualTo("DUPLICATE");
        assertThat(survivor.get("links").get(0).get("mergedInto").asBoolean()).isFalse();

        // the later reporter is told; the earlier one hears nothing
        var laterMailbox = http.get("/api/v1/followup", "Authorization", "Receipt " + laterReceipt)
                .json();
        var messages = laterMailbox.get("messages");
        assertThat(messages.get(messages.size() - 1).get("body").asString())
                .isEqualTo("Your report joins an earlier one.");
        assertThat(messages.get(messages.size() - 1).get("notice").asString()).isEqualTo("FEEDBACK");
        assertThat(http.get("/api/v1/followup", "Authorization", "Receipt " + earlierReceipt)
                        .json()
                        .get("messages")
                        .size())
                .isZero();

        // whoever works the earlier case now reads the later one too
        assertThat(http.get("/api/v1/cases/" + later, bearer(colleagueToken)).status())
                .isEqualTo(200);

        // merged once: not again, either way round
        var again = merge(http, token, later, ref(http, token, earlier), "Again", null);
        assertThat(again.status()).isEqualTo(409);
        assertThat(audit(later, "case.merged-into")).isEqualTo(1);
        assertThat(audit(earlier, "case.merged-here")).isEqualTo(1);

        // the timeline of the duplicate tells the story, in order
        var timeline =
                http.get("/api/v1/cases/" + later + "/timeline", bearer(token)).json();
        var what = timeline.valueStream()
                .map(entry -> entry.get("what").asString())
                .toList();
        assertThat(what)
                .containsSubsequence("report.submitted", "deadline.started", "case.merged-into", "case.concluded");
        assertThat(what).contains("deadline.met", "message.to-reporter", "report.key-granted");
        var into = timeline.valueStream()
                .filter(entry -> entry.get("what").asString().equals("case.merged-into"))
                .findFirst()
                .orElseThrow();
        assertThat(into.get("detail").asString()).isEqualTo(ref(http, token, earlier));
        assertThat(into.get("who").asString()).isEqualTo(nameOf(http, token, earlier, supervisor.id()));
    }

    @Test
    void theTimelineOpensJustificationsAndNamesPeopleButNeverTheReporter() {
        var http = new Http(port);
        var desk = channels.desk(http);
        var id = newCase(http, desk, "Timeline");
        var justification = "Reporter asked for silence 保密";
        var waived = http.json(
                "POST",
                "/api/v1/cases/" + id + "/actions/waive-acknowledgement",
                Map.of("reason", "reporter-asked", "justification", justification),
                bearer(desk.token()));
        assertThat(waived.status()).isEqualTo(200);
        var timeline = http.get("/api/v1/cases/" + id + "/timeline", bearer(desk.token()))
                .json();
        var waiver = timeline.valueStream()
                .filter(entry -> entry.get("what").asString().equals("deadline.waived"))
                .findFirst()
                .orElseThrow();
        assertThat(waiver.get("detail").asString()).contains("reporter-asked").contains(justification);
        assertThat(waiver.get("who").asString()).isNotBlank().isNotEqualTo("system");
        var submitted = timeline.valueStream()
                .filter(entry -> entry.get("what").asString().equals("report.submitted"))
                .findFirst()
                .orElseThrow();
        assertThat(submitted.get("who").asString()).isEqualTo("reporter");

        var page = new Http(port);
        organization.logInThroughPage(page, desk.handler());
        var html = page.get("/cases/" + id + "/timeline");
        assertThat(html.status()).isEqualTo(200);
        assertThat(html.body()).contains("Report received", "Deadline waived", "保密", "The reporter");
        var outsider = new Http(port);
        organization.logInThroughPage(outsider, organization.invite(http, "Nosy " + UUID.randomUUID(), "HANDLER"));
        assertThat(outsider.get("/cases/" + id + "/timeline").status()).isEqualTo(404);
    }

    private String newCase(Http http, TestChannels.Desk desk, String subject) {
        organization.advanceClock(Duration.ofSeconds(1));
        assertThat(desk.submit(http, subject, "d").status()).isEqualTo(201);
        return desk.newestCase(http);
    }

    private Http.Response link(Http http, String token, String id, String other) {
        return http.json("POST", "/api/v1/cases/" + id + "/links", Map.of("other", other), bearer(token));
    }

    private Http.Response merge(Http http, String token, String id, String other, String message, Long version) {
        var body = new HashMap<String, Object>();
        body.put("other", other);
        body.put("message", message);
        body.put("version", version);
        return http.json("POST", "/api/v1/cases/" + id + "/merge", body, bearer(token));
    }

    private String ref(Http http, String token, String id) {
        return caseJson(http, token, id).get("reference").asString();
    }

    private String nameOf(Http http, String token, String id, UUID member) {
        return caseJson(http, token, id)
                .get("members")
                .valueStream()
                .filter(m -> m.get("id").asString().equals(member.toString()))
                .findFirst()
                .orElseThrow()
                .get("name")
                .asString();
    }

    private JsonNode caseJson(Http http, String token, String id) {
        return http.get("/api/v1/cases/" + id, bearer(token)).json();
    }

    private static String[] bearer(String token) {
        return new String[] {"Authorization", "Bearer " + token};
    }

    private long audit(String id, String action) {
        return jdbc.sql("SELECT count(*) FROM audit_entry WHERE subject LIKE ? AND action = ?")
                .params("case:" + id + "%", action)
                .query(Long.class)
                .single();
    }

    private long count(String sql, Object... params) {
        return jdbc.sql(sql).params(params).query(Long.class).single();
    }
}
