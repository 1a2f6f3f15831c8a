package org.tipline.shared;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Locale;
import java.util.Optional;
import javax.imageio.ImageIO;

/**
 * What an image file says of itself before any pixel is decoded: its format (as the bytes tell,
 * not the name) and its canvas. Reading this first lets a caller refuse a small file that claims a
 * huge canvas (a decompression bomb) without allocating it.
 *
 * @param format ImageIO's lower-case format name, e.g. {@code png}, {@code jpeg}, {@code webp}
 */
public record ImageHeader(String format, long width, long height) {

    /** Returns the header of {@code bytes}, or empty when no image reader knows them or they break off. */
    public static Optional<ImageHeader> read(byte[] bytes) {
        try (var input = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            if (input == null) {
                return Optional.empty();
            }
            var readers = ImageIO.getImageReaders(input);
            if (!readers.hasNext()) {
                return Optional.empty();
            }
            var reader = readers.next();
            try {
                reader.setInput(input, true, true);
                return Optional.of(new ImageHeader(
                        reader.getFormatName().toLowerCase(Locale.ROOT), reader.getWidth(0), reader.getHeight(0)));
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Returns whether the canvas is at most {@code maxSide} pixels a side and {@code maxPixels} in all. */
    public boolean fits(long maxSide, long maxPixels) {
        return width >= 1 && height >= 1 && width <= maxSide && height <= maxSide && width * height <= maxPixels;
    }
}
