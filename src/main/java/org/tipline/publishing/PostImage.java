package org.tipline.publishing;

import java.util.List;
import java.util.UUID;

/**
 * An image of a post, one panel of a poster series: shown in {@code position} order with its alt
 * text (required) and an optional caption, served at {@code widths}.
 *
 * @param width the widest file's width, in pixels
 * @param height the widest file's height, in pixels
 */
public record PostImage(
        UUID id, PostId post, int position, String alt, String caption, int width, int height, List<Integer> widths) {

    public PostImage {
        widths = List.copyOf(widths);
    }

    /** Returns the height of the file {@code at} pixels wide. */
    public int heightAt(int at) {
        return Math.max(1, (int) Math.round(height * (at / (double) width)));
    }

    /** Returns the narrowest width of at least {@code wanted}, or the widest there is. */
    public int widthFor(int wanted) {
        return widths.stream().filter(w -> w >= wanted).findFirst().orElse(widths.getLast());
    }

    @Override
    public String toString() {
        return "PostImage[" + id + "]";
    }
}
