package org.tipline.support;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.boot.test.context.TestComponent;
import org.springframework.context.annotation.Lazy;

/**
 * Channels for tests: each test gets a channel of its own, received by a handler of its own, so
 * that its inbox holds only its cases.
 */
@TestComponent
@Lazy
public class TestChannels {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private final TestOrganization organization;

    TestChannels(TestOrganization organization) {
        this.organization = organization;
    }

    /** A channel and the one handler who receives it, logged in through the API. */
    public record Desk(String slug, UUID channelId, TestOrganization.Staffer handler, String token) {

        /** Sends a report with a subject and a description through the API, as a reporter. */
        public Http.Response submit(Http http, String subject, String description) {
            return http.json(
                    "POST",
                    "/api/v1/channels/" + slug + "/reports",
                    Map.of("answers", Map.of("subject", subject, "description", description)));
        }

        /** Opens the reporter's form and returns its one-time token, as a browser would send it back. */
        public String formToken(Http http) {
            var form = http.get("/r/" + slug);
            if (form.status() != 200) {
                throw new IllegalStateException("The form did not open: " + form.status());
            }
            return form.html().selectFirst("input[name=form_token]").val();
        }

        /** Returns the id of the newest case in the handler's inbox (cases open with their report). */
        public String newestCase(Http http) {
            var cases = http.get("/api/v1/cases", "Authorization", "Bearer " + token)
                    .json()
                    .get("cases");
            if (cases.isEmpty()) {
                throw new AssertionError("The handler's inbox is empty");
            }
            return cases.get(0).get("id").asString();
        }
    }

    /** Creates a channel with the standard questions plus a choice, a short text and categories. */
    public Desk desk(Http http) {
        var handler = organization.invite(http, "Handler " + SEQUENCE.incrementAndGet(), "HANDLER");
        return desk(http, handler, List.of(handler.id()));
    }

    /**
     * Creates a channel like {@link #desk(Http)} whose reports go to {@code handler} and to the
     * other {@code recipients} too; the desk acts as {@code handler}.
     */
    public Desk desk(Http http, TestOrganization.Staffer handler, List<UUID> recipients) {
        var adminToken = organization.token(http, organization.admin(http));
        var slug = "desk-" + SEQUENCE.incrementAndGet() + "-"
                + UUID.randomUUID().toString().substring(0, 6);
        var questionnaire = Map.of(
                "questions",
                        List.of(
                                Map.of(
                                        "key",
                                        "subject",
                                        "type",
                                        "SHORT_TEXT",
                                        "label",
                                        "Subject",
                                        "help",
                                        "",
                                        "required",
                                        true,
                                        "options",
                                        List.of()),
                                Map.of(
                                        "key",
                                        "description",
                                        "type",
                                        "LONG_TEXT",
                                        "label",
                                        "What happened?",
                                        "help",
                                        "",
                                        "required",
                                        true,
                                        "options",
                                        List.of()),
                                Map.of(
                                        "key",
                                        "where",
                                        "type",
                                        "SINGLE_CHOICE",
                                        "label",
                                        "Where?",
                                        "help",
                                        "",
                                        "required",
                                        false,
                                        "options",
                                        List.of("Office", "Warehouse")),
                                Map.of(
                                        "key",
                                        "when",
                                        "type",
                                        "DATE",
                                        "label",
                                        "When?",
                                        "help",
                                        "",
                                        "required",
                                        false,
                                        "options",
                                        List.of()),
                                Map.of(
                                        "key",
                                        "evidence",
                                        "type",
                                        "FILES",
                                        "label",
                                        "Evidence",
                                        "help",
                                        "",
                                        "required",
                                        false,
                                        "options",
                                        List.of())),
                "categories",
                        List.of(Map.of("key", "fraud", "label", "Fraud"), Map.of("key", "safety", "label", "Safety")));
        var created = http.json(
                "POST",
                "/api/v1/admin/channels",
                Map.of(
                        "slug",
                        slug,
                        "name",
                        "Desk " + slug,
                        "publicText",
                        "Tell us.",
                        "receiptFormat",
                        "LETTERS",
                        "questionnaire",
                        questionnaire,
                        "recipients",
                        recipients),
                "Authorization",
                "Bearer " + adminToken);
        if (created.status() != 201) {
            throw new IllegalStateException("Channel creation failed: " + created.status() + " " + created.body());
        }
        return new Desk(
                slug, UUID.fromString(created.json().get("id").asString()), handler, organization.token(http, handler));
    }
}
