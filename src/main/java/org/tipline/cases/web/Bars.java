package org.tipline.cases.web;

import java.util.ArrayList;
import java.util.List;

/**
 * A horizontal bar chart drawn on the server as SVG (no script, no library): each bar's label,
 * value and geometry, in a coordinate space {@link #WIDTH} wide.
 */
public record Bars(List<Bar> bars, int height) {

    static final int WIDTH = 640;
    private static final int LABEL = 220;
    private static final int ROW = 28;

    /** One bar: where it starts, how long it is, and where its value is written. */
    public record Bar(String label, long value, int y, int width, int textY) {}

    /** Draws bars for {@code values}, scaled to the largest. */
    static Bars of(List<String> labels, List<Long> values) {
        var max = values.stream().mapToLong(Long::longValue).max().orElse(0);
        var bars = new ArrayList<Bar>();
        for (int i = 0; i < labels.size(); i++) {
            var value = values.get(i);
            var width = max == 0 ? 0 : (int) Math.max(value > 0 ? 2 : 0, (WIDTH - LABEL - 60) * value / max);
            bars.add(new Bar(labels.get(i), value, i * ROW + 4, width, i * ROW + 19));
        }
        return new Bars(bars, Math.max(ROW, labels.size() * ROW + 4));
    }

    /** Returns where bars start. */
    public int start() {
        return LABEL;
    }

    /** Returns the width of the drawing. */
    public int width() {
        return WIDTH;
    }
}
