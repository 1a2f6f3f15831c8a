package org.tipline.accounts.internal;

import com.nulabinc.zxcvbn.Zxcvbn;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.tipline.crypto.ContentKey;
import org.tipline.crypto.PasswordKeys;
import org.tipline.crypto.PrivateKey;
import org.tipline.crypto.RecoveryCode;
import org.tipline.crypto.ServerSecrets;
import org.tipline.shared.InvalidInput;
import org.tipline.shared.StaffId;

/**
 * A staff member's key material (CRYPTO.md, key 1): a key pair whose private half is sealed twice,
 * under the password-derived key (peppered) and under a recovery code shown once; the TOTP secret
 * sealed under the server key; and the checks a new password must pass.
 */
@Component
public class Credentials {

    static final int MIN_PASSWORD = 12;
    static final int MAX_PASSWORD = 1024;

    /** The lowest zxcvbn score a new password may have: "safely unguessable" for an online attacker. */
    static final int MIN_STRENGTH = 3;

    private final PasswordKeys passwordKeys;
    private final ServerSecrets secrets;
    private final Totp totp;
    private final Zxcvbn strength = new Zxcvbn();

    Credentials(PasswordKeys passwordKeys, ServerSecrets secrets, Totp totp) {
        this.passwordKeys = passwordKeys;
        this.secrets = secrets;
        this.totp = totp;
    }

    /** The stored columns of a new staff member, and the recovery code to show once. */
    public record Issued(PasswordCopy password, byte[] sealedTotpSecret, byte[] publicKey, RecoveryCopy recovery) {
        @Override
        public String toString() {
            return "Credentials.Issued[redacted]";
        }
    }

    /** The private key sealed under a password, with what checks that password (scheme 2). */
    public record PasswordCopy(byte[] salt, byte[] verifier, byte[] sealedPrivateKey) {
        @Override
        public String toString() {
            return "Credentials.PasswordCopy[redacted]";
        }
    }

    /** The private key sealed under a recovery code, and the code to show once. */
    public record RecoveryCopy(byte[] salt, byte[] sealedPrivateKey, RecoveryCode code) {
        @Override
        public String toString() {
            return "Credentials.RecoveryCopy[redacted]";
        }
    }

    /** Issues key material for {@code staff}, protecting it with {@code password}. */
    public Issued issue(StaffId staff, String password, String totpSecret) {
        var privateKey = PrivateKey.generate();
        return new Issued(
                passwordCopy(staff, privateKey, password),
                sealTotpSecret(staff, totpSecret),
                privateKey.publicKey().toBytes(),
                recoveryCopy(staff, privateKey));
    }

    /** Seals {@code privateKey} under a fresh salt and the key {@code password} yields (one Argon2id run). */
    public PasswordCopy passwordCopy(StaffId staff, PrivateKey privateKey, String password) {
        var salt = PasswordKeys.newSalt();
        var derived = passwordKeys.derive(password, salt, staff);
        return passwordCopy(staff, privateKey, salt, derived);
    }

    /** Seals {@code privateKey} under a key already derived from the password with {@code salt}. */
    public PasswordCopy passwordCopy(StaffId staff, PrivateKey privateKey, byte[] salt, PasswordKeys.Derived derived) {
        return new PasswordCopy(salt, derived.verifier(), privateKey.sealUnder(derived.key(), passwordContext(staff)));
    }

    /** Seals {@code privateKey} under a fresh recovery code, to be shown once. */
    public RecoveryCopy recoveryCopy(StaffId staff, PrivateKey privateKey) {
        var code = RecoveryCode.generate();
        var salt = PasswordKeys.newSalt();
        return new RecoveryCopy(salt, privateKey.sealUnder(code.deriveKey(salt), recoveryContext(staff)), code);
    }

    /**
     * Opens the recovery copy of a private key.
     *
     * @throws org.tipline.crypto.CryptoException if the code is not this member's
     */
    public PrivateKey openWithRecovery(StaffId staff, byte[] sealed, byte[] salt, RecoveryCode code) {
        return PrivateKey.open(sealed, code.deriveKey(salt), recoveryContext(staff));
    }

    /**
     * Opens the password copy of a private key with the key a password yielded.
     *
     * @throws org.tipline.crypto.CryptoException if the key is not this member's
     */
    public static PrivateKey openWithPassword(StaffId staff, byte[] sealed, ContentKey key) {
        return PrivateKey.open(sealed, key, passwordContext(staff));
    }

    byte[] sealTotpSecret(StaffId staff, String secret) {
        return secrets.serverKey().seal(secret, "staff:" + staff + ":totp");
    }

    /** Seals a new TOTP secret for {@code staff}. */
    public byte[] sealTotp(StaffId staff, String secret) {
        return sealTotpSecret(staff, secret);
    }

    /** Opens a stored TOTP secret. */
    public String openTotp(StaffId staff, byte[] sealed) {
        return secrets.serverKey().openText(sealed, "staff:" + staff + ":totp");
    }

    static String passwordContext(StaffId staff) {
        return "staff:" + staff + ":private-key:password";
    }

    static String recoveryContext(StaffId staff) {
        return "staff:" + staff + ":private-key:recovery";
    }

    /**
     * Checks a new password and, when {@code totpCode} is given, a TOTP code against the secret
     * being enrolled (the web pages confirm enrolment; API clients enrol from the returned URI). A
     * password must be 12 to 1,024 characters and hard to guess by a well-kept estimator (zxcvbn),
     * which also knows the member's own name, address and organisation.
     *
     * @throws InvalidInput naming each field in error
     */
    public void checkEnrolment(
            String password,
            @Nullable String confirmation,
            String totpSecret,
            @Nullable String totpCode,
            List<String> personalWords) {
        Map<String, String> errors = new LinkedHashMap<>();
        checkPassword("password", password, confirmation, personalWords, errors);
        if (totpCode != null && totp.verify(totpSecret, totpCode, 0).isEmpty()) {
            errors.put("totpCode", "error.totp.wrong");
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
    }

    /** Adds an error for {@code field} unless {@code password} is long enough, strong enough and confirmed. */
    public void checkPassword(
            String field,
            String password,
            @Nullable String confirmation,
            List<String> personalWords,
            Map<String, String> errors) {
        if (password.length() < MIN_PASSWORD) {
            errors.put(field, "error.password.short");
        } else if (password.length() > MAX_PASSWORD) {
            errors.put(field, "error.password.long");
        } else if (strength.measure(password.length() > 100 ? password.substring(0, 100) : password, personalWords)
                        .getScore()
                < MIN_STRENGTH) {
            // zxcvbn's cost grows with length; the first 100 characters decide whether a long one is weak
            errors.put(field, "error.password.weak");
        } else if (confirmation != null && !confirmation.equals(password)) {
            errors.put(field + "Confirmation", "error.password.mismatch");
        }
    }
}
