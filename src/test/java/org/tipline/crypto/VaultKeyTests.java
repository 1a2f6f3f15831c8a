package org.tipline.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The vault key of CRYPTO.md key 7: split k-of-n, each share wrapped to one custodian; any k shares
 * rebuild it and open an identity sealed to its public half; k − 1 shares, shares of another vault,
 * a changed share or a share opened by the wrong custodian open nothing.
 */
class VaultKeyTests {

    private static final String VAULT = "vault:org-1:v1";

    @Test
    void anyThreeOfFiveSharesRebuildTheKeyAndOpenAnIdentity() {
        var vault = PrivateKey.generate();
        var identity = vault.publicKey()
                .seal("Mei Chen, +86 138 0000 0000".getBytes(StandardCharsets.UTF_8), "identity:report-7");
        var shares = vault.split(3, 5);
        assertThat(shares).extracting(VaultShare::index).containsExactly(1, 2, 3, 4, 5);
        for (var subset : List.of(List.of(0, 1, 2), List.of(0, 2, 4), List.of(4, 3, 1), List.of(0, 1, 2, 3, 4))) {
            var chosen = subset.stream().map(shares::get).toList();
            var rebuilt = PrivateKey.join(chosen, vault.publicKey());
            assertThat(new String(rebuilt.openSealed(identity, "identity:report-7"), StandardCharsets.UTF_8))
                    .isEqualTo("Mei Chen, +86 138 0000 0000");
        }
    }

    @Test
    void fewerThanKSharesOpenNothing() {
        var vault = PrivateKey.generate();
        var shares = vault.split(3, 5);
        for (var pair : List.of(List.of(0, 1), List.of(3, 4), List.of(2))) {
            var chosen = pair.stream().map(shares::get).toList();
            assertThatThrownBy(() -> PrivateKey.join(chosen, vault.publicKey())).isInstanceOf(CryptoException.class);
        }
        // nor does a share's value alone resemble the key's
        assertThat(shares.get(0).value()).isNotEqualTo(shares.get(1).value());
    }

    @Test
    void sharesOfAnotherVaultOrAChangedShareOpenNothing() {
        var vault = PrivateKey.generate();
        var other = PrivateKey.generate();
        var shares = vault.split(2, 3);
        var foreign = other.split(2, 3);
        assertThatThrownBy(() -> PrivateKey.join(List.of(shares.get(0), foreign.get(1)), vault.publicKey()))
                .isInstanceOf(CryptoException.class);
        assertThatThrownBy(() -> PrivateKey.join(List.of(foreign.get(0), foreign.get(1)), vault.publicKey()))
                .as("another vault's key is not this one, though its shares agree")
                .isInstanceOf(CryptoException.class);
        // a share cut short (shares of another key can differ in length too) rebuilds nothing
        var shorter =
                java.util.Arrays.copyOf(shares.get(1).value(), shares.get(1).value().length - 1);
        assertThatThrownBy(() -> PrivateKey.join(List.of(shares.get(0), new VaultShare(2, shorter)), vault.publicKey()))
                .isInstanceOf(CryptoException.class);
        var changed = shares.get(1).value();
        changed[changed.length / 2] ^= 1;
        assertThatThrownBy(() -> PrivateKey.join(List.of(shares.get(0), new VaultShare(2, changed)), vault.publicKey()))
                .isInstanceOf(CryptoException.class);
    }

    @Test
    void eachShareOpensOnlyForItsCustodianIndexAndVault() {
        var vault = PrivateKey.generate();
        var custodians = new ArrayList<PrivateKey>();
        for (int i = 0; i < 3; i++) {
            custodians.add(PrivateKey.generate());
        }
        var shares = vault.split(2, 3);
        var wrapped = new ArrayList<byte[]>();
        for (int i = 0; i < 3; i++) {
            wrapped.add(shares.get(i).wrapTo(custodians.get(i).publicKey(), VAULT));
        }
        var released = List.of(
                VaultShare.unwrap(custodians.get(0), 1, wrapped.get(0), VAULT),
                VaultShare.unwrap(custodians.get(2), 3, wrapped.get(2), VAULT));
        assertThat(PrivateKey.join(released, vault.publicKey()).publicKey().toBytes())
                .isEqualTo(vault.publicKey().toBytes());
        assertThatThrownBy(() -> VaultShare.unwrap(custodians.get(1), 1, wrapped.get(0), VAULT))
                .as("another custodian")
                .isInstanceOf(CryptoException.class);
        assertThatThrownBy(() -> VaultShare.unwrap(custodians.get(0), 2, wrapped.get(0), VAULT))
                .as("another index")
                .isInstanceOf(CryptoException.class);
        assertThatThrownBy(() -> VaultShare.unwrap(custodians.get(0), 1, wrapped.get(0), "vault:org-2:v1"))
                .as("another vault")
                .isInstanceOf(CryptoException.class);
        assertThat(shares.get(0).toString()).isEqualTo("VaultShare[1]");
    }

    @Test
    void aSingleCustodianVaultAndImpossibleSplits() {
        var vault = PrivateKey.generate();
        var alone = vault.split(1, 2);
        assertThat(PrivateKey.join(List.of(alone.get(1)), vault.publicKey())
                        .publicKey()
                        .toBytes())
                .isEqualTo(vault.publicKey().toBytes());
        assertThatThrownBy(() -> vault.split(4, 3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> vault.split(0, 3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> vault.split(2, 256)).isInstanceOf(IllegalArgumentException.class);
    }
}
