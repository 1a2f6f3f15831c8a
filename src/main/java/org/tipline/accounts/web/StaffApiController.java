package org.tipline.accounts.web;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.tipline.accounts.Invitations;
import org.tipline.accounts.StaffAdministration;
import org.tipline.accounts.StaffDirectory;
import org.tipline.accounts.StaffLifecycle;
import org.tipline.shared.PublicLinks;
import org.tipline.shared.Role;
import org.tipline.shared.StaffId;
import org.tipline.shared.StaffPrincipal;

/** Staff administration for API clients. */
@RestController
class StaffApiController {

    record StaffResponse(UUID id, String displayName, String email, Set<Role> roles, String keyFingerprint) {}

    record InvitationRequest(
            @Nullable String email,
            @Nullable String displayName,
            @Nullable List<String> roles) {}

    record InvitationResponse(UUID id, String link, Instant expiresAt) {}

    record RolesRequest(@Nullable List<String> roles) {}

    private final StaffDirectory directory;
    private final Invitations invitations;
    private final StaffAdministration administration;
    private final StaffLifecycle lifecycle;
    private final PublicLinks links;

    StaffApiController(
            StaffDirectory directory,
            Invitations invitations,
            StaffAdministration administration,
            PublicLinks links,
            StaffLifecycle lifecycle) {
        this.directory = directory;
        this.invitations = invitations;
        this.administration = administration;
        this.lifecycle = lifecycle;
        this.links = links;
    }

    @GetMapping("/api/v1/staff")
    List<StaffResponse> staff(@AuthenticationPrincipal StaffPrincipal admin) {
        admin.require(Role.ADMIN);
        return directory.members(admin.organization()).stream()
                .map(m -> new StaffResponse(
                        m.id().value(),
                        m.displayName(),
                        m.email(),
                        m.roles(),
                        m.publicKey().fingerprint()))
                .toList();
    }

    @PostMapping("/api/v1/invitations")
    @ResponseStatus(HttpStatus.CREATED)
    InvitationResponse invite(
            @AuthenticationPrincipal StaffPrincipal admin,
            @RequestBody InvitationRequest body,
            HttpServletRequest request) {
        admin.require(Role.ADMIN);
        var issued = invitations.invite(
                admin, Forms.text(body.email()), Forms.text(body.displayName()), StaffController.roles(body.roles()));
        var link = links.link(request, "/invite/{token}", issued.token());
        return new InvitationResponse(issued.id(), link, issued.expiresAt());
    }

    @PutMapping("/api/v1/staff/{id}/roles")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void roles(@AuthenticationPrincipal StaffPrincipal admin, @PathVariable UUID id, @RequestBody RolesRequest body) {
        admin.require(Role.ADMIN);
        administration.setRoles(admin, new StaffId(id), StaffController.roles(body.roles()));
    }

    @PostMapping("/api/v1/staff/{id}/deactivation")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void deactivate(@AuthenticationPrincipal StaffPrincipal admin, @PathVariable UUID id) {
        admin.require(Role.ADMIN);
        lifecycle.deactivate(admin, new StaffId(id));
    }
}
