package org.tipline.accounts.web;

import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import java.util.NoSuchElementException;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.tipline.accounts.Invitations;
import org.tipline.accounts.internal.Totp;
import org.tipline.shared.InvalidInput;

/** The page where an invited person creates their account. */
@Controller
class InvitationController {

    record AcceptForm(
            @Nullable String password,
            @Nullable String passwordConfirmation,
            @Nullable String totpSecret,
            @Nullable String totpCode) {
        @Override
        public String toString() {
            return "AcceptForm[redacted]";
        }
    }

    private final Invitations invitations;
    private final Totp totp;

    InvitationController(Invitations invitations, Totp totp) {
        this.invitations = invitations;
        this.totp = totp;
    }

    @GetMapping("/invite/{token}")
    String form(@PathVariable String token, Model model) {
        return render(token, model, totp.newSecret(), Map.of());
    }

    @PostMapping("/invite/{token}")
    String accept(
            @PathVariable String token, @ModelAttribute AcceptForm form, Model model, HttpServletResponse response) {
        var secret = form.totpSecret() != null && form.totpSecret().matches("[A-Z2-7]{16,64}")
                ? form.totpSecret()
                : totp.newSecret();
        try {
            var accepted = invitations.accept(
                    token,
                    new Invitations.Acceptance(
                            Forms.text(form.password()),
                            Forms.text(form.passwordConfirmation()),
                            secret,
                            Forms.text(form.totpCode())));
            model.addAttribute("recoveryCode", accepted.recoveryCode().display());
            model.addAttribute("organization", accepted.organizationSlug());
            return "accounts/recovery";
        } catch (InvalidInput e) {
            if (e.fieldErrors().containsKey("token")) {
                throw new NoSuchElementException("No such invitation");
            }
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            return render(token, model, secret, e.fieldErrors());
        }
    }

    private String render(String token, Model model, String secret, Map<String, String> errors) {
        var pending = invitations.pending(token).orElseThrow(() -> new NoSuchElementException("No such invitation"));
        model.addAttribute("token", token);
        model.addAttribute("pending", pending);
        model.addAttribute("errors", errors);
        model.addAttribute("enrolment", totp.enrolment(secret, pending.email()));
        return "accounts/invite";
    }
}
