package org.tipline.audit.web;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.tipline.audit.AuditLog;
import org.tipline.shared.Role;
import org.tipline.shared.StaffPrincipal;

/** The admin's audit page: the chain head and its anchor, integrity alerts, recent entries, a full check. */
@Controller
class AuditController {

    private final AuditLog audit;

    AuditController(AuditLog audit) {
        this.audit = audit;
    }

    @GetMapping("/audit")
    String show(@AuthenticationPrincipal StaffPrincipal admin, Model model) {
        admin.require(Role.ADMIN);
        return render(admin, model);
    }

    @PostMapping("/audit/verification")
    String verify(@AuthenticationPrincipal StaffPrincipal admin, Model model) {
        admin.require(Role.ADMIN);
        audit.chainPending();
        model.addAttribute("verification", audit.verify(admin.organization()));
        return render(admin, model);
    }

    private String render(StaffPrincipal admin, Model model) {
        model.addAttribute("chain", audit.state(admin.organization()));
        model.addAttribute("alerts", audit.alerts(admin.organization(), 20));
        model.addAttribute("entries", audit.recent(admin.organization(), 50));
        return "audit/audit";
    }
}
