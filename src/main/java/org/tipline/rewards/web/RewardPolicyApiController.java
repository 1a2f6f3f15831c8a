package org.tipline.rewards.web;

import java.util.List;
import java.util.UUID;
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
import org.tipline.rewards.RewardPolicies;
import org.tipline.shared.SafeYaml;
import org.tipline.shared.StaffPrincipal;

/** Reward policies for admins: import and change them as YAML (a new version each time), export them. */
@RestController
class RewardPolicyApiController {

    /** A policy's current version: its id, version and the policy as its written tree. */
    record PolicyResponse(UUID id, int version, java.time.Instant createdAt, Object policy) {
        static PolicyResponse of(RewardPolicies.Version version) {
            return new PolicyResponse(
                    version.id(),
                    version.version(),
                    version.createdAt(),
                    version.policy().write());
        }
    }

    private final RewardPolicies policies;

    RewardPolicyApiController(RewardPolicies policies) {
        this.policies = policies;
    }

    @GetMapping("/api/v1/admin/reward-policies")
    List<PolicyResponse> list(@AuthenticationPrincipal StaffPrincipal admin) {
        return policies.list(admin).stream().map(PolicyResponse::of).toList();
    }

    @PostMapping("/api/v1/admin/reward-policies")
    @ResponseStatus(HttpStatus.CREATED)
    PolicyResponse importYaml(@AuthenticationPrincipal StaffPrincipal admin, @RequestBody byte[] body) {
        return PolicyResponse.of(policies.importYaml(admin, SafeYaml.text(body)));
    }

    @GetMapping("/api/v1/admin/reward-policies/{id}")
    PolicyResponse get(@AuthenticationPrincipal StaffPrincipal admin, @PathVariable UUID id) {
        return PolicyResponse.of(policies.get(admin, id));
    }

    @PutMapping("/api/v1/admin/reward-policies/{id}")
    PolicyResponse update(
            @AuthenticationPrincipal StaffPrincipal admin, @PathVariable UUID id, @RequestBody byte[] body) {
        return PolicyResponse.of(policies.update(admin, id, SafeYaml.text(body)));
    }

    @GetMapping("/api/v1/admin/reward-policies/{id}/yaml")
    ResponseEntity<String> export(@AuthenticationPrincipal StaffPrincipal admin, @PathVariable UUID id) {
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_TYPE, "application/yaml; charset=utf-8")
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"reward-policy.yaml\"")
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(policies.exportYaml(admin, id));
    }
}
