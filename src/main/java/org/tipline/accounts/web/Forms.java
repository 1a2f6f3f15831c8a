package org.tipline.accounts.web;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import org.tipline.accounts.Invitations;

/** Small helpers for form fields that may be missing from a request, and the links pages show. */
final class Forms {

    private Forms() {}

    static String text(@Nullable String value) {
        return value == null ? "" : value;
    }

    /** Returns the link of an invitation, shown once to whoever issued it. */
    static String invitationLink(HttpServletRequest request, Invitations.Issued issued) {
        return ServletUriComponentsBuilder.fromContextPath(request)
                .path("/invite/{token}")
                .buildAndExpand(issued.token())
                .toUriString();
    }
}
