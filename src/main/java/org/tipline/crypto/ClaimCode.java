package org.tipline.crypto;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * A reward's claim code: 20 random Crockford base32 characters (100 bits), shown to the reporter in
 * their mailbox and typed back to claim, once. It is not a receipt: its length differs from both
 * receipt formats, so one is never read as the other. Stored only as a lookup tag.
 */
public final class ClaimCode {

    private static final int LENGTH = 20;

    private final String canonical;

    private ClaimCode(String canonical) {
        this.canonical = canonical;
    }

    /** Returns a fresh random claim code. */
    public static ClaimCode generate() {
        return new ClaimCode(Crockford.random(LENGTH));
    }

    /**
     * Reads a claim code as a person typed it: any case, with or without spaces and hyphens, with
     * I/L for 1 and O for 0. Returns empty when it cannot be one.
     */
    public static Optional<ClaimCode> parse(String input) {
        if (input.length() > 64) {
            return Optional.empty();
        }
        var normal = Crockford.normalise(input);
        return normal != null && normal.length() == LENGTH ? Optional.of(new ClaimCode(normal)) : Optional.empty();
    }

    /** Returns the code for showing to its reporter: grouped by five for reading and copying. */
    public String display() {
        return Crockford.group(canonical, 5, '-');
    }

    /** Returns the bytes a lookup tag is made of. */
    public byte[] bytes() {
        return canonical.getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ClaimCode code && code.canonical.equals(canonical);
    }

    @Override
    public int hashCode() {
        return canonical.hashCode();
    }

    @Override
    public String toString() {
        return "ClaimCode[redacted]";
    }
}
