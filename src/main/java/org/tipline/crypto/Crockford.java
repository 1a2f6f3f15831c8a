package org.tipline.crypto;

import java.util.Locale;

/**
 * Crockford's base32 (https://www.crockford.com/base32.html): case-insensitive, no I, L, O or U,
 * so that codes survive being read aloud or copied by hand.
 */
final class Crockford {

    static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    private Crockford() {}

    /** Returns {@code count} random symbols (5 bits each). */
    static String random(int count) {
        var random = Randomness.source();
        var out = new StringBuilder(count);
        for (int i = 0; i < count; i++) {
            out.append(ALPHABET.charAt(random.nextInt(32)));
        }
        return out.toString();
    }

    /**
     * Normalises typed input: drops spaces and hyphens, upper-cases, reads I and L as 1 and O as 0.
     * Returns null when a character is outside the alphabet.
     */
    static String normalise(String input) {
        var out = new StringBuilder(input.length());
        for (char c : input.toUpperCase(Locale.ROOT).toCharArray()) {
            switch (c) {
                case ' ', '-', '\t' -> {}
                case 'I', 'L' -> out.append('1');
                case 'O' -> out.append('0');
                default -> {
                    if (ALPHABET.indexOf(c) < 0) {
                        return null;
                    }
                    out.append(c);
                }
            }
        }
        return out.toString();
    }

    /** Splits {@code symbols} into groups of {@code size} joined by {@code separator}. */
    static String group(String symbols, int size, char separator) {
        var out = new StringBuilder();
        for (int i = 0; i < symbols.length(); i += size) {
            if (i > 0) {
                out.append(separator);
            }
            out.append(symbols, i, Math.min(symbols.length(), i + size));
        }
        return out.toString();
    }
}
