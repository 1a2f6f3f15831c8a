package org.tipline.publishing;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the public account ({@code tipline.publishing.*}).
 *
 * @param pageCache how long a rendered public page or feed is served from memory; a change to a
 *     post clears them at once, so this bounds only how late a scheduled post or a renamed channel
 *     shows (0: every request renders)
 */
@ConfigurationProperties("tipline.publishing")
public record PublishingProperties(@DefaultValue("10s") Duration pageCache) {}
