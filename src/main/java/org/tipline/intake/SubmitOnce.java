package org.tipline.intake;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.tipline.channels.ChannelId;
import org.tipline.crypto.ContentKey;
import org.tipline.crypto.CryptoException;
import org.tipline.crypto.Randomness;
import org.tipline.crypto.Receipt;
import org.tipline.crypto.ServerSecrets;

/**
 * Makes a report go in once: the token of a reporter's form and an API client's
 * {@code Idempotency-Key} are spent in the transaction that stores the report, and the receipt
 * after the form's redirect is shown by one request only.
 *
 * <p>Implementation notes: a spent guard is a row keyed by HMAC(pepper, guard) whose result (the
 * address of the receipt page for a form, the receipt for the API) is sealed under a key derived
 * from the same HMAC under another purpose, so whoever holds the database but not the pepper, or
 * not the token, can neither find nor open it. The row is inserted first, so that a second
 * request with the same guard waits on it in PostgreSQL until the first one commits or rolls back,
 * and it is deleted when its window passes.
 */
@Service
public class SubmitOnce {

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
    private static final Pattern FORM_TOKEN = Pattern.compile("[A-Za-z0-9_-]{54}");
    private static final Pattern PICKUP = Pattern.compile("[A-Za-z0-9_-]{22}");
    private static final Pattern IDEMPOTENCY_KEY = Pattern.compile("[\\x21-\\x7e]{1,255}");
    private static final int RANDOM = 16;
    private static final int TAG = 16;

    /** What proves a submission is the first of its kind. */
    public sealed interface Guard permits FormToken, IdempotencyKey {}

    /** The token of one reporter's form, issued with the form. */
    public record FormToken(String value) implements Guard {
        @Override
        public String toString() {
            return "FormToken[redacted]";
        }
    }

    /** An API client's {@code Idempotency-Key} for one channel. */
    public record IdempotencyKey(ChannelId channel, String value) implements Guard {
        /** Returns whether {@code value} may be a key: 1 to 255 visible ASCII characters. */
        public static boolean isValid(String value) {
            return IDEMPOTENCY_KEY.matcher(value).matches();
        }

        @Override
        public String toString() {
            return "IdempotencyKey[channel=" + channel + "]";
        }
    }

    /** What a form token is worth when the form comes back. */
    public enum TokenState {
        VALID,
        EXPIRED,
        INVALID
    }

    private final JdbcClient jdbc;
    private final ServerSecrets secrets;
    private final IntakeProperties properties;
    private final Clock clock;

    SubmitOnce(JdbcClient jdbc, ServerSecrets secrets, IntakeProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.secrets = secrets;
        this.properties = properties;
        this.clock = clock;
    }

    /** Returns a fresh token for a reporter's form: random, with the time it was issued, tagged. */
    public String issueFormToken() {
        var random = Randomness.bytes(RANDOM);
        var issued = ByteBuffer.allocate(Long.BYTES)
                .putLong(clock.instant().getEpochSecond())
                .array();
        var token = ByteBuffer.allocate(RANDOM + Long.BYTES + TAG)
                .put(random)
                .put(issued)
                .put(Arrays.copyOf(secrets.tag("form-token", random, issued), TAG))
                .array();
        return ENCODER.encodeToString(token);
    }

    /** Returns whether {@code token} is one this server issued and still within its lifetime. */
    public TokenState check(String token) {
        if (!FORM_TOKEN.matcher(token).matches()) {
            return TokenState.INVALID;
        }
        var bytes = DECODER.decode(token);
        var random = Arrays.copyOfRange(bytes, 0, RANDOM);
        var issued = Arrays.copyOfRange(bytes, RANDOM, RANDOM + Long.BYTES);
        var tag = Arrays.copyOfRange(bytes, RANDOM + Long.BYTES, bytes.length);
        if (!MessageDigest.isEqual(tag, Arrays.copyOf(secrets.tag("form-token", random, issued), TAG))) {
            return TokenState.INVALID;
        }
        var age = Duration.between(
                java.time.Instant.ofEpochSecond(ByteBuffer.wrap(issued).getLong()), clock.instant());
        return age.isNegative() || age.compareTo(properties.formTokenLifetime()) > 0
                ? TokenState.EXPIRED
                : TokenState.VALID;
    }

    /**
     * Spends {@code guard} in the current transaction, waiting for a concurrent request that holds
     * it to finish.
     *
     * @throws AlreadySubmitted if it was spent, with what the first submission returned
     */
    void claim(Guard guard) {
        var lookup = lookup(guard);
        var now = Timestamp.from(clock.instant());
        jdbc.sql("DELETE FROM submission_token WHERE lookup = ? AND expires_at <= ?")
                .params(lookup, now)
                .update();
        var inserted = jdbc.sql("""
                INSERT INTO submission_token (lookup, sealed_result, expires_at) VALUES (?, ?, ?)
                ON CONFLICT (lookup) DO NOTHING""")
                .params(lookup, new byte[0], Timestamp.from(clock.instant().plus(window(guard))))
                .update();
        if (inserted == 1) {
            return;
        }
        var sealed = jdbc.sql("SELECT sealed_result FROM submission_token WHERE lookup = ?")
                .param(lookup)
                .query(byte[].class)
                .optional()
                .orElse(new byte[0]);
        var result = sealed.length == 0 ? Optional.<String>empty() : Optional.of(open(guard, lookup, sealed));
        throw switch (guard) {
            case FormToken ignored -> new AlreadySubmitted(Optional.empty(), result.filter(this::pickupWaiting));
            case IdempotencyKey ignored -> new AlreadySubmitted(result.flatMap(Receipt::parse), Optional.empty());
        };
    }

    /** Records what the submission that spent {@code guard} returned, sealed, in the same transaction. */
    void complete(Guard guard, String result) {
        var lookup = lookup(guard);
        jdbc.sql("UPDATE submission_token SET sealed_result = ? WHERE lookup = ?")
                .params(key(guard).seal(result, context(lookup)), lookup)
                .update();
    }

    /** Keeps {@code receipt} for one showing at the returned address, in the current transaction. */
    String openPickup(Receipt receipt) {
        var pickup = Randomness.bytes(RANDOM);
        var lookup = secrets.lookup("receipt-pickup", pickup);
        jdbc.sql("INSERT INTO receipt_pickup (lookup, sealed_receipt, expires_at) VALUES (?, ?, ?)")
                .params(
                        lookup,
                        pickupKey(pickup).seal(receipt.display(), "receipt-pickup"),
                        Timestamp.from(clock.instant().plus(properties.receiptPickup())))
                .update();
        return ENCODER.encodeToString(pickup);
    }

    /** Returns the receipt kept at {@code pickup} and forgets it: it is shown once. */
    @Transactional
    public Optional<Receipt> pickUp(String pickup) {
        if (!PICKUP.matcher(pickup).matches()) {
            return Optional.empty();
        }
        var bytes = DECODER.decode(pickup);
        return jdbc.sql("DELETE FROM receipt_pickup WHERE lookup = ? AND expires_at > ? RETURNING sealed_receipt")
                .params(secrets.lookup("receipt-pickup", bytes), Timestamp.from(clock.instant()))
                .query(byte[].class)
                .optional()
                .flatMap(ciphertext -> Receipt.parse(
                        new String(pickupKey(bytes).open(ciphertext, "receipt-pickup"), StandardCharsets.UTF_8)));
    }

    private boolean pickupWaiting(String pickup) {
        return PICKUP.matcher(pickup).matches()
                && jdbc.sql("SELECT EXISTS (SELECT 1 FROM receipt_pickup WHERE lookup = ? AND expires_at > ?)")
                        .params(
                                secrets.lookup("receipt-pickup", DECODER.decode(pickup)),
                                Timestamp.from(clock.instant()))
                        .query(Boolean.class)
                        .single();
    }

    /** Forgets spent guards whose window has passed and receipts never picked up. */
    @Scheduled(fixedDelayString = "PT10M")
    @Transactional
    public int purgeExpired() {
        var now = Timestamp.from(clock.instant());
        return jdbc.sql("DELETE FROM submission_token WHERE expires_at <= ?")
                        .param(now)
                        .update()
                + jdbc.sql("DELETE FROM receipt_pickup WHERE expires_at <= ?")
                        .param(now)
                        .update();
    }

    private Duration window(Guard guard) {
        return switch (guard) {
            case FormToken ignored -> properties.formTokenLifetime();
            case IdempotencyKey ignored -> properties.idempotencyWindow();
        };
    }

    private byte[] material(Guard guard, String purpose) {
        return switch (guard) {
            case FormToken token -> secrets.tag(purpose + ":form", ServerSecrets.field(token.value()));
            case IdempotencyKey key ->
                secrets.tag(
                        purpose + ":api", ServerSecrets.field(key.channel().value()), ServerSecrets.field(key.value()));
        };
    }

    private byte[] lookup(Guard guard) {
        return material(guard, "submission-lookup");
    }

    private ContentKey key(Guard guard) {
        return ContentKey.derive(material(guard, "submission-key"), new byte[0], "tipline/submission-result/v1");
    }

    private String open(Guard guard, byte[] lookup, byte[] sealed) {
        try {
            return new String(key(guard).open(sealed, context(lookup)), StandardCharsets.UTF_8);
        } catch (CryptoException e) {
            return "";
        }
    }

    private static ContentKey pickupKey(byte[] pickup) {
        return ContentKey.derive(pickup, new byte[0], "tipline/receipt-pickup/v1");
    }

    private static String context(byte[] lookup) {
        return "submission:" + HexFormat.of().formatHex(lookup);
    }
}
