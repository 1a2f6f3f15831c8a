package org.tipline.channels.web;

import java.time.LocalDate;
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
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.tipline.channels.ChannelId;
import org.tipline.channels.Channels;
import org.tipline.channels.PolicyProfile;
import org.tipline.channels.PolicyProfileId;
import org.tipline.channels.PolicyProfiles;
import org.tipline.shared.InvalidInput;
import org.tipline.shared.StaffPrincipal;

/**
 * Policy profiles for API clients: list, read, import and edit as YAML ({@code application/yaml}),
 * copy, choose one for a channel, and the holiday calendar.
 */
@RestController
class PolicyApiController {

    /** A profile at its current version, with its rules as the tree its YAML writes. */
    record PolicyResponse(UUID id, String name, @Nullable String preset, int version, Map<String, Object> rules) {
        static PolicyResponse of(PolicyProfile profile) {
            return new PolicyResponse(
                    profile.id().value(),
                    profile.name(),
                    profile.preset(),
                    profile.version(),
                    profile.rules().write(profile.name()));
        }
    }

    record CopyRequest(@Nullable String name) {}

    record ChoiceRequest(@Nullable UUID profile) {}

    record Holiday(LocalDate day, String name) {}

    record HolidaysResponse(List<Holiday> holidays) {}

    private final PolicyProfiles policies;
    private final Channels channels;

    PolicyApiController(PolicyProfiles policies, Channels channels) {
        this.policies = policies;
        this.channels = channels;
    }

    @GetMapping("/api/v1/admin/policies")
    List<PolicyResponse> list(@AuthenticationPrincipal StaffPrincipal admin) {
        return policies.list(admin).stream().map(PolicyResponse::of).toList();
    }

    @GetMapping("/api/v1/admin/policies/{id}")
    PolicyResponse get(@AuthenticationPrincipal StaffPrincipal admin, @PathVariable UUID id) {
        return PolicyResponse.of(policies.get(admin, new PolicyProfileId(id)));
    }

    @GetMapping(value = "/api/v1/admin/policies/{id}/yaml")
    ResponseEntity<String> export(@AuthenticationPrincipal StaffPrincipal admin, @PathVariable UUID id) {
        return yaml(policies.exportYaml(admin, new PolicyProfileId(id)));
    }

    @PostMapping("/api/v1/admin/policies")
    @ResponseStatus(HttpStatus.CREATED)
    PolicyResponse importYaml(@AuthenticationPrincipal StaffPrincipal admin, @RequestBody byte[] body) {
        return PolicyResponse.of(policies.importYaml(admin, utf8(body)));
    }

    @PutMapping("/api/v1/admin/policies/{id}")
    PolicyResponse update(
            @AuthenticationPrincipal StaffPrincipal admin, @PathVariable UUID id, @RequestBody byte[] body) {
        return PolicyResponse.of(policies.update(admin, new PolicyProfileId(id), utf8(body)));
    }

    @PostMapping("/api/v1/admin/policies/{id}/copies")
    @ResponseStatus(HttpStatus.CREATED)
    PolicyResponse copy(
            @AuthenticationPrincipal StaffPrincipal admin, @PathVariable UUID id, @RequestBody CopyRequest request) {
        return PolicyResponse.of(
                policies.copy(admin, new PolicyProfileId(id), request.name() == null ? "" : request.name()));
    }

    @PutMapping("/api/v1/admin/channels/{id}/policy")
    Map<String, UUID> choose(
            @AuthenticationPrincipal StaffPrincipal admin, @PathVariable UUID id, @RequestBody ChoiceRequest request) {
        if (request.profile() == null) {
            throw new InvalidInput(Map.of("profile", "error.required"));
        }
        var channel = channels.choosePolicy(admin, new ChannelId(id), new PolicyProfileId(request.profile()));
        return Map.of("profile", channel.policyProfile().value());
    }

    @GetMapping("/api/v1/admin/holidays")
    HolidaysResponse holidays(@AuthenticationPrincipal StaffPrincipal admin) {
        admin.require(org.tipline.shared.Role.ADMIN);
        return new HolidaysResponse(policies.holidays(admin.organization()).entrySet().stream()
                .map(entry -> new Holiday(entry.getKey(), entry.getValue()))
                .toList());
    }

    @PutMapping("/api/v1/admin/holidays")
    HolidaysResponse setHolidays(@AuthenticationPrincipal StaffPrincipal admin, @RequestBody HolidaysResponse request) {
        var lines = new StringBuilder();
        for (var holiday : request.holidays()) {
            if (holiday == null || holiday.day() == null) {
                throw new InvalidInput(Map.of("holidays", "error.policy.holiday"));
            }
            var name = holiday.name() == null ? "" : holiday.name();
            if (name.contains("\n") || name.contains("\r")) {
                throw new InvalidInput(Map.of("holidays", "error.policy.holiday"));
            }
            lines.append(holiday.day()).append(' ').append(name).append('\n');
        }
        policies.setHolidays(admin, lines.toString());
        return holidays(admin);
    }

    /** Answers YAML as a download, never rendered by a browser. */
    static ResponseEntity<String> yaml(String text) {
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_TYPE, "application/yaml; charset=utf-8")
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"policy.yaml\"")
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(text);
    }

    /** Decodes a body as UTF-8, refusing invalid bytes rather than replacing them. */
    static String utf8(byte[] body) {
        return org.tipline.shared.SafeYaml.text(body);
    }
}
