package org.tipline.audit.web;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.tipline.audit.AuditLog;
import org.tipline.shared.Role;
import org.tipline.shared.StaffPrincipal;

/** The audit API for admins: the chain head to keep elsewhere, integrity alerts, a full check. */
@RestController
class AuditApiController {

    record HeadResponse(
            long sequence,
            String mac,
            @Nullable Long anchoredSequence,
            @Nullable Instant anchoredAt,
            AuditLog.Anchoring anchor) {}

    record AlertResponse(long entry, Instant at, String subject) {}

    record VerificationResponse(
            boolean intact, long entries, @Nullable Long firstBroken, long untagged, AuditLog.Anchoring anchor) {}

    private final AuditLog audit;

    AuditApiController(AuditLog audit) {
        this.audit = audit;
    }

    @GetMapping("/api/v1/audit/head")
    HeadResponse head(@AuthenticationPrincipal StaffPrincipal admin) {
        admin.require(Role.ADMIN);
        var state = audit.state(admin.organization());
        return new HeadResponse(
                state.sequence(), state.mac(), state.anchoredSequence(), state.anchoredAt(), state.anchor());
    }

    @GetMapping("/api/v1/audit/alerts")
    List<AlertResponse> alerts(@AuthenticationPrincipal StaffPrincipal admin) {
        admin.require(Role.ADMIN);
        return audit.alerts(admin.organization(), 100).stream()
                .map(entry -> new AlertResponse(
                        entry.id(), entry.occurredAt(), entry.subject() == null ? "" : entry.subject()))
                .toList();
    }

    @GetMapping("/api/v1/audit/verify")
    VerificationResponse verify(@AuthenticationPrincipal StaffPrincipal admin) {
        admin.require(Role.ADMIN);
        audit.chainPending();
        var result = audit.verify(admin.organization());
        return new VerificationResponse(
                result.intact(), result.entries(), result.firstBroken(), result.untagged(), result.anchor());
    }
}
