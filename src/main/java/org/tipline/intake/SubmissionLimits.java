package org.tipline.intake;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.tipline.channels.ChannelId;
import org.tipline.shared.Throttle;
import org.tipline.shared.TooManyRequests;

/**
 * Abuse without tracking: how many reports one source may send to one channel, and the optional
 * proof of work asked of API clients.
 *
 * <p>A source is known only as HMAC(key, channel, address), where the key is random, held in
 * memory only and replaced every {@link IntakeProperties#sourceKeyLifetime()}: the counts cannot be
 * tied to an address afterwards, nothing is stored or logged, and a restart forgets them all. The
 * limit is per source, never per channel, so a flood from elsewhere cannot use up the channel for
 * genuine reporters. Requests to the onion address all come from the local Tor daemon, so the
 * limit is not applied to them (one source would be every Tor reporter); they are covered by the
 * form's single-use token and, for the API, the proof of work.
 *
 * <p>The proof of work: when {@link IntakeProperties#proofOfWorkBits()} is above 0, an API
 * submission carries {@code Proof-Of-Work: <challenge>:<nonce>} where SHA-256 of that text starts
 * with that many zero bits; a challenge comes from the channel's challenge endpoint, is signed with
 * the in-memory key, lasts ten minutes and is accepted once.
 */
@Component
public class SubmissionLimits {

    /** The header an API client sends its proof of work in. */
    public static final String HEADER = "Proof-Of-Work";

    private static final Duration CHALLENGE_LIFETIME = Duration.ofMinutes(10);
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final IntakeProperties properties;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Throttle sources;
    private final Cache<String, Boolean> spent;
    private volatile Key key;
    private volatile @Nullable Key previous;

    SubmissionLimits(IntakeProperties properties, Clock clock) {
        this.properties = properties;
        this.clock = clock;
        this.sources = new Throttle(properties.reportsPerSource(), properties.sourceWindow(), 1_000_000);
        this.spent = Caffeine.newBuilder()
                .maximumSize(1_000_000)
                .expireAfterWrite(CHALLENGE_LIFETIME.plusMinutes(1))
                .build();
        this.key = new Key(newSecret(), clock.instant());
    }

    /**
     * Counts a report from {@code address} to {@code channel}.
     *
     * @throws TooManyRequests if that source sent its share for the window
     */
    public void count(ChannelId channel, @Nullable String address, boolean onion) {
        if (onion || address == null || properties.reportsPerSource() <= 0) {
            return;
        }
        if (!sources.tryAcquire(ENCODER.encodeToString(mac(current(), "source", channel.value() + "|" + address)))) {
            throw new TooManyRequests();
        }
    }

    /** Returns how many leading zero bits a proof of work needs; 0 when none is asked. */
    public int proofOfWorkBits() {
        return properties.proofOfWorkBits();
    }

    /** Returns a new challenge for a proof of work at {@code channel}. */
    public String challenge(ChannelId channel) {
        var nonce = new byte[16];
        random.nextBytes(nonce);
        var expires = clock.instant().plus(CHALLENGE_LIFETIME).getEpochSecond();
        var body = ByteBuffer.allocate(24).put(nonce).putLong(expires).array();
        var tag = mac(current(), "challenge", channel.value() + "|" + ENCODER.encodeToString(body));
        return ENCODER.encodeToString(body) + "." + ENCODER.encodeToString(java.util.Arrays.copyOf(tag, 16));
    }

    /**
     * Checks an API submission's proof of work, when one is asked, and spends its challenge.
     *
     * @throws ProofOfWorkRequired if it is missing, malformed, not for this channel, expired, spent
     *     or not enough work
     */
    public void checkProof(ChannelId channel, @Nullable String header) {
        var bits = properties.proofOfWorkBits();
        if (bits <= 0) {
            return;
        }
        if (header == null || header.length() > 200 || header.indexOf(':') < 0) {
            throw new ProofOfWorkRequired();
        }
        var challenge = header.substring(0, header.lastIndexOf(':'));
        var dot = challenge.indexOf('.');
        if (dot < 0) {
            throw new ProofOfWorkRequired();
        }
        byte[] body;
        byte[] tag;
        try {
            body = DECODER.decode(challenge.substring(0, dot));
            tag = DECODER.decode(challenge.substring(dot + 1));
        } catch (IllegalArgumentException e) {
            throw new ProofOfWorkRequired();
        }
        if (body.length != 24) {
            throw new ProofOfWorkRequired();
        }
        var expires = Instant.ofEpochSecond(ByteBuffer.wrap(body, 16, 8).getLong());
        var now = clock.instant();
        var signed = false;
        for (var signedBy : new Key[] {current(), previous}) {
            if (signedBy != null) {
                var expected = java.util.Arrays.copyOf(
                        mac(signedBy, "challenge", channel.value() + "|" + challenge.substring(0, dot)), 16);
                signed |= MessageDigest.isEqual(expected, tag);
            }
        }
        if (!signed || !now.isBefore(expires)) {
            throw new ProofOfWorkRequired();
        }
        if (leadingZeroBits(sha256(header)) < bits) {
            throw new ProofOfWorkRequired();
        }
        if (spent.asMap().putIfAbsent(challenge, Boolean.TRUE) != null) {
            throw new ProofOfWorkRequired();
        }
    }

    /** Returns the number of leading zero bits of {@code hash}. */
    static int leadingZeroBits(byte[] hash) {
        var bits = 0;
        for (var b : hash) {
            if (b == 0) {
                bits += 8;
                continue;
            }
            return bits + Integer.numberOfLeadingZeros(b & 0xff) - 24;
        }
        return bits;
    }

    static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Returns the key, replaced by a new random one once its lifetime is over. */
    private Key current() {
        var now = clock.instant();
        var held = key;
        if (!now.isBefore(held.since().plus(properties.sourceKeyLifetime()))) {
            synchronized (this) {
                if (key == held) {
                    previous = held;
                    key = new Key(newSecret(), now);
                }
                held = key;
            }
        }
        return held;
    }

    private byte[] newSecret() {
        var secret = new byte[32];
        random.nextBytes(secret);
        return secret;
    }

    private static byte[] mac(Key key, String purpose, String text) {
        try {
            var mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.secret(), "HmacSHA256"));
            return mac.doFinal((purpose + "|" + text).getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private record Key(byte[] secret, Instant since) {
        @Override
        public String toString() {
            return "Key[since=" + since + "]";
        }
    }

    @Override
    public String toString() {
        return "SubmissionLimits[" + properties.reportsPerSource() + " per " + properties.sourceWindow() + "]";
    }
}
