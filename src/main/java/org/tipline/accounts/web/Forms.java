package org.tipline.accounts.web;

import org.jspecify.annotations.Nullable;

/** Small helpers for form fields that may be missing from a request. */
final class Forms {

    private Forms() {}

    static String text(@Nullable String value) {
        return value == null ? "" : value;
    }
}
