package org.tipline.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import org.junit.jupiter.api.Test;

/**
 * Claim codes: 20 Crockford characters read back however a person types them, never mistaken for
 * a receipt (nor a receipt for them), different every time, and never in {@code toString}.
 */
class ClaimCodeTests {

    @Test
    void aCodeReadsBackAsTypedAndIsNeverAReceipt() {
        var code = ClaimCode.generate();
        var shown = code.display();
        assertThat(shown).matches("[0-9A-Z]{5}(-[0-9A-Z]{5}){3}");
        assertThat(ClaimCode.parse(shown)).contains(code);
        assertThat(ClaimCode.parse(" " + shown.toLowerCase().replace("-", " ") + " "))
                .contains(code);
        assertThat(ClaimCode.parse(shown.replace('1', 'l').replace('0', 'O'))).contains(code);
        assertThat(Receipt.parse(shown)).isEmpty();
        assertThat(code.toString()).doesNotContain(shown.substring(0, 5));

        for (var format : Receipt.Format.values()) {
            var receipt = Receipt.generate(format);
            assertThat(ClaimCode.parse(receipt.display())).as(format.name()).isEmpty();
        }
        assertThat(ClaimCode.parse(shown.substring(1))).isEmpty();
        assertThat(ClaimCode.parse(shown + "A")).isEmpty();
        assertThat(ClaimCode.parse("U".repeat(20)))
                .as("U is outside Crockford's alphabet")
                .isEmpty();
        assertThat(ClaimCode.parse("A".repeat(70))).isEmpty();

        var seen = new HashSet<ClaimCode>();
        for (int i = 0; i < 1_000; i++) {
            seen.add(ClaimCode.generate());
        }
        assertThat(seen).hasSize(1_000);
    }

    @Test
    void aSerialIsSixteenCharactersReadBackAsTyped() {
        var serial = Serials.generate();
        assertThat(serial).matches("[0-9A-Z]{16}");
        assertThat(Serials.parse(serial.toLowerCase())).isEqualTo(serial);
        assertThat(Serials.parse(serial.substring(0, 8) + "-" + serial.substring(8)))
                .isEqualTo(serial);
        assertThat(Serials.parse(serial.substring(1))).isNull();
        assertThat(Serials.parse("x".repeat(41))).isNull();
    }
}
