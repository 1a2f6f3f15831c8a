package org.tipline.accounts.web;

import org.jspecify.annotations.Nullable;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.tipline.accounts.CurrentStaff;
import org.tipline.accounts.Role;

/** Puts what the page header needs about the logged-in staff member into every page's model. */
@ControllerAdvice(annotations = Controller.class)
class StaffNavigation {

    /** The header's view of the current staff member. */
    record View(String displayName, boolean admin) {}

    @ModelAttribute("staffNavigation")
    @Nullable
    View staffNavigation(@AuthenticationPrincipal @Nullable CurrentStaff staff) {
        return staff == null ? null : new View(staff.displayName(), staff.has(Role.ADMIN));
    }
}
