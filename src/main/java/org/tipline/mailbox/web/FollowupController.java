package org.tipline.mailbox.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.core.io.InputStreamResource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseCookie;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.tipline.accounts.AccountsProperties;
import org.tipline.channels.Channels;
import org.tipline.mailbox.Mailbox;
import org.tipline.mailbox.MailboxAccess;
import org.tipline.mailbox.ReceiptRejected;
import org.tipline.mailbox.ReporterPages;
import org.tipline.reports.Uploads;
import org.tipline.shared.Downloads;
import org.tipline.shared.InvalidInput;
import org.tipline.shared.TooManyRequests;

/**
 * The reporter's follow-up pages: the receipt is typed once, then a visit cookie (HttpOnly,
 * SameSite=Strict, path {@code /followup}, no expiry date) carries the visit. Forms carry a token
 * bound to the visit.
 */
@Controller
class FollowupController {

    static final String COOKIE = Mailbox.VISIT_COOKIE;

    private final Mailbox mailbox;
    private final Uploads uploads;
    private final boolean secure;
    private final ReporterPages pages;
    private final Channels channels;
    private final java.util.List<org.tipline.mailbox.ReporterRequests> requests;

    FollowupController(
            Mailbox mailbox,
            Uploads uploads,
            AccountsProperties accounts,
            ReporterPages pages,
            Channels channels,
            java.util.List<org.tipline.mailbox.ReporterRequests> requests) {
        this.requests = requests;
        this.pages = pages;
        this.channels = channels;
        this.mailbox = mailbox;
        this.uploads = uploads;
        this.secure = accounts.secureCookie();
    }

    @GetMapping("/followup")
    String page(HttpServletRequest request, Model model) {
        var cookie = cookie(request);
        var access = mailbox.visit(cookie);
        if (access.isEmpty()) {
            pages.safety(model);
            return "mailbox/followup-login";
        }
        return thread(access.get(), cookie, model, Map.of());
    }

    @PostMapping("/followup")
    String open(@RequestParam(required = false) @Nullable String receipt, HttpServletResponse response, Model model) {
        try {
            var access = mailbox.open(receipt == null ? "" : receipt);
            response.addHeader(HttpHeaders.SET_COOKIE, cookie(mailbox.startVisit(access), false));
            return "redirect:/followup";
        } catch (ReceiptRejected e) {
            response.setStatus(HttpStatus.UNAUTHORIZED.value());
            model.addAttribute("rejected", true);
            pages.safety(model);
            return "mailbox/followup-login";
        }
    }

    /**
     * A reply with files. Nothing of the body is read unless the visit is alive, and no file is
     * read unless the form's token, which comes first in the form, matches the visit.
     */
    @PostMapping("/followup/messages")
    String reply(HttpServletRequest request, HttpServletResponse response, Model model) {
        var cookie = cookie(request);
        var access = mailbox.visit(cookie).orElse(null);
        if (access == null) {
            return expired(response, model);
        }
        try (var upload = uploads.read(request, fields -> {
            var token = fields.getOrDefault("_token", List.of());
            if (token.size() != 1 || !validToken(cookie, token.getFirst())) {
                throw new VisitNotConfirmed();
            }
        })) {
            try {
                mailbox.reply(access, upload.field("message"), upload);
                return "redirect:/followup?sent";
            } catch (InvalidInput e) {
                response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
                model.addAttribute("draft", upload.field("message"));
                return thread(access, cookie, model, e.fieldErrors());
            }
        } catch (VisitNotConfirmed e) {
            return expired(response, model);
        }
    }

    /** The login page after an ended visit, with the safety advice every reporter page gives. */
    private String expired(HttpServletResponse response, Model model) {
        response.setStatus(HttpStatus.FORBIDDEN.value());
        model.addAttribute("expired", true);
        pages.safety(model);
        return "mailbox/followup-login";
    }

    /** A reply whose form token does not belong to the visit. */
    private static final class VisitNotConfirmed extends RuntimeException {
        VisitNotConfirmed() {
            super("The form does not belong to this visit", null, false, false);
        }
    }

    @GetMapping("/followup/attachments/{id}")
    ResponseEntity<InputStreamResource> attachment(@PathVariable UUID id, HttpServletRequest request) {
        var access = mailbox.visit(cookie(request)).orElseThrow(() -> new NoSuchElementException("No visit"));
        var opened = mailbox.attachment(access, id);
        return Downloads.attachment(
                opened.attachment().name(), opened.attachment().size(), opened.content());
    }

    @PostMapping("/followup/leave")
    String leave(
            @RequestParam(name = "_token", required = false) @Nullable String token,
            HttpServletRequest request,
            HttpServletResponse response) {
        var cookie = cookie(request);
        if (cookie != null && validToken(cookie, token)) {
            mailbox.endVisit(cookie);
        }
        response.addHeader(HttpHeaders.SET_COOKIE, cookie("", true));
        return "redirect:/followup";
    }

    @ExceptionHandler(TooManyRequests.class)
    String throttled(HttpServletResponse response, Model model) {
        response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
        response.setHeader(HttpHeaders.RETRY_AFTER, "60");
        model.addAttribute("throttled", true);
        pages.safety(model);
        return "mailbox/followup-login";
    }

    private String thread(MailboxAccess access, @Nullable String cookie, Model model, Map<String, String> errors) {
        var view = mailbox.view(access);
        model.addAttribute("view", view);
        model.addAttribute(
                "requests",
                requests.stream()
                        .map(source -> source.shown(access))
                        .filter(shown -> shown.count() > 0)
                        .toList());
        channels.find(view.report().channel())
                .ifPresentOrElse(channel -> pages.describe(channel, model), () -> pages.safety(model));
        model.addAttribute("token", mailbox.visitFormToken(cookie));
        model.addAttribute("errors", errors);
        if (!model.containsAttribute("draft")) {
            model.addAttribute("draft", "");
        }
        return "mailbox/followup";
    }

    private boolean validToken(@Nullable String cookie, @Nullable String token) {
        return cookie != null
                && token != null
                && MessageDigest.isEqual(
                        mailbox.visitFormToken(cookie).getBytes(StandardCharsets.US_ASCII),
                        token.getBytes(StandardCharsets.US_ASCII));
    }

    private String cookie(String value, boolean clear) {
        var builder = ResponseCookie.from(COOKIE, value)
                .httpOnly(true)
                .secure(secure)
                .sameSite("Strict")
                .path("/followup");
        if (clear) {
            builder.maxAge(0);
        }
        return builder.build().toString();
    }

    private static @Nullable String cookie(HttpServletRequest request) {
        return Mailbox.visitCookie(request);
    }
}
