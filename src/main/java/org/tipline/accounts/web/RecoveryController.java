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
import org.tipline.accounts.LoginFailed;
import org.tipline.accounts.StaffLifecycle;
import org.tipline.accounts.internal.Totp;
import org.tipline.shared.InvalidInput;

/** The page where a member who lost their password or authenticator recovers with their recovery code. */
@Controller
class RecoveryController {

    record RecoveryForm(
            @Nullable String organization,
            @Nullable String email,
            @Nullable String recoveryCode,
            @Nullable String password,
            @Nullable String passwordConfirmation,
            @Nullable String totpSecret,
            @Nullable String totpCode) {
        static RecoveryForm empty() {
            return new RecoveryForm(null, null, null, null, null, null, null);
        }

        @Override
        public String toString() {
            return "RecoveryForm[redacted]";
        }
    }

    private final StaffLifecycle lifecycle;
    private final Totp totp;

    RecoveryController(StaffLifecycle lifecycle, Totp totp) {
        this.lifecycle = lifecycle;
        this.totp = totp;
    }

    @GetMapping("/recover")
    String form(Model model) {
        return render(model, RecoveryForm.empty(), totp.newSecret(), Map.of());
    }

    @PostMapping("/recover")
    String recover(@ModelAttribute RecoveryForm form, Model model, HttpServletResponse response) {
        var secret = form.totpSecret() != null && form.totpSecret().matches("[A-Z2-7]{16,64}")
                ? form.totpSecret()
                : totp.newSecret();
        try {
            var recovered = lifecycle.recover(new StaffLifecycle.Recovery(
                    form.organization(),
                    Forms.text(form.email()),
                    Forms.text(form.recoveryCode()),
                    Forms.text(form.password()),
                    Forms.text(form.passwordConfirmation()),
                    secret,
                    Forms.text(form.totpCode())));
            model.addAttribute("recoveryCode", recovered.recoveryCode().display());
            model.addAttribute(
                    "organization",
                    form.organization() == null || form.organization().isBlank()
                            ? null
                            : form.organization().strip());
            return "accounts/recovery";
        } catch (InvalidInput e) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            return render(model, form, secret, e.fieldErrors());
        } catch (LoginFailed e) {
            response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
            return render(model, form, secret, Map.of("recoveryCode", "login.throttled"));
        }
    }

    private String render(Model model, RecoveryForm form, String secret, Map<String, String> errors) {
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute(
                "enrolment",
                totp.enrolment(secret, form.email() == null || form.email().isBlank() ? "staff" : form.email()));
        return "accounts/recover";
    }
}
