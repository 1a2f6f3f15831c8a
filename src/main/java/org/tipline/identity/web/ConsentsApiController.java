package org.tipline.identity.web;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.tipline.identity.Consents;
import org.tipline.mailbox.Mailbox;
import org.tipline.shared.InvalidInput;

/** A reporter's consents through the API, with their receipt ({@code Authorization: Receipt <receipt>}). */
@RestController
class ConsentsApiController {

    record Answer(@Nullable Boolean given) {}

    private final Mailbox mailbox;
    private final Consents consents;

    ConsentsApiController(Mailbox mailbox, Consents consents) {
        this.mailbox = mailbox;
        this.consents = consents;
    }

    @GetMapping("/api/v1/followup/consents")
    ResponseEntity<List<Consents.Standing>> standing(
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) @Nullable String authorization) {
        return ResponseEntity.ok()
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(consents.of(mailbox.openAuthorization(authorization)));
    }

    @PostMapping("/api/v1/followup/consents/{kind}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void answerApi(
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) @Nullable String authorization,
            @PathVariable String kind,
            @RequestBody Answer body) {
        var access = mailbox.openAuthorization(authorization);
        if (body.given() == null) {
            throw new InvalidInput(Map.of("given", "error.required"));
        }
        consents.answer(access, Consents.kind(kind), body.given());
    }

    @PostMapping("/api/v1/followup/consents/{kind}/withdraw")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void withdrawApi(
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) @Nullable String authorization,
            @PathVariable String kind) {
        consents.withdraw(mailbox.openAuthorization(authorization), Consents.kind(kind));
    }
}
