package org.tipline.notifications.web;

import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.tipline.notifications.Notifications;
import org.tipline.shared.InvalidInput;
import org.tipline.shared.StaffPrincipal;

/** The caller's notification preference for API clients. */
@RestController
class NotificationsApiController {

    record Preference(@Nullable String delivery) {}

    private final Notifications notifications;

    NotificationsApiController(Notifications notifications) {
        this.notifications = notifications;
    }

    @GetMapping("/api/v1/notifications/preference")
    Preference get(@AuthenticationPrincipal StaffPrincipal me) {
        return new Preference(notifications.delivery(me).name());
    }

    @PutMapping("/api/v1/notifications/preference")
    Preference set(@AuthenticationPrincipal StaffPrincipal me, @RequestBody Preference request) {
        var delivery = NotificationsController.parse(request.delivery());
        if (delivery == null) {
            throw new InvalidInput(Map.of("delivery", "error.notifications.delivery"));
        }
        notifications.setDelivery(me, delivery);
        return get(me);
    }
}
