package org.tipline.accounts.internal;

import dev.samstevens.totp.code.DefaultCodeGenerator;
import dev.samstevens.totp.code.HashingAlgorithm;
import dev.samstevens.totp.exceptions.CodeGenerationException;
import dev.samstevens.totp.exceptions.QrGenerationException;
import dev.samstevens.totp.qr.QrData;
import dev.samstevens.totp.qr.ZxingPngQrGenerator;
import dev.samstevens.totp.secret.DefaultSecretGenerator;
import dev.samstevens.totp.util.Utils;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.OptionalLong;
import org.springframework.stereotype.Component;

/**
 * Time-based one-time passwords (RFC 6238: SHA-1, 6 digits, 30-second steps), as authenticator
 * apps expect them. A code is accepted one step either side of now, and never twice: the caller
 * stores the step that matched and passes it back as {@code lastUsedStep}.
 */
@Component
public class Totp {

    private static final int PERIOD = 30;
    private static final String ISSUER = "Tipline";

    private final Clock clock;
    private final DefaultCodeGenerator generator = new DefaultCodeGenerator(HashingAlgorithm.SHA1, 6);

    Totp(Clock clock) {
        this.clock = clock;
    }

    /** Returns a fresh base32 secret (160 bits). */
    public String newSecret() {
        return new DefaultSecretGenerator(32).generate();
    }

    /** What an authenticator app enrols from: the {@code otpauth://} URI and its QR code. */
    public record Enrolment(String secret, String uri, String qrDataUri) {
        @Override
        public String toString() {
            return "Totp.Enrolment[redacted]";
        }
    }

    /** Returns the enrolment of {@code secret} for {@code account} (the staff member's e-mail). */
    public Enrolment enrolment(String secret, String account) {
        var data = new QrData.Builder()
                .label(account)
                .secret(secret)
                .issuer(ISSUER)
                .algorithm(HashingAlgorithm.SHA1)
                .digits(6)
                .period(PERIOD)
                .build();
        try {
            var qr = new ZxingPngQrGenerator();
            qr.setImageSize(240);
            return new Enrolment(
                    secret, data.getUri(), Utils.getDataUriForImage(qr.generate(data), qr.getImageMimeType()));
        } catch (QrGenerationException e) {
            throw new IllegalStateException("Could not draw the QR code", e);
        }
    }

    /** Returns the step that {@code code} matches, if it matches one after {@code lastUsedStep}. */
    public OptionalLong verify(String secret, String code, long lastUsedStep) {
        var typed = code.replace(" ", "");
        if (!typed.matches("\\d{6}")) {
            return OptionalLong.empty();
        }
        long now = clock.instant().getEpochSecond() / PERIOD;
        for (long step = now - 1; step <= now + 1; step++) {
            if (step <= lastUsedStep) {
                continue;
            }
            try {
                var expected = generator.generate(secret, step);
                if (MessageDigest.isEqual(
                        expected.getBytes(StandardCharsets.US_ASCII), typed.getBytes(StandardCharsets.US_ASCII))) {
                    return OptionalLong.of(step);
                }
            } catch (CodeGenerationException e) {
                return OptionalLong.empty();
            }
        }
        return OptionalLong.empty();
    }

    /** Returns the code for the current step; tests use it to act as an authenticator app. */
    public String currentCode(String secret) {
        try {
            return generator.generate(secret, clock.instant().getEpochSecond() / PERIOD);
        } catch (CodeGenerationException e) {
            throw new IllegalStateException(e);
        }
    }
}
