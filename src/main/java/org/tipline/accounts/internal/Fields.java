package org.tipline.accounts.internal;

import java.util.Map;
import java.util.regex.Pattern;

/** Checks of the plain-text fields of accounts: names and e-mail addresses. */
public final class Fields {

    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]{1,255}");

    private Fields() {}

    /** Adds an error for {@code field} unless {@code value} is a usable e-mail address. */
    public static void email(String field, String value, Map<String, String> errors) {
        if (value.isBlank()) {
            errors.put(field, "error.required");
        } else if (value.length() > 320
                || !EMAIL.matcher(value).matches()
                || value.chars().anyMatch(Character::isISOControl)) {
            errors.put(field, "error.email.invalid");
        }
    }

    /** Adds an error for {@code field} unless {@code value} is a non-blank text of at most {@code max}. */
    public static void text(String field, String value, int max, Map<String, String> errors) {
        if (value.isBlank()) {
            errors.put(field, "error.required");
        } else if (value.length() > max) {
            errors.put(field, "error.too-long");
        } else if (value.chars().anyMatch(c -> Character.isISOControl(c))) {
            errors.put(field, "error.control-characters");
        }
    }
}
