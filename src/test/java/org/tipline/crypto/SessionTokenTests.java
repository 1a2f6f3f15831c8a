package org.tipline.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SessionTokenTests {

    @Test
    void roundTripsThroughItsEncodedForm() {
        var token = SessionToken.generate();
        var parsed = SessionToken.parse(token.encoded());
        assertThat(parsed).isNotNull();
        assertThat(parsed.id()).isEqualTo(token.id());
        assertThat(parsed.key().toBytes()).isEqualTo(token.key().toBytes());
        assertThat(SessionToken.generate().encoded()).isNotEqualTo(token.encoded());
    }

    @Test
    void refusesWhatCannotBeAToken() {
        var valid = SessionToken.generate().encoded();
        assertThat(SessionToken.parse(null)).isNull();
        assertThat(SessionToken.parse("")).isNull();
        assertThat(SessionToken.parse("no-dot")).isNull();
        assertThat(SessionToken.parse(valid.substring(0, valid.indexOf('.')) + ".c2hvcnQ"))
                .isNull();
        assertThat(SessionToken.parse("!!!." + valid.substring(valid.indexOf('.') + 1)))
                .isNull();
        assertThat(SessionToken.parse(valid + "x".repeat(300))).isNull();
    }

    @Test
    void neverPrintsItself() {
        var token = SessionToken.generate();
        assertThat(token).hasToString("SessionToken[redacted]");
    }
}
