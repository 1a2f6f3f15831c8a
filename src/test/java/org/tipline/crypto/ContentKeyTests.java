package org.tipline.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ContentKeyTests {

    @Test
    void sealsAndOpensText() {
        var key = ContentKey.generate();
        var sealed = key.seal("the answer", "report:1:answers");
        assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("the answer");
        assertThat(key.openText(sealed, "report:1:answers")).isEqualTo("the answer");
    }

    @Test
    void ciphertextMovedToAnotherRowDoesNotOpen() {
        var key = ContentKey.generate();
        var sealed = key.seal("the answer", "report:1:answers");
        assertThatThrownBy(() -> key.open(sealed, "report:2:answers"))
                .isInstanceOf(CryptoException.class)
                .hasMessageNotContaining("the answer");
    }

    @Test
    void anotherKeyDoesNotOpen() {
        var sealed = ContentKey.generate().seal("x", "c");
        assertThatThrownBy(() -> ContentKey.generate().open(sealed, "c")).isInstanceOf(CryptoException.class);
    }

    @Test
    void tamperedCiphertextDoesNotOpen() {
        var key = ContentKey.generate();
        var sealed = key.seal("x", "c");
        sealed[sealed.length - 1] ^= 1;
        assertThatThrownBy(() -> key.open(sealed, "c")).isInstanceOf(CryptoException.class);
    }

    @Test
    void paddedSealHidesLengthToTheKibibyte() {
        var key = ContentKey.generate();
        var short1 = key.sealPadded(new byte[1], "c");
        var short2 = key.sealPadded(new byte[1000], "c");
        var longer = key.sealPadded(new byte[1030], "c");
        assertThat(short1).hasSameSizeAs(short2);
        assertThat(longer.length).isEqualTo(short1.length + 1024);
        assertThat(key.openPadded(short2, "c")).hasSize(1000);
    }

    @Test
    void wrapsAndUnwrapsKeys() {
        var outer = ContentKey.generate();
        var inner = ContentKey.generate();
        var wrapped = outer.wrap(inner, "k");
        var back = outer.unwrap(wrapped, "k");
        assertThat(back.openText(inner.seal("hi", "c"), "c")).isEqualTo("hi");
    }

    @Test
    void derivedKeysDependOnSaltAndPurpose() {
        byte[] input = "input keying material".getBytes(StandardCharsets.UTF_8);
        var a = ContentKey.derive(input, new byte[] {1}, "p");
        assertThat(ContentKey.derive(input, new byte[] {1}, "p").toBytes()).isEqualTo(a.toBytes());
        assertThat(ContentKey.derive(input, new byte[] {2}, "p").toBytes()).isNotEqualTo(a.toBytes());
        assertThat(ContentKey.derive(input, new byte[] {1}, "q").toBytes()).isNotEqualTo(a.toBytes());
    }

    @Test
    void neverPrintsItsMaterial() {
        assertThat(ContentKey.generate()).hasToString("ContentKey[redacted]");
    }
}
