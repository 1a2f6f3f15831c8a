package org.tipline.notifications.web;

import jakarta.servlet.http.HttpServletResponse;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.tipline.notifications.Delivery;
import org.tipline.notifications.Notifications;
import org.tipline.shared.StaffPrincipal;

/** The staff member's page for how they are told that a case needs them. */
@Controller
class NotificationsController {

    private final Notifications notifications;

    NotificationsController(Notifications notifications) {
        this.notifications = notifications;
    }

    @GetMapping("/notifications")
    String show(@AuthenticationPrincipal StaffPrincipal me, Model model) {
        model.addAttribute("delivery", notifications.delivery(me));
        model.addAttribute("choices", Delivery.values());
        return "notifications/preferences";
    }

    @PostMapping("/notifications")
    String save(
            @AuthenticationPrincipal StaffPrincipal me,
            @RequestParam(required = false) @Nullable String delivery,
            Model model,
            HttpServletResponse response) {
        var chosen = parse(delivery);
        if (chosen == null) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            model.addAttribute("invalid", true);
            return show(me, model);
        }
        notifications.setDelivery(me, chosen);
        return "redirect:/notifications?saved";
    }

    static @Nullable Delivery parse(@Nullable String value) {
        if (value == null) {
            return null;
        }
        try {
            return Delivery.valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
