package org.tipline.accounts.web;

import org.jspecify.annotations.Nullable;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.tipline.accounts.internal.StaffAuthentication;
import org.tipline.shared.Role;

/** Puts what the page header needs about the logged-in staff member into every page's model. */
@ControllerAdvice(annotations = Controller.class)
class StaffNavigation {

    /** The header's view of the current staff member. */
    record View(String displayName, boolean admin, boolean operator) {}

    @ModelAttribute("staffNavigation")
    @Nullable
    View staffNavigation() {
        if (SecurityContextHolder.getContext().getAuthentication() instanceof StaffAuthentication staff) {
            var principal = staff.getPrincipal();
            return new View(staff.displayName(), principal.has(Role.ADMIN), principal.has(Role.OPERATOR));
        }
        return null;
    }
}
