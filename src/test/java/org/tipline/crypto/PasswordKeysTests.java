package org.tipline.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PasswordKeysTests {

    private final PasswordKeys keys = new PasswordKeys(new PasswordKeys.Argon2Properties(65536, 3, 1));

    @Test
    void samePasswordAndSaltGiveTheSameVerifierAndKey() {
        var salt = PasswordKeys.newSalt();
        var first = keys.derive("correct horse battery staple", salt);
        var again = keys.derive("correct horse battery staple", salt);
        assertThat(PasswordKeys.matches(again.verifier(), first.verifier())).isTrue();
        assertThat(again.key().toBytes()).isEqualTo(first.key().toBytes());
        assertThat(first.verifier()).isNotEqualTo(first.key().toBytes());
    }

    @Test
    void wrongPasswordDoesNotOpenThePrivateKey() {
        var salt = PasswordKeys.newSalt();
        var owner = PrivateKey.generate();
        var sealed = owner.sealUnder(keys.derive("right password", salt).key(), "staff:1:password");
        var wrong = keys.derive("wrong password", salt);
        assertThat(PasswordKeys.matches(
                        wrong.verifier(), keys.derive("right password", salt).verifier()))
                .isFalse();
        assertThatThrownBy(() -> PrivateKey.open(sealed, wrong.key(), "staff:1:password"))
                .isInstanceOf(CryptoException.class);
    }

    @Test
    void saltChangesEverything() {
        var a = keys.derive("pw", PasswordKeys.newSalt());
        var b = keys.derive("pw", PasswordKeys.newSalt());
        assertThat(a.verifier()).isNotEqualTo(b.verifier());
    }
}
