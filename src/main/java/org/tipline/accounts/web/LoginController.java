package org.tipline.accounts.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.tipline.accounts.AccountsProperties;
import org.tipline.accounts.LoginFailed;
import org.tipline.accounts.Setup;
import org.tipline.accounts.StaffLogin;
import org.tipline.accounts.internal.SessionCookie;
import org.tipline.shared.StaffPrincipal;

/** Staff login and logout pages. */
@Controller
class LoginController {

    record LoginForm(
            @Nullable String organization,
            @Nullable String email,
            @Nullable String password,
            @Nullable String totpCode) {
        @Override
        public String toString() {
            return "LoginForm[redacted]";
        }
    }

    private final StaffLogin login;
    private final Setup setup;
    private final AccountsProperties properties;

    LoginController(StaffLogin login, Setup setup, AccountsProperties properties) {
        this.login = login;
        this.setup = setup;
        this.properties = properties;
    }

    @GetMapping("/login")
    String form(@RequestParam(required = false) @Nullable String organization, Model model) {
        if (setup.isOpen()) {
            return "redirect:/setup";
        }
        model.addAttribute("organization", organization == null ? "" : organization);
        model.addAttribute("email", "");
        return "accounts/login";
    }

    @PostMapping("/login")
    String login(@ModelAttribute LoginForm form, Model model, HttpServletResponse response) {
        try {
            var loggedIn = login.login(
                    form.organization(),
                    Forms.text(form.email()),
                    Forms.text(form.password()),
                    Forms.text(form.totpCode()));
            response.addHeader(
                    HttpHeaders.SET_COOKIE,
                    SessionCookie.set(loggedIn.token(), properties.absoluteTimeout(), properties.secureCookie()));
            return "redirect:/cases";
        } catch (LoginFailed e) {
            response.setStatus(e.throttled() ? HttpStatus.TOO_MANY_REQUESTS.value() : HttpStatus.UNAUTHORIZED.value());
            model.addAttribute("failed", !e.throttled());
            model.addAttribute("throttled", e.throttled());
            model.addAttribute("organization", Forms.text(form.organization()));
            model.addAttribute("email", Forms.text(form.email()));
            return "accounts/login";
        }
    }

    @PostMapping("/logout")
    String logout(
            @AuthenticationPrincipal StaffPrincipal staff, HttpServletRequest request, HttpServletResponse response) {
        var token = SessionCookie.token(request);
        if (token != null) {
            login.logout(staff, token);
        }
        response.addHeader(HttpHeaders.SET_COOKIE, SessionCookie.clear(properties.secureCookie()));
        return "redirect:/login";
    }
}
