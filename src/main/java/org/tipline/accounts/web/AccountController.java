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
import org.tipline.accounts.LoginFailed;
import org.tipline.accounts.StaffDirectory;
import org.tipline.accounts.StaffLifecycle;
import org.tipline.accounts.internal.SessionCookie;
import org.tipline.crypto.Keyring;
import org.tipline.shared.InvalidInput;
import org.tipline.shared.StaffPrincipal;

/** A staff member's own account: who they are, their key's fingerprint, and a password change. */
@Controller
class AccountController {

    record PasswordForm(
            @Nullable String currentPassword,
            @Nullable String newPassword,
            @Nullable String newPasswordConfirmation) {
        @Override
        public String toString() {
            return "PasswordForm[redacted]";
        }
    }

    private final StaffDirectory directory;
    private final StaffLifecycle lifecycle;

    AccountController(StaffDirectory directory, StaffLifecycle lifecycle) {
        this.directory = directory;
        this.lifecycle = lifecycle;
    }

    @GetMapping("/account")
    String account(@AuthenticationPrincipal StaffPrincipal staff, Model model) {
        return render(staff, model, Map.of());
    }

    @PostMapping("/account/password")
    String changePassword(
            @AuthenticationPrincipal StaffPrincipal staff,
            Keyring keyring,
            @ModelAttribute PasswordForm form,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        try {
            lifecycle.changePassword(
                    keyring,
                    SessionCookie.token(request),
                    Forms.text(form.currentPassword()),
                    Forms.text(form.newPassword()),
                    Forms.text(form.newPasswordConfirmation()));
            return "redirect:/account?changed";
        } catch (InvalidInput e) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            return render(staff, model, e.fieldErrors());
        } catch (LoginFailed e) {
            response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
            return render(staff, model, Map.of("currentPassword", "login.throttled"));
        }
    }

    private String render(StaffPrincipal staff, Model model, Map<String, String> errors) {
        model.addAttribute(
                "member", directory.find(staff.organization(), staff.id()).orElseThrow());
        model.addAttribute("errors", errors);
        return "accounts/account";
    }
}
