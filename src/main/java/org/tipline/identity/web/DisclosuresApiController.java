package org.tipline.identity.web;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.tipline.crypto.Keyring;
import org.tipline.identity.Disclosure;
import org.tipline.identity.Disclosures;
import org.tipline.mailbox.Mailbox;
import org.tipline.reports.ReportId;
import org.tipline.shared.InvalidInput;
import org.tipline.shared.StaffPrincipal;

/**
 * Identity disclosures through the API: requesters draft, submit, open, read and close; admins
 * review the legal route; custodians release their shares; the reporter sees and answers the
 * requests that concern them with their receipt ({@code Authorization: Receipt <receipt>}).
 */
@RestController
class DisclosuresApiController {

    record Draft(
            @Nullable UUID report,
            @Nullable String route,
            @Nullable String purpose,
            @Nullable List<String> fields,
            @Nullable Instant expiresAt) {}

    record Review(@Nullable Boolean approve, @Nullable String waiverReason) {}

    record Answer(@Nullable Boolean consent) {}

    private final Disclosures disclosures;
    private final Mailbox mailbox;

    DisclosuresApiController(Disclosures disclosures, Mailbox mailbox) {
        this.disclosures = disclosures;
        this.mailbox = mailbox;
    }

    @GetMapping("/api/v1/disclosures")
    List<Disclosure> concerning(@AuthenticationPrincipal StaffPrincipal viewer) {
        return disclosures.concerning(viewer);
    }

    @PostMapping("/api/v1/disclosures")
    @ResponseStatus(HttpStatus.CREATED)
    Disclosure draft(@AuthenticationPrincipal StaffPrincipal requester, @RequestBody Draft body) {
        Disclosure.Route route;
        try {
            route = Disclosure.Route.valueOf(body.route() == null ? "CONSENT" : body.route());
        } catch (IllegalArgumentException e) {
            throw new InvalidInput(Map.of("route", "error.disclosure.route"));
        }
        if (body.report() == null) {
            throw new InvalidInput(Map.of("report", "error.required"));
        }
        if (body.expiresAt() == null) {
            throw new InvalidInput(Map.of("expiresAt", "error.disclosure.expiry"));
        }
        return disclosures.draft(
                requester,
                new ReportId(body.report()),
                route,
                body.purpose() == null ? "" : body.purpose(),
                body.fields() == null ? List.of() : body.fields(),
                body.expiresAt());
    }

    @GetMapping("/api/v1/disclosures/{id}")
    Disclosure get(@AuthenticationPrincipal StaffPrincipal viewer, @PathVariable UUID id) {
        return disclosures.get(viewer, id);
    }

    @PostMapping("/api/v1/disclosures/{id}/submit")
    Disclosure submit(@AuthenticationPrincipal StaffPrincipal requester, @PathVariable UUID id) {
        return disclosures.submit(requester, id);
    }

    @PostMapping("/api/v1/disclosures/{id}/review")
    Disclosure review(@AuthenticationPrincipal StaffPrincipal admin, @PathVariable UUID id, @RequestBody Review body) {
        if (body.approve() == null) {
            throw new InvalidInput(Map.of("approve", "error.required"));
        }
        return disclosures.review(admin, id, body.approve(), body.waiverReason());
    }

    @PostMapping("/api/v1/disclosures/{id}/release")
    Disclosure release(Keyring custodian, @PathVariable UUID id) {
        return disclosures.release(custodian, id);
    }

    @PostMapping("/api/v1/disclosures/{id}/open")
    Disclosure open(Keyring requester, @PathVariable UUID id) {
        return disclosures.open(requester, id);
    }

    @GetMapping("/api/v1/disclosures/{id}/identity")
    ResponseEntity<Map<String, List<String>>> read(Keyring requester, @PathVariable UUID id) {
        return ResponseEntity.ok().header(HttpHeaders.CACHE_CONTROL, "no-store").body(disclosures.read(requester, id));
    }

    @PostMapping("/api/v1/disclosures/{id}/close")
    Disclosure close(@AuthenticationPrincipal StaffPrincipal by, @PathVariable UUID id) {
        return disclosures.close(by, id);
    }

    @GetMapping("/api/v1/followup/disclosures")
    ResponseEntity<List<Disclosure.ForReporter>> forReporter(
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) @Nullable String authorization) {
        return ResponseEntity.ok()
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(disclosures.forReporter(mailbox.openAuthorization(authorization)));
    }

    @PostMapping("/api/v1/followup/disclosures/{id}/answer")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void answer(
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) @Nullable String authorization,
            @PathVariable UUID id,
            @RequestBody Answer body) {
        var access = mailbox.openAuthorization(authorization);
        if (body.consent() == null) {
            throw new InvalidInput(Map.of("consent", "error.required"));
        }
        disclosures.answer(access, id, body.consent());
    }

    @PostMapping("/api/v1/followup/disclosures/{id}/withdraw")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void withdraw(
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) @Nullable String authorization,
            @PathVariable UUID id) {
        disclosures.withdraw(mailbox.openAuthorization(authorization), id);
    }
}
