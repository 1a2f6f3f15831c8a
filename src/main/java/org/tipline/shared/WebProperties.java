package org.tipline.shared;

import java.net.URI;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Web settings, {@code tipline.web.*}.
 *
 * @param publicBaseUrl where people reach this installation, e.g. {@code https://tips.example.org};
 *     the links Tipline builds (invitations) start with it, and form posts must come from its
 *     origin. When unset, both follow the request (with {@code server.forward-headers-strategy},
 *     the proxy's forwarded headers).
 * @param maxBodySize the largest body other than multipart (JSON, forms)
 * @param maxFormParameters the most parameters a form or query string may have
 * @param bodyRateGrace how long a request body may arrive at any pace
 * @param minBodyRate after that, how many bytes a second it must average, or it is cut off (408)
 * @param onionAddress the installation's Tor onion service, e.g. {@code http://abc…xyz.onion}; when
 *     set, reporter pages name it and send an {@code Onion-Location} header so Tor Browser offers it
 * @param timeZone the zone pages show times in (each time is shown with it)
 */
@ConfigurationProperties("tipline.web")
public record WebProperties(
        @Nullable URI publicBaseUrl,
        @DefaultValue("2MB") DataSize maxBodySize,
        @DefaultValue("1000") int maxFormParameters,
        @DefaultValue("30s") Duration bodyRateGrace,
        @DefaultValue("1KB") DataSize minBodyRate,
        @Nullable URI onionAddress,
        @DefaultValue("UTC") java.time.ZoneId timeZone) {

    public WebProperties {
        if (publicBaseUrl != null
                && (publicBaseUrl.getScheme() == null
                        || !publicBaseUrl.getScheme().matches("https?")
                        || publicBaseUrl.getHost() == null
                        || publicBaseUrl.getRawQuery() != null
                        || publicBaseUrl.getRawFragment() != null)) {
            throw new IllegalArgumentException("tipline.web.public-base-url must be an http(s) address without query");
        }
        if (onionAddress != null
                && (onionAddress.getScheme() == null
                        || !onionAddress.getScheme().matches("https?")
                        || onionAddress.getHost() == null
                        || !onionAddress.getHost().endsWith(".onion")
                        || onionAddress.getRawQuery() != null
                        || onionAddress.getRawFragment() != null
                        || !(onionAddress.getRawPath() == null
                                || onionAddress.getRawPath().isEmpty()
                                || onionAddress.getRawPath().equals("/")))) {
            throw new IllegalArgumentException(
                    "tipline.web.onion-address must be http(s)://<name>.onion without path or query");
        }
    }
}
