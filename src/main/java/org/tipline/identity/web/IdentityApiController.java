package org.tipline.identity.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.tipline.identity.Identities;
import org.tipline.mailbox.Mailbox;

/**
 * The API twin of {@code /followup/identity}: with their receipt, a reporter who sent an anonymous
 * report sees what they may give about themselves and gives it once; it is sealed to the vault and
 * never shown back.
 */
@RestController
class IdentityApiController {

    /** What the reporter may give: whether they did, whether the organisation can keep it, and the fields. */
    record Offer(boolean given, boolean vault, List<Field> fields) {}

    record Field(String key, String label, boolean longText) {}

    record Giving(@Nullable Map<String, String> answers) {}

    private final Mailbox mailbox;
    private final Identities identities;

    IdentityApiController(Mailbox mailbox, Identities identities) {
        this.mailbox = mailbox;
        this.identities = identities;
    }

    @GetMapping("/api/v1/followup/identity")
    ResponseEntity<Offer> offer(
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) @Nullable String authorization,
            java.util.Locale locale) {
        var access = mailbox.openAuthorization(authorization);
        var view = mailbox.view(access);
        var organization = mailbox.organization(access);
        var fields = ConfidentialController.asked(view.questionnaire(), locale.toLanguageTag()).stream()
                .map(asked -> new Field(asked.key(), asked.label(), asked.longText()))
                .toList();
        return ResponseEntity.ok()
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(new Offer(
                        identities.given(organization, view.report().id()), identities.canKeep(organization), fields));
    }

    @PostMapping("/api/v1/followup/identity")
    @ResponseStatus(HttpStatus.CREATED)
    void give(
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) @Nullable String authorization,
            @RequestBody Giving body) {
        var access = mailbox.openAuthorization(authorization);
        var view = mailbox.view(access);
        var sent = body.answers() == null ? Map.<String, String>of() : body.answers();
        var answers = new LinkedHashMap<String, String>();
        for (var asked : ConfidentialController.asked(view.questionnaire(), "en")) {
            var value = sent.get(asked.key());
            answers.put(asked.key(), value == null ? "" : value);
        }
        identities.giveLater(mailbox.organization(access), view.report().id(), answers);
    }
}
