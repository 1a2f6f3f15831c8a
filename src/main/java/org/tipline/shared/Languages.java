package org.tipline.shared;

import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** The languages Tipline speaks, and how a request picks one. */
public final class Languages {

    /** The request parameter that chooses a language explicitly. */
    public static final String PARAMETER = "lang";

    /** The supported locales, the first being the default. */
    public static final List<Locale> SUPPORTED =
            List.of(Locale.ENGLISH, Locale.SIMPLIFIED_CHINESE, Locale.forLanguageTag("ar"));

    /** The language tags of {@link #SUPPORTED}. */
    public static final List<String> SUPPORTED_TAGS =
            SUPPORTED.stream().map(Locale::toLanguageTag).toList();

    private Languages() {}

    /** Returns whether pages in {@code tag} are written right to left. */
    public static boolean isRightToLeft(String tag) {
        return tag.equals("ar") || tag.startsWith("ar-");
    }

    /** Returns whether {@code tag} names a supported language. */
    public static boolean isSupported(String tag) {
        return SUPPORTED_TAGS.stream().anyMatch(supported -> supported.equalsIgnoreCase(tag));
    }

    /** The languages of staff pages: every supported one but those written for reporters only. */
    public static final List<Locale> STAFF = List.of(Locale.ENGLISH, Locale.SIMPLIFIED_CHINESE);

    /** Picks the explicit choice if supported, else the best match of {@code Accept-Language}, else English. */
    public static Locale resolve(@Nullable String explicit, @Nullable String acceptLanguage) {
        return resolve(explicit, acceptLanguage, SUPPORTED);
    }

    /** Picks as {@link #resolve(String, String)} does, among {@code offered} only. */
    public static Locale resolve(@Nullable String explicit, @Nullable String acceptLanguage, List<Locale> offered) {
        var chosen = pick(explicit, acceptLanguage);
        return offered.contains(chosen) ? chosen : Locale.ENGLISH;
    }

    private static Locale pick(@Nullable String explicit, @Nullable String acceptLanguage) {
        if (explicit != null) {
            for (var locale : SUPPORTED) {
                if (locale.toLanguageTag().equalsIgnoreCase(explicit)) {
                    return locale;
                }
            }
        }
        if (acceptLanguage != null && !acceptLanguage.isBlank() && acceptLanguage.length() < 500) {
            try {
                var ranges = Locale.LanguageRange.parse(acceptLanguage);
                var match = Locale.lookup(ranges, SUPPORTED);
                if (match != null) {
                    return match;
                }
                for (var range : ranges) {
                    if (range.getRange().toLowerCase(Locale.ROOT).startsWith("zh")) {
                        return Locale.SIMPLIFIED_CHINESE;
                    }
                    if (range.getRange().toLowerCase(Locale.ROOT).startsWith("en")) {
                        return Locale.ENGLISH;
                    }
                    if (range.getRange().toLowerCase(Locale.ROOT).startsWith("ar")) {
                        return SUPPORTED.get(2);
                    }
                }
            } catch (IllegalArgumentException e) {
                // a malformed header is ignored
            }
        }
        return Locale.ENGLISH;
    }
}
