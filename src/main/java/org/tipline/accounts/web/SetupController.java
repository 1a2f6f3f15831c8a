package org.tipline.accounts.web;

import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.tipline.accounts.Setup;
import org.tipline.accounts.internal.Totp;
import org.tipline.shared.InvalidInput;

/** The first-run set-up page. */
@Controller
class SetupController {

    /** The set-up form; fields may be missing or hostile. */
    record SetupForm(
            @Nullable String setupCode,
            @Nullable String organizationName,
            @Nullable String organizationSlug,
            @Nullable String displayName,
            @Nullable String email,
            @Nullable String password,
            @Nullable String passwordConfirmation,
            @Nullable String totpSecret,
            @Nullable String totpCode) {
        static SetupForm empty() {
            return new SetupForm(null, null, null, null, null, null, null, null, null);
        }
    }

    private final Setup setup;
    private final Totp totp;

    SetupController(Setup setup, Totp totp) {
        this.setup = setup;
        this.totp = totp;
    }

    @GetMapping("/setup")
    String form(Model model) {
        if (!setup.isOpen()) {
            return "redirect:/login";
        }
        return render(model, SetupForm.empty(), totp.newSecret(), Map.of());
    }

    @PostMapping("/setup")
    String submit(@ModelAttribute SetupForm form, Model model, HttpServletResponse response) {
        var secret = validSecret(form.totpSecret());
        try {
            var completed = setup.complete(new Setup.Command(
                    Forms.text(form.setupCode()),
                    Forms.text(form.organizationName()),
                    Forms.text(form.organizationSlug()),
                    Forms.text(form.displayName()),
                    Forms.text(form.email()),
                    Forms.text(form.password()),
                    Forms.text(form.passwordConfirmation()),
                    secret,
                    Forms.text(form.totpCode())));
            model.addAttribute("recoveryCode", completed.recoveryCode().display());
            return "accounts/recovery";
        } catch (InvalidInput e) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            return render(model, form, secret, e.fieldErrors());
        }
    }

    private String validSecret(@Nullable String secret) {
        return secret != null && secret.matches("[A-Z2-7]{16,64}") ? secret : totp.newSecret();
    }

    private String render(Model model, SetupForm form, String secret, Map<String, String> errors) {
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute(
                "enrolment",
                totp.enrolment(secret, form.email() == null || form.email().isBlank() ? "admin" : form.email()));
        return "accounts/setup";
    }
}
