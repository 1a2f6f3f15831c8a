package org.tipline.shared;

import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Builds the absolute links that Tipline hands out (invitation links, later posters): from the
 * configured public base URL, so that a request's {@code Host} header cannot point them elsewhere;
 * from the request only when none is configured.
 */
@Component
public class PublicLinks {

    private static final Logger log = LoggerFactory.getLogger(PublicLinks.class);

    private final WebProperties properties;

    PublicLinks(WebProperties properties) {
        this.properties = properties;
        if (properties.publicBaseUrl() == null) {
            log.warn("tipline.web.public-base-url is not set: links Tipline builds follow each request's Host header");
        }
    }

    /**
     * Returns the absolute link of {@code path} from the configured public base URL, for messages
     * sent outside any request (e-mails); empty when none is configured.
     */
    public java.util.Optional<String> link(String path, Object... variables) {
        var base = properties.publicBaseUrl();
        return base == null
                ? java.util.Optional.empty()
                : java.util.Optional.of(UriComponentsBuilder.fromUri(base)
                        .path(path)
                        .buildAndExpand(variables)
                        .encode()
                        .toUriString());
    }

    /** Returns the absolute link of {@code path} (which may hold {@code {}} variables) with {@code variables} filled in. */
    public String link(HttpServletRequest request, String path, Object... variables) {
        var base = properties.publicBaseUrl();
        var builder = base == null
                ? ServletUriComponentsBuilder.fromContextPath(request)
                : UriComponentsBuilder.fromUri(base);
        return builder.path(path).buildAndExpand(variables).encode().toUriString();
    }
}
