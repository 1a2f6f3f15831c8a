package org.tipline.accounts.web;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.tipline.accounts.Organizations;
import org.tipline.shared.PublicLinks;
import org.tipline.shared.Role;
import org.tipline.shared.StaffPrincipal;

/** Organisations for the installation operator's API clients. */
@RestController
class OperatorApiController {

    record OrganizationResponse(UUID id, String slug, String name, boolean home) {
        static OrganizationResponse of(Organizations.Organization organization) {
            return new OrganizationResponse(
                    organization.id().value(), organization.slug(), organization.name(), organization.home());
        }
    }

    record OrganizationRequest(
            @Nullable String name,
            @Nullable String slug,
            @Nullable String adminName,
            @Nullable String adminEmail) {}

    record CreatedResponse(OrganizationResponse organization, String adminInvitationLink, Instant expiresAt) {}

    private final Organizations organizations;
    private final PublicLinks links;

    OperatorApiController(Organizations organizations, PublicLinks links) {
        this.organizations = organizations;
        this.links = links;
    }

    @GetMapping("/api/v1/operator/organizations")
    List<OrganizationResponse> list(@AuthenticationPrincipal StaffPrincipal operator) {
        operator.require(Role.OPERATOR);
        return organizations.list(operator).stream()
                .map(OrganizationResponse::of)
                .toList();
    }

    @PostMapping("/api/v1/operator/organizations")
    @ResponseStatus(HttpStatus.CREATED)
    CreatedResponse create(
            @AuthenticationPrincipal StaffPrincipal operator,
            @RequestBody OrganizationRequest body,
            HttpServletRequest request) {
        operator.require(Role.OPERATOR);
        var created = organizations.create(
                operator,
                Forms.text(body.name()),
                Forms.text(body.slug()).strip(),
                Forms.text(body.adminName()),
                Forms.text(body.adminEmail()));
        return new CreatedResponse(
                OrganizationResponse.of(created.organization()),
                links.link(request, "/invite/{token}", created.invitation().token()),
                created.invitation().expiresAt());
    }
}
