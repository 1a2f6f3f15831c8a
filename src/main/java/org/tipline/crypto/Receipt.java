package org.tipline.crypto;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The reporter's only credential: 80 random bits, shown once.
 *
 * <p>Implementation notes (CRYPTO.md, key 5): letters receipts are 16 Crockford base32 symbols in
 * four groups ({@code 7KQM-2XPD-9HRT-4WCN}); digits receipts, for telephone channels, are 24
 * decimal digits (79.7 bits). The server keeps only {@link ServerSecrets#receiptLookup an HMAC of
 * it} for lookup, and a copy of the report key wrapped under {@link #deriveKey HKDF(receipt,
 * salt)}. Eighty bits make offline guessing hopeless even with a fast KDF, so a submission stays
 * cheap; online guessing is throttled. The value never appears in {@link #toString()}.
 */
public final class Receipt {

    /** How a channel shows its receipts. */
    public enum Format {
        LETTERS,
        DIGITS
    }

    private static final int LETTERS = 16;
    private static final int DIGITS = 24;

    private final String canonical;

    private Receipt(String canonical) {
        this.canonical = canonical;
    }

    /** Returns a fresh random receipt in {@code format}. */
    public static Receipt generate(Format format) {
        return switch (format) {
            case LETTERS -> new Receipt(Crockford.random(LETTERS));
            case DIGITS -> {
                var random = Randomness.source();
                var digits = new StringBuilder(DIGITS);
                for (int i = 0; i < DIGITS; i++) {
                    digits.append((char) ('0' + random.nextInt(10)));
                }
                yield new Receipt(digits.toString());
            }
        };
    }

    /**
     * Reads a receipt as a person typed it: any case, with or without spaces and hyphens, with
     * I/L for 1 and O for 0. Returns empty when it cannot be a receipt.
     */
    public static Optional<Receipt> parse(String input) {
        if (input.length() > 64) {
            return Optional.empty();
        }
        var normal = Crockford.normalise(input);
        if (normal == null) {
            return Optional.empty();
        }
        if (normal.length() == LETTERS
                || (normal.length() == DIGITS && normal.chars().allMatch(Character::isDigit))) {
            return Optional.of(new Receipt(normal));
        }
        return Optional.empty();
    }

    /** Returns the receipt for showing to its reporter, once: grouped for reading and copying. */
    public String display() {
        return canonical.length() == LETTERS ? Crockford.group(canonical, 4, '-') : Crockford.group(canonical, 4, ' ');
    }

    /** Derives the key that wraps a report key for this receipt, with a per-report salt. */
    public ContentKey deriveKey(byte[] salt) {
        return ContentKey.derive(bytes(), salt, "tipline/receipt-key/v1");
    }

    byte[] bytes() {
        return canonical.getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Receipt that && java.security.MessageDigest.isEqual(bytes(), that.bytes());
    }

    @Override
    public int hashCode() {
        return canonical.hashCode();
    }

    @Override
    public String toString() {
        return "Receipt[redacted]";
    }
}
