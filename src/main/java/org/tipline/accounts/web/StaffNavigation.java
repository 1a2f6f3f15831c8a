package org.tipline.accounts.web;

import java.time.Clock;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.util.function.SingletonSupplier;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.tipline.accounts.internal.StaffAuthentication;
import org.tipline.audit.AuditLog;
import org.tipline.shared.Role;

/**
 * Puts what the page header needs about the logged-in staff member into every page's model; for
 * admins, how many integrity alerts the last 30 days brought, so that none goes unseen.
 *
 * <p>Implementation note: the advice also runs for the JSON API (a {@code @RestController} is a
 * {@code @Controller}), whose answers never show the header, so the alerts are counted only when a
 * page reads them, once per request.
 */
@ControllerAdvice(annotations = Controller.class)
class StaffNavigation {

    private static final Duration ALERT_WINDOW = Duration.ofDays(30);

    /** The header's view of the current staff member. */
    record View(
            String displayName,
            boolean admin,
            boolean editor,
            boolean custodian,
            boolean rewards,
            boolean operator,
            SingletonSupplier<Long> alerts) {

        /** How many integrity alerts the header shows; counted on first use. */
        public long integrityAlerts() {
            return alerts.obtain();
        }
    }

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
            var since = clock.instant().minus(ALERT_WINDOW);
            return new View(
                    staff.displayName(),
                    admin,
                    principal.has(Role.EDITOR),
                    principal.has(Role.CUSTODIAN),
                    principal.has(Role.SUPERVISOR)
                            || principal.has(Role.APPROVER)
                            || principal.has(Role.PAYOUT_OFFICER),
                    principal.has(Role.OPERATOR),
                    SingletonSupplier.of(() -> admin ? audit.countAlerts(principal.organization(), since) : 0L));
        }
        return null;
    }
}
