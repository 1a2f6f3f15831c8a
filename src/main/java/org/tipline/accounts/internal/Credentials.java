package org.tipline.accounts.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.tipline.crypto.PasswordKeys;
import org.tipline.crypto.PrivateKey;
import org.tipline.crypto.RecoveryCode;
import org.tipline.crypto.ServerSecrets;
import org.tipline.shared.InvalidInput;
import org.tipline.shared.StaffId;

/**
 * Makes a new staff member's key material (CRYPTO.md, key 1): a key pair whose private half is
 * sealed twice, under the password-derived key and under a recovery code shown once.
 */
@Component
public class Credentials {

    static final int MIN_PASSWORD = 12;
    static final int MAX_PASSWORD = 1024;

    private final PasswordKeys passwordKeys;
    private final ServerSecrets secrets;
    private final Totp totp;

    Credentials(PasswordKeys passwordKeys, ServerSecrets secrets, Totp totp) {
        this.passwordKeys = passwordKeys;
        this.secrets = secrets;
        this.totp = totp;
    }

    /** The stored columns of a new staff member, and the recovery code to show once. */
    public record Issued(
            byte[] passwordSalt,
            byte[] passwordVerifier,
            byte[] sealedTotpSecret,
            byte[] publicKey,
            byte[] privateKeyByPassword,
            byte[] recoverySalt,
            byte[] privateKeyByRecovery,
            RecoveryCode recoveryCode) {
        @Override
        public String toString() {
            return "Credentials.Issued[redacted]";
        }
    }

    /** Issues key material for {@code staff}, protecting it with {@code password}. */
    public Issued issue(StaffId staff, String password, String totpSecret) {
        var privateKey = PrivateKey.generate();
        var salt = PasswordKeys.newSalt();
        var derived = passwordKeys.derive(password, salt);
        var recovery = RecoveryCode.generate();
        var recoverySalt = PasswordKeys.newSalt();
        return new Issued(
                salt,
                derived.verifier(),
                sealTotpSecret(staff, totpSecret),
                privateKey.publicKey().toBytes(),
                privateKey.sealUnder(derived.key(), passwordContext(staff)),
                recoverySalt,
                privateKey.sealUnder(recovery.deriveKey(recoverySalt), recoveryContext(staff)),
                recovery);
    }

    byte[] sealTotpSecret(StaffId staff, String secret) {
        return secrets.serverKey().seal(secret, "staff:" + staff + ":totp");
    }

    /** Opens a stored TOTP secret. */
    public String openTotp(StaffId staff, byte[] sealed) {
        return secrets.serverKey().openText(sealed, "staff:" + staff + ":totp");
    }

    /** Returns the context under which the password copy of a private key is sealed. */
    public static String passwordContextOf(StaffId staff) {
        return passwordContext(staff);
    }

    static String passwordContext(StaffId staff) {
        return "staff:" + staff + ":private-key:password";
    }

    static String recoveryContext(StaffId staff) {
        return "staff:" + staff + ":private-key:recovery";
    }

    /**
     * Checks a new password and, when {@code totpCode} is given, a TOTP code against the secret
     * being enrolled (the web pages confirm enrolment; API clients enrol from the returned URI).
     *
     * @throws InvalidInput naming each field in error
     */
    public void checkEnrolment(
            String password, @Nullable String confirmation, String totpSecret, @Nullable String totpCode) {
        Map<String, String> errors = new LinkedHashMap<>();
        if (password.length() < MIN_PASSWORD) {
            errors.put("password", "error.password.short");
        } else if (password.length() > MAX_PASSWORD) {
            errors.put("password", "error.password.long");
        } else if (confirmation != null && !confirmation.equals(password)) {
            errors.put("passwordConfirmation", "error.password.mismatch");
        }
        if (totpCode != null && totp.verify(totpSecret, totpCode, 0).isEmpty()) {
            errors.put("totpCode", "error.totp.wrong");
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
    }

    PasswordKeys passwordKeys() {
        return passwordKeys;
    }
}
