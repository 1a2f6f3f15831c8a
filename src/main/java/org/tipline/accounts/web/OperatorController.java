package org.tipline.accounts.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.tipline.accounts.Organizations;
import org.tipline.shared.InvalidInput;
import org.tipline.shared.PublicLinks;
import org.tipline.shared.Role;
import org.tipline.shared.StaffPrincipal;

/** The installation operator's page: the organisations, and a form to create one with its first admin. */
@Controller
class OperatorController {

    record OrganizationForm(
            @Nullable String name,
            @Nullable String slug,
            @Nullable String adminName,
            @Nullable String adminEmail) {
        static OrganizationForm empty() {
            return new OrganizationForm(null, null, null, null);
        }
    }

    private final Organizations organizations;
    private final PublicLinks links;

    OperatorController(Organizations organizations, PublicLinks links) {
        this.organizations = organizations;
        this.links = links;
    }

    @GetMapping("/operator")
    String list(@AuthenticationPrincipal StaffPrincipal operator, Model model) {
        operator.require(Role.OPERATOR);
        return render(operator, model, OrganizationForm.empty(), Map.of(), null);
    }

    @PostMapping("/operator/organizations")
    String create(
            @AuthenticationPrincipal StaffPrincipal operator,
            @ModelAttribute OrganizationForm form,
            Model model,
            HttpServletRequest request,
            HttpServletResponse response) {
        operator.require(Role.OPERATOR);
        try {
            var created = organizations.create(
                    operator,
                    Forms.text(form.name()),
                    Forms.text(form.slug()).strip(),
                    Forms.text(form.adminName()),
                    Forms.text(form.adminEmail()));
            return render(
                    operator,
                    model,
                    OrganizationForm.empty(),
                    Map.of(),
                    links.link(request, "/invite/{token}", created.invitation().token()));
        } catch (InvalidInput e) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            return render(operator, model, form, e.fieldErrors(), null);
        }
    }

    private String render(
            StaffPrincipal operator,
            Model model,
            OrganizationForm form,
            Map<String, String> errors,
            @Nullable String invitationLink) {
        model.addAttribute("organizations", organizations.list(operator));
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("invitationLink", invitationLink);
        return "accounts/operator";
    }
}
