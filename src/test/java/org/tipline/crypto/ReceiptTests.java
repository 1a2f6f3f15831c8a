package org.tipline.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import org.junit.jupiter.api.Test;

class ReceiptTests {

    @Test
    void lettersReceiptHasFourGroupsOfFourCrockfordSymbols() {
        var shown = Receipt.generate(Receipt.Format.LETTERS).display();
        assertThat(shown).matches("[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}");
    }

    @Test
    void digitsReceiptHasTwentyFourDigits() {
        var shown = Receipt.generate(Receipt.Format.DIGITS).display();
        assertThat(shown.replace(" ", "")).matches("[0-9]{24}");
    }

    @Test
    void parsesWhatAPersonTypes() {
        var receipt = Receipt.parse("7KQM-2XPD-9HRT-4WCN").orElseThrow();
        assertThat(Receipt.parse("7kqm 2xpd 9hrt 4wcn")).contains(receipt);
        assertThat(Receipt.parse("7KQM2XPD9HRT4WCN")).contains(receipt);
        assertThat(Receipt.parse("1I1L-0O00-0000-0000"))
                .contains(Receipt.parse("1111000000000000").orElseThrow());
    }

    @Test
    void rejectsWhatCannotBeAReceipt() {
        assertThat(Receipt.parse("")).isEmpty();
        assertThat(Receipt.parse("7KQM-2XPD-9HRT")).isEmpty();
        assertThat(Receipt.parse("7KQM-2XPD-9HRT-4WCU")).isEmpty(); // U is not in the alphabet
        assertThat(Receipt.parse("<script>alert(1)</script>")).isEmpty();
        assertThat(Receipt.parse("1".repeat(10_000))).isEmpty();
        assertThat(Receipt.parse("12345678901234567890123A")).isEmpty();
    }

    @Test
    void wrongReceiptDerivesAKeyThatDoesNotOpen() {
        var salt = Randomness.bytes(16);
        var receipt = Receipt.generate(Receipt.Format.LETTERS);
        var reportKey = ContentKey.generate();
        var wrapped = receipt.deriveKey(salt).wrap(reportKey, "receipt:r1");

        assertThat(Receipt.parse(receipt.display())
                        .orElseThrow()
                        .deriveKey(salt)
                        .unwrap(wrapped, "receipt:r1")
                        .toBytes())
                .isEqualTo(reportKey.toBytes());
        var wrong = Receipt.generate(Receipt.Format.LETTERS);
        assertThatThrownBy(() -> wrong.deriveKey(salt).unwrap(wrapped, "receipt:r1"))
                .isInstanceOf(CryptoException.class);
    }

    @Test
    void receiptsDoNotRepeat() {
        var seen = new HashSet<String>();
        for (int i = 0; i < 10_000; i++) {
            assertThat(seen.add(Receipt.generate(Receipt.Format.LETTERS).display()))
                    .isTrue();
        }
    }

    @Test
    void neverPrintsItself() {
        var receipt = Receipt.generate(Receipt.Format.LETTERS);
        assertThat(receipt.toString()).doesNotContain(receipt.display().substring(0, 4));
        assertThat(RecoveryCode.generate()).hasToString("RecoveryCode[redacted]");
    }

    @Test
    void recoveryCodeRoundTrips() {
        var code = RecoveryCode.generate();
        assertThat(code.display()).matches("[0-9A-Z]{4}(-[0-9A-Z]{4}){6}");
        var salt = Randomness.bytes(16);
        var parsed = RecoveryCode.parse(code.display().toLowerCase()).orElseThrow();
        assertThat(parsed.deriveKey(salt).toBytes())
                .isEqualTo(code.deriveKey(salt).toBytes());
        assertThatThrownBy(() -> RecoveryCode.generate()
                        .deriveKey(salt)
                        .open(code.deriveKey(salt).seal("x", "c"), "c"))
                .isInstanceOf(CryptoException.class);
    }
}
