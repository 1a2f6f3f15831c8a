package org.tipline.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SlugsTests {

    @Test
    void acceptsLowerCaseLettersDigitsAndInnerHyphensUpTo63() {
        for (var good : List.of("a", "report", "city-council", "x1-2", "a".repeat(63))) {
            assertThat(Slugs.isValid(good)).as(good).isTrue();
        }
        for (var bad : List.of("", "-a", "a-", "A", "a b", "a_b", "é", "a".repeat(64), "../x", "a/b")) {
            assertThat(Slugs.isValid(bad)).as(bad).isFalse();
        }
    }

    @Test
    void derivesASlugFromANameOrNothing() {
        assertThat(Slugs.derive("Städtische Werke GmbH")).isEqualTo("stadtische-werke-gmbh");
        assertThat(Slugs.derive("  <script>alert('x')</script> Agency ")).isEqualTo("script-alert-x-script-agency");
        assertThat(Slugs.derive("国家安全机关")).isEmpty();
        assertThat(Slugs.derive("x".repeat(70) + " y"))
                .hasSize(63)
                .satisfies(slug -> assertThat(Slugs.isValid(slug)).isTrue());
    }
}
