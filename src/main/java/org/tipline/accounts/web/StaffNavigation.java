package org.tipline.accounts.web;

import java.time.Clock;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.tipline.accounts.internal.StaffAuthentication;
import org.tipline.audit.AuditLog;
import org.tipline.shared.Role;

/**
 * Puts what the page header needs about the logged-in staff member into every page's model; for
 * admins, how many integrity alerts the last 30 days brought, so that none goes unseen.
 */
@ControllerAdvice(annotations = Controller.class)
class StaffNavigation {

    private static final Duration ALERT_WINDOW = Duration.ofDays(30);

    /** The header's view of the current staff member. */
    record View(String displayName, boolean admin, boolean operator, long integrityAlerts) {}

    private final AuditLog audit;
    private final Clock clock;

    StaffNavigation(AuditLog audit, Clock clock) {
        this.audit = audit;
        this.clock = clock;
    }

    @ModelAttribute("staffNavigation")
    @Nullable
    View staffNavigation() {
        if (SecurityContextHolder.getContext().getAuthentication() instanceof StaffAuthentication staff) {
            var principal = staff.getPrincipal();
            var admin = principal.has(Role.ADMIN);
            return new View(
                    staff.displayName(),
                    admin,
                    principal.has(Role.OPERATOR),
                    admin
                            ? audit.countAlerts(
                                    principal.organization(), clock.instant().minus(ALERT_WINDOW))
                            : 0);
        }
        return null;
    }
}
