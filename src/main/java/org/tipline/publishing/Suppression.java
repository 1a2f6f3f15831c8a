package org.tipline.publishing;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Small-count suppression for published statistics, so that no single case can be singled out: a
 * count from 1 to {@value #THRESHOLD}−1 is shown as "<5"; and where a breakdown whose total is shown
 * has exactly one such cell, the smallest other non-zero cell is withheld too ("*"), since the
 * suppressed one could otherwise be worked out by subtraction. Zeros are shown: they single out no one.
 */
final class Suppression {

    /** The smallest count shown as it is. */
    static final int THRESHOLD = 5;

    static final String SMALL = "<5";

    static final String WITHHELD = "*";

    private Suppression() {}

    /** Returns {@code count} as shown on its own. */
    static String one(long count) {
        return count > 0 && count < THRESHOLD ? SMALL : Long.toString(count);
    }

    /** Returns each cell of a breakdown as shown, in the same order, its total being published. */
    static Map<String, String> breakdown(Map<String, Long> cells) {
        var shown = new LinkedHashMap<String, String>();
        var small = 0;
        String smallestOther = null;
        long smallestOtherCount = Long.MAX_VALUE;
        for (var cell : cells.entrySet()) {
            shown.put(cell.getKey(), one(cell.getValue()));
            var count = cell.getValue();
            if (count > 0 && count < THRESHOLD) {
                small++;
            } else if (count >= THRESHOLD && count < smallestOtherCount) {
                smallestOther = cell.getKey();
                smallestOtherCount = count;
            }
        }
        if (small == 1 && smallestOther != null) {
            shown.put(smallestOther, WITHHELD);
        }
        return shown;
    }
}
