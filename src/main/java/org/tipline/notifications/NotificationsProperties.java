package org.tipline.notifications;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of staff notifications ({@code tipline.notifications.*}); mail itself is Spring Boot's
 * {@code spring.mail.*}, and without {@code spring.mail.host} nothing is sent.
 *
 * @param from the sender address of the mails
 * @param digestCron when the daily digest goes out, in the server's zone
 */
@ConfigurationProperties("tipline.notifications")
public record NotificationsProperties(
        @DefaultValue("tipline@localhost") String from,
        @DefaultValue("0 0 7 * * *") String digestCron) {}
