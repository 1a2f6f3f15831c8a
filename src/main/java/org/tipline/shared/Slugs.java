package org.tipline.shared;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The short names in web addresses (organisations, channels): lower-case ASCII letters, digits and
 * inner hyphens, at most 63 characters, so that they survive being printed on a poster and typed.
 */
public final class Slugs {

    private static final Pattern SLUG = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?");

    private Slugs() {}

    /** Returns whether {@code value} is a well-formed slug. */
    public static boolean isValid(String value) {
        return SLUG.matcher(value).matches();
    }

    /** Derives a slug from a name ("Städtische Werke" → "stadtische-werke"); empty when nothing is left. */
    public static String derive(String name) {
        var ascii = Normalizer.normalize(name, Normalizer.Form.NFKD)
                .replaceAll("\\p{M}", "")
                .toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9]+", "-")
                .replaceAll("^-+|-+$", "");
        if (ascii.length() > 63) {
            ascii = ascii.substring(0, 63).replaceAll("-+$", "");
        }
        return ascii;
    }
}
