package org.tipline.rewards.web;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.tipline.rewards.Certificates;

/**
 * The public page a certificate's QR code leads to ({@code /verify/{serial}}): whether the
 * certificate is valid or revoked, who issued it and when. Nothing of the reporter; no script.
 */
@Controller
class VerificationController {

    private final Certificates certificates;

    VerificationController(Certificates certificates) {
        this.certificates = certificates;
    }

    @GetMapping("/verify/{serial}")
    String verify(@PathVariable String serial, HttpServletResponse response, Model model) {
        var found = certificates.verify(serial);
        if (found.isEmpty()) {
            response.setStatus(404);
        }
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-cache");
        model.addAttribute("certificate", found.orElse(null));
        model.addAttribute(
                "grouped", found.map(v -> Certificates.grouped(v.serial())).orElse(null));
        return "rewards/verify";
    }
}
