package org.tipline.crypto;

import java.util.Base64;
import org.jspecify.annotations.Nullable;

/**
 * What a client holds for a server-side session (CRYPTO.md, key 2): 16 random bytes that find the
 * row (only their HMAC is stored) and a 32-byte session key that opens what the row seals.
 * Written {@code base64url(id) "." base64url(key)}; never printed.
 */
public final class SessionToken {

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final byte[] id;
    private final ContentKey key;

    private SessionToken(byte[] id, ContentKey key) {
        this.id = id;
        this.key = key;
    }

    /** Returns a fresh token. */
    public static SessionToken generate() {
        return new SessionToken(Randomness.bytes(16), ContentKey.generate());
    }

    /** Reads a token as the client sent it; null when it cannot be one. */
    public static @Nullable SessionToken parse(@Nullable String encoded) {
        if (encoded == null || encoded.length() > 200) {
            return null;
        }
        int dot = encoded.indexOf('.');
        if (dot < 0) {
            return null;
        }
        try {
            var id = DECODER.decode(encoded.substring(0, dot));
            var key = DECODER.decode(encoded.substring(dot + 1));
            return id.length == 16 && key.length == ContentKey.LENGTH
                    ? new SessionToken(id, ContentKey.fromBytes(key))
                    : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Returns the random id, which the server looks up by its HMAC. */
    public byte[] id() {
        return id.clone();
    }

    /** Returns the session key. */
    public ContentKey key() {
        return key;
    }

    /** Returns the form the client keeps (cookie value or bearer token). */
    public String encoded() {
        return ENCODER.encodeToString(id) + "." + ENCODER.encodeToString(key.toBytes());
    }

    @Override
    public String toString() {
        return "SessionToken[redacted]";
    }
}
