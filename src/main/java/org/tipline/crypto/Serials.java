package org.tipline.crypto;

/**
 * Serial numbers that are public but must not be guessed (a certificate's, printed on it and in its
 * QR code): 16 random Crockford base32 characters, 80 bits.
 */
public final class Serials {

    private Serials() {}

    /** Returns a fresh random serial number. */
    public static String generate() {
        return Crockford.random(16);
    }

    /** Returns the serial number {@code typed} as stored (upper case, 0 for O, 1 for I and L), or null if it is none. */
    public static @org.jspecify.annotations.Nullable String parse(String typed) {
        if (typed.length() > 40) {
            return null;
        }
        var normal = Crockford.normalise(typed);
        return normal != null && normal.length() == 16 ? normal : null;
    }
}
