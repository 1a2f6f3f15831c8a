package org.tipline.publishing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Small counts are hidden, and a lone hidden cell cannot be worked out from the total. */
class SuppressionTests {

    @Test
    void countsFromOneToFourAreShownAsFewerThanFive() {
        assertThat(Suppression.one(0)).isEqualTo("0");
        assertThat(Suppression.one(1)).isEqualTo("<5");
        assertThat(Suppression.one(4)).isEqualTo("<5");
        assertThat(Suppression.one(5)).isEqualTo("5");
        assertThat(Suppression.one(1234)).isEqualTo("1234");
    }

    @Test
    void aLoneSmallCellTakesTheSmallestOtherWithItSoNeitherCanBeSubtracted() {
        var shown = Suppression.breakdown(cells("a", 40L, "b", 7L, "c", 2L, "d", 0L, "e", 9L));
        assertThat(shown)
                .containsExactly(
                        Map.entry("a", "40"),
                        Map.entry("b", "*"),
                        Map.entry("c", "<5"),
                        Map.entry("d", "0"),
                        Map.entry("e", "9"));
    }

    @Test
    void twoSmallCellsProtectEachOtherAndNoSmallCellHidesNothing() {
        assertThat(Suppression.breakdown(cells("a", 40L, "b", 3L, "c", 1L)))
                .containsExactly(Map.entry("a", "40"), Map.entry("b", "<5"), Map.entry("c", "<5"));
        assertThat(Suppression.breakdown(cells("a", 40L, "b", 5L, "c", 0L)))
                .containsExactly(Map.entry("a", "40"), Map.entry("b", "5"), Map.entry("c", "0"));
        // nothing else to withhold: the small cell is all there is
        assertThat(Suppression.breakdown(cells("a", 3L, "b", 0L)))
                .containsExactly(Map.entry("a", "<5"), Map.entry("b", "0"));
    }

    private static Map<String, Long> cells(Object... pairs) {
        var cells = new LinkedHashMap<String, Long>();
        for (int i = 0; i < pairs.length; i += 2) {
            cells.put((String) pairs[i], (Long) pairs[i + 1]);
        }
        return cells;
    }
}
