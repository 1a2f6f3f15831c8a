package org.tipline.accounts;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Account settings, {@code tipline.accounts.*}.
 *
 * @param idleTimeout a session ends after this long without a request
 * @param absoluteTimeout a session ends this long after login, whatever happens
 * @param secureCookie send the session cookie over HTTPS only (browsers treat localhost as secure)
 * @param invitationValidity how long an invitation link works
 * @param loginAttempts failed logins allowed per address within {@code loginWindow}
 * @param loginWindow the window of {@code loginAttempts}
 */
@ConfigurationProperties("tipline.accounts")
public record AccountsProperties(
        @DefaultValue("30m") Duration idleTimeout,
        @DefaultValue("12h") Duration absoluteTimeout,
        @DefaultValue("true") boolean secureCookie,
        @DefaultValue("7d") Duration invitationValidity,
        @DefaultValue("5") int loginAttempts,
        @DefaultValue("15m") Duration loginWindow) {}
