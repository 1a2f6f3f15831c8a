package org.tipline.accounts.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.tipline.accounts.Invitations;
import org.tipline.accounts.StaffAdministration;
import org.tipline.accounts.StaffDirectory;
import org.tipline.accounts.StaffLifecycle;
import org.tipline.shared.InvalidInput;
import org.tipline.shared.PublicLinks;
import org.tipline.shared.Role;
import org.tipline.shared.StaffId;
import org.tipline.shared.StaffPrincipal;

/** The admin's staff page: members, their roles, and invitations. */
@Controller
class StaffController {

    record InviteForm(
            @Nullable String displayName,
            @Nullable String email,
            @Nullable List<String> roles) {}

    private final StaffDirectory directory;
    private final Invitations invitations;
    private final StaffAdministration administration;
    private final StaffLifecycle lifecycle;
    private final PublicLinks links;

    StaffController(
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

    @GetMapping("/staff")
    String list(@AuthenticationPrincipal StaffPrincipal admin, Model model) {
        admin.require(Role.ADMIN);
        return render(admin, model, new InviteForm(null, null, null), Map.of(), null);
    }

    @PostMapping("/staff/invitations")
    String invite(
            @AuthenticationPrincipal StaffPrincipal admin,
            @ModelAttribute InviteForm form,
            Model model,
            HttpServletRequest request,
            HttpServletResponse response) {
        admin.require(Role.ADMIN);
        try {
            var issued = invitations.invite(
                    admin, Forms.text(form.email()), Forms.text(form.displayName()), roles(form.roles()));
            var link = links.link(request, "/invite/{token}", issued.token());
            return render(admin, model, new InviteForm(null, null, null), Map.of(), link);
        } catch (InvalidInput e) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            return render(admin, model, form, e.fieldErrors(), null);
        }
    }

    @PostMapping("/staff/{id}/roles")
    String roles(
            @AuthenticationPrincipal StaffPrincipal admin,
            @PathVariable UUID id,
            @RequestParam(required = false) @Nullable List<String> roles,
            Model model,
            HttpServletResponse response) {
        admin.require(Role.ADMIN);
        try {
            var chosen = roles(roles);
            if (!admin.has(Role.OPERATOR)
                    && directory
                            .find(admin.organization(), new StaffId(id))
                            .filter(member -> member.roles().contains(Role.OPERATOR))
                            .isPresent()) {
                // the page offers no operator box to admins who are not operators: keep what it cannot show
                chosen.add(Role.OPERATOR);
            }
            administration.setRoles(admin, new StaffId(id), chosen);
            return "redirect:/staff";
        } catch (InvalidInput e) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            return render(admin, model, new InviteForm(null, null, null), e.fieldErrors(), null);
        }
    }

    @PostMapping("/staff/{id}/deactivation")
    String deactivate(
            @AuthenticationPrincipal StaffPrincipal admin,
            @PathVariable UUID id,
            Model model,
            HttpServletRequest request,
            HttpServletResponse response) {
        admin.require(Role.ADMIN);
        try {
            lifecycle.deactivate(admin, new StaffId(id));
            return "redirect:/staff?deactivated";
        } catch (InvalidInput e) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            return render(admin, model, new InviteForm(null, null, null), e.fieldErrors(), null);
        }
    }

    static Set<Role> roles(@Nullable List<String> names) {
        var roles = EnumSet.noneOf(Role.class);
        if (names != null) {
            for (var name : names) {
                for (var role : Role.values()) {
                    if (role.name().equals(name)) {
                        roles.add(role);
                    }
                }
            }
        }
        return roles;
    }

    /** Returns the roles {@code admin} may give: the operator role only by the operator. */
    static List<Role> assignable(StaffPrincipal admin) {
        return Arrays.stream(Role.values())
                .filter(role -> role != Role.OPERATOR || admin.has(Role.OPERATOR))
                .toList();
    }

    private String render(
            StaffPrincipal admin, Model model, InviteForm form, Map<String, String> errors, @Nullable String link) {
        model.addAttribute("members", directory.members(admin.organization()));
        model.addAttribute("self", admin.id());
        model.addAttribute("invitations", invitations.list(admin));
        model.addAttribute("roles", assignable(admin));
        model.addAttribute("inviteForm", form);
        model.addAttribute("errors", errors);
        model.addAttribute("invitationLink", link);
        return "accounts/staff";
    }
}
