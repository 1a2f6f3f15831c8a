package org.tipline.rewards.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.tipline.identity.Consents;
import org.tipline.mailbox.Mailbox;
import org.tipline.mailbox.MailboxAccess;
import org.tipline.mailbox.ReporterPages;
import org.tipline.mailbox.ReporterRequests;
import org.tipline.rewards.Reward;
import org.tipline.rewards.RewardClaims;
import org.tipline.shared.InvalidInput;
import org.tipline.shared.RequestRefused;
import org.tipline.shared.TooManyRequests;

/**
 * The reporter's side of rewards, without script: on their follow-up visit
 * ({@code /followup/rewards}) what was awarded, by when to claim it and how, and a claim code shown
 * once on asking; at {@code /claim}, whoever holds the code (the reporter or their proxy) sees what
 * claiming involves and claims or declines with the code alone — never the receipt.
 */
@Controller
class ReporterRewardsController implements ReporterRequests {

    private final Mailbox mailbox;
    private final RewardClaims claims;
    private final org.tipline.rewards.Certificates certificates;
    private final org.tipline.shared.PublicLinks links;
    private final ReporterPages pages;

    ReporterRewardsController(
            Mailbox mailbox,
            RewardClaims claims,
            org.tipline.rewards.Certificates certificates,
            org.tipline.shared.PublicLinks links,
            ReporterPages pages) {
        this.mailbox = mailbox;
        this.claims = claims;
        this.certificates = certificates;
        this.links = links;
        this.pages = pages;
    }

    @Override
    public Shown shown(MailboxAccess access) {
        var visible = claims.forReporter(access);
        var waiting = (int) visible.stream()
                .filter(reward -> reward.state() == Reward.State.NOTIFIED)
                .count();
        return waiting > 0
                ? new Shown(waiting, "/followup/rewards", "followup.rewards")
                : new Shown(visible.size(), "/followup/rewards", "followup.rewards.seen");
    }

    @GetMapping("/followup/rewards")
    String page(HttpServletRequest request, Model model) {
        var cookie = Mailbox.visitCookie(request);
        var access = mailbox.visit(cookie);
        if (access.isEmpty()) {
            return "redirect:/followup";
        }
        return render(access.get(), cookie, model, null, null);
    }

    @PostMapping("/followup/rewards/{id}/code")
    String code(
            HttpServletRequest request,
            @PathVariable UUID id,
            @RequestParam(name = "_token", required = false) @Nullable String token,
            HttpServletResponse response,
            Model model) {
        var cookie = Mailbox.visitCookie(request);
        var access = mailbox.visitPosting(cookie, token).orElse(null);
        if (access == null) {
            return "redirect:/followup";
        }
        try {
            var code = claims.issueCode(access, id);
            response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
            model.addAttribute("codeFor", id);
            return render(access, cookie, model, code.display(), null);
        } catch (NoSuchElementException e) {
            response.setStatus(404);
            return render(access, cookie, model, null, "error.page.not-found");
        }
    }

    @GetMapping("/followup/rewards/{id}/certificate.pdf")
    org.springframework.http.ResponseEntity<byte[]> certificate(
            HttpServletRequest request, @PathVariable UUID id, HttpServletResponse response) {
        var access = mailbox.visit(Mailbox.visitCookie(request)).orElse(null);
        if (access == null) {
            return org.springframework.http.ResponseEntity.status(303)
                    .header(HttpHeaders.LOCATION, "/followup")
                    .build();
        }
        var pdf = certificates.pdf(access, id, path -> links.link(request, path));
        return org.tipline.shared.Downloads.document(
                "certificate.pdf", org.springframework.http.MediaType.APPLICATION_PDF, pdf);
    }

    @GetMapping("/claim")
    String claimPage(Model model) {
        model.addAttribute("step", "code");
        return "rewards/claim";
    }

    @PostMapping("/claim")
    String offer(@RequestParam(required = false) @Nullable String code, HttpServletResponse response, Model model) {
        var typed = code == null ? "" : code;
        try {
            model.addAttribute("offer", claims.offer(typed));
            model.addAttribute("code", typed.strip());
            model.addAttribute("step", "claim");
        } catch (InvalidInput e) {
            response.setStatus(422);
            model.addAttribute("errors", e.fieldErrors());
            model.addAttribute("step", "code");
        } catch (TooManyRequests e) {
            response.setStatus(429);
            model.addAttribute("errors", Map.of("code", "error.claim.busy"));
            model.addAttribute("step", "code");
        }
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        return "rewards/claim";
    }

    @PostMapping("/claim/submit")
    String claim(
            @RequestParam(required = false) @Nullable String code,
            @RequestParam(required = false) @Nullable String account,
            @RequestParam(required = false) @Nullable String proxy,
            @RequestParam(required = false) @Nullable String name,
            @RequestParam(required = false) @Nullable String contact,
            @RequestParam(required = false) @Nullable String organization,
            @RequestParam(required = false) @Nullable String certificate,
            @RequestParam(required = false) @Nullable String displayName,
            @RequestParam(required = false) @Nullable String ceremony,
            @RequestParam(required = false) @Nullable String decline,
            java.util.Locale locale,
            HttpServletResponse response,
            Model model) {
        var typed = code == null ? "" : code;
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        try {
            if (decline != null) {
                claims.decline(typed);
                model.addAttribute("step", "declined");
            } else {
                claims.claim(
                        typed,
                        new RewardClaims.Claim(
                                account,
                                proxy,
                                name,
                                contact,
                                organization,
                                "yes".equals(certificate),
                                displayName,
                                "yes".equals(ceremony),
                                locale));
                model.addAttribute("step", "claimed");
            }
            return "rewards/claim";
        } catch (InvalidInput e) {
            response.setStatus(422);
            model.addAttribute("errors", e.fieldErrors());
        } catch (Consents.Missing e) {
            response.setStatus(e.status().value());
            model.addAttribute("errors", Map.of("ceremony", e.messageKey()));
        } catch (RequestRefused e) {
            response.setStatus(e.status().value());
            model.addAttribute("errors", Map.of("code", e.messageKey()));
        } catch (TooManyRequests e) {
            response.setStatus(429);
            model.addAttribute("errors", Map.of("code", "error.claim.busy"));
        }
        try {
            model.addAttribute("offer", claims.offer(typed));
            model.addAttribute("code", typed.strip());
            model.addAttribute("step", "claim");
            var typedBack = new java.util.HashMap<String, String>();
            typedBack.put("account", account == null ? "" : account);
            typedBack.put("proxy", proxy == null ? "" : proxy);
            typedBack.put("name", name == null ? "" : name);
            typedBack.put("contact", contact == null ? "" : contact);
            typedBack.put("organization", organization == null ? "" : organization);
            typedBack.put("displayName", displayName == null ? "" : displayName);
            model.addAttribute("form", typedBack);
        } catch (InvalidInput | TooManyRequests e) {
            model.addAttribute("step", "code");
        }
        return "rewards/claim";
    }

    private String render(
            MailboxAccess access,
            @Nullable String cookie,
            Model model,
            @Nullable String code,
            @Nullable String refused) {
        model.addAttribute("rewards", claims.forReporter(access));
        model.addAttribute("token", mailbox.visitFormToken(cookie));
        model.addAttribute("code", code);
        model.addAttribute("refused", refused);
        pages.safety(model);
        return "rewards/reporter-rewards";
    }
}
