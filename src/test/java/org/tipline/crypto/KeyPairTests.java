package org.tipline.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.crypto.tink.hybrid.internal.X25519Conscrypt;
import java.security.Security;
import org.junit.jupiter.api.Test;

class KeyPairTests {

    @Test
    void hpkeUsesTheNativeX25519() throws Exception {
        Tink.ensureRegistered();
        assertThat(Tink.X25519_IMPLEMENTATION.nativeCode())
                .as(Tink.X25519_IMPLEMENTATION.description())
                .isTrue();
        var providers = Security.getProviders();
        assertThat(providers[providers.length - 1].getName())
                .as("appended last, so no other algorithm changes provider")
                .isEqualTo("Conscrypt");
        // the implementation Tink's X25519 KEM picks when it can
        assertThat(X25519Conscrypt.create()).isNotNull();
        var owner = PrivateKey.generate();
        var key = ContentKey.generate();
        assertThat(owner.unwrap(owner.publicKey().grant(key, "native"), "native")
                        .toBytes())
                .isEqualTo(key.toBytes());
    }

    @Test
    void grantOpensWithTheMatchingPrivateKeyOnly() {
        var alice = PrivateKey.generate();
        var bob = PrivateKey.generate();
        var reportKey = ContentKey.generate();
        var grant = alice.publicKey().grant(reportKey, "grant:r1");

        assertThat(alice.unwrap(grant, "grant:r1").toBytes()).isEqualTo(reportKey.toBytes());
        assertThatThrownBy(() -> bob.unwrap(grant, "grant:r1")).isInstanceOf(CryptoException.class);
        assertThatThrownBy(() -> alice.unwrap(grant, "grant:r2")).isInstanceOf(CryptoException.class);
    }

    @Test
    void publicKeySurvivesItsStoredForm() {
        var owner = PrivateKey.generate();
        var stored = PublicKey.fromBytes(owner.publicKey().toBytes());
        var key = ContentKey.generate();
        assertThat(owner.unwrap(stored.grant(key, "c"), "c").toBytes()).isEqualTo(key.toBytes());
    }

    @Test
    void sealedPrivateKeyOpensOnlyWithItsKeyAndContext() {
        var owner = PrivateKey.generate();
        var kek = ContentKey.generate();
        var sealed = owner.sealUnder(kek, "staff:1:password");
        var reportKey = ContentKey.generate();
        var grant = owner.publicKey().grant(reportKey, "g");

        var reopened = PrivateKey.open(sealed, kek, "staff:1:password");
        assertThat(reopened.unwrap(grant, "g").toBytes()).isEqualTo(reportKey.toBytes());
        assertThatThrownBy(() -> PrivateKey.open(sealed, ContentKey.generate(), "staff:1:password"))
                .isInstanceOf(CryptoException.class);
        assertThatThrownBy(() -> PrivateKey.open(sealed, kek, "staff:2:password"))
                .isInstanceOf(CryptoException.class);

        // the cheap check agrees with opening, for the right key, a wrong one, a wrong context, junk
        PrivateKey.checkSealed(sealed, kek, "staff:1:password");
        assertThatThrownBy(() -> PrivateKey.checkSealed(sealed, ContentKey.generate(), "staff:1:password"))
                .isInstanceOf(CryptoException.class);
        assertThatThrownBy(() -> PrivateKey.checkSealed(sealed, kek, "staff:2:password"))
                .isInstanceOf(CryptoException.class);
        var flipped = sealed.clone();
        flipped[10] ^= 1; // inside the encrypted keyset, after its tag and length
        assertThatThrownBy(() -> PrivateKey.checkSealed(flipped, kek, "staff:1:password"))
                .isInstanceOf(CryptoException.class);
        assertThatThrownBy(() -> PrivateKey.checkSealed(new byte[] {1, 2, 3}, kek, "staff:1:password"))
                .isInstanceOf(CryptoException.class);

        // a keyring builds its key at the first grant it opens, and only once
        var builds = new java.util.concurrent.atomic.AtomicInteger();
        var keyring = Keyring.opening(
                new org.tipline.shared.StaffPrincipal(
                        org.tipline.shared.StaffId.random(),
                        org.tipline.shared.OrganizationId.random(),
                        java.util.Set.of()),
                () -> {
                    builds.incrementAndGet();
                    return PrivateKey.open(sealed, kek, "staff:1:password");
                });
        assertThat(builds).hasValue(0);
        assertThat(keyring.unwrap(grant, "g").toBytes()).isEqualTo(reportKey.toBytes());
        assertThat(keyring.unwrap(grant, "g").toBytes()).isEqualTo(reportKey.toBytes());
        assertThat(builds).hasValue(1);
    }

    @Test
    void garbageIsNotAPublicKey() {
        assertThatThrownBy(() -> PublicKey.fromBytes(new byte[] {1, 2, 3})).isInstanceOf(CryptoException.class);
    }
}
