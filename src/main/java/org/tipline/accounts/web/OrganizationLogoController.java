package org.tipline.accounts.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.util.Map;
import java.util.NoSuchElementException;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseBody;
import org.tipline.accounts.Organizations;
import org.tipline.shared.InvalidInput;
import org.tipline.shared.Role;
import org.tipline.shared.StaffMultipart;
import org.tipline.shared.StaffPrincipal;

/**
 * The organisation page of an admin ({@code /organization}: its name, addresses and the logo
 * reporter pages show), and the logo itself at {@code /o/<organisation>/logo}.
 *
 * <p>The upload is a multipart form, which Spring Security's CSRF filter cannot read without
 * buffering the body; so this one path checks the form's token itself, as the first part, before
 * it reads the file (cross-site posts are refused earlier by the same-origin filter anyway).
 */
@Controller
class OrganizationLogoController {

    /** The path whose anti-forgery token is checked here, not by the filter. */
    static final String UPLOAD = "/organization/logo";

    /** The largest logo file, and the largest form around it. */
    private static final long MAX_FILE = 512 * 1024;

    private final Organizations organizations;

    OrganizationLogoController(Organizations organizations) {
        this.organizations = organizations;
    }

    @GetMapping("/o/{organization}/logo")
    @ResponseBody
    ResponseEntity<byte[]> logo(@PathVariable String organization) {
        var png = organizations.logo(organization).orElseThrow(() -> new NoSuchElementException("No logo"));
        // the address carries the logo's version, so each version may be cached for long
        return ResponseEntity.ok()
                .contentType(MediaType.IMAGE_PNG)
                .cacheControl(CacheControl.maxAge(Duration.ofDays(30)).cachePublic())
                .header("Content-Security-Policy", "default-src 'none'")
                .body(png);
    }

    @GetMapping("/organization")
    String page(@AuthenticationPrincipal StaffPrincipal admin, Model model) {
        admin.require(Role.ADMIN);
        return render(admin, model, Map.of());
    }

    @PostMapping(UPLOAD)
    String upload(
            @AuthenticationPrincipal StaffPrincipal admin,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        admin.require(Role.ADMIN);
        try {
            organizations.setLogo(admin, readLogo(request));
            return "redirect:/organization?saved";
        } catch (InvalidInput e) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            return render(admin, model, e.fieldErrors());
        }
    }

    @PostMapping(UPLOAD + "/removal")
    String remove(@AuthenticationPrincipal StaffPrincipal admin) {
        organizations.removeLogo(admin);
        return "redirect:/organization?saved";
    }

    private String render(StaffPrincipal admin, Model model, Map<String, String> errors) {
        model.addAttribute("organization", organizations.get(admin.organization()));
        model.addAttribute("errors", errors);
        return "accounts/organization";
    }

    /** Reads the form: its {@code _csrf} field first, checked against the session's, then the file. */
    private static byte[] readLogo(HttpServletRequest request) {
        var form =
                StaffMultipart.read(request, new StaffMultipart.Limits("logo", MAX_FILE, "error.logo.too-large"), true);
        if (form.file() == null) {
            throw new InvalidInput(Map.of("logo", "error.required"));
        }
        return form.file();
    }
}
