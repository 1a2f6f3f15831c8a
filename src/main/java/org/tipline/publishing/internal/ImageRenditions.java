package org.tipline.publishing.internal;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import net.coobird.thumbnailator.Thumbnails;
import org.springframework.stereotype.Component;
import org.tipline.shared.ImageHeader;
import org.tipline.shared.InvalidInput;
import org.tipline.shared.ServiceBusy;

/**
 * Turns an editor's image upload into the files pages serve: the pixels decoded and drawn afresh
 * (turned upright by their EXIF orientation) at widths suited to phones and screens, so nothing of
 * the original file is served — no EXIF, GPS, XMP, IPTC, comments, profiles or trailing data.
 * Opaque images become JPEG, images with transparency PNG.
 *
 * <p>Only PNG, JPEG, GIF and WebP are read (what their bytes say, not their name); SVG and
 * anything else is refused, so no script can come in an image. The canvas size is read from the
 * header before any pixel is decoded, so a small file claiming a huge canvas (a decompression bomb)
 * is refused without allocating it; at most two images are decoded at once, so a flood of uploads
 * cannot exhaust memory.
 */
@Component
public class ImageRenditions {

    /** The largest upload accepted, in bytes. */
    public static final long MAX_BYTES = 10L * 1024 * 1024;

    /** The largest canvas accepted, in pixels, and the longest side. */
    static final long MAX_PIXELS = 40_000_000L;

    static final int MAX_SIDE = 12_000;

    /** The widths served; an image narrower than the smallest is served at its own width. */
    public static final List<Integer> WIDTHS = List.of(480, 960, 1600);

    private static final Set<String> FORMATS = Set.of("png", "jpeg", "gif", "webp");

    private final Semaphore decoding = new Semaphore(2);

    ImageRenditions() {
        // ImageIO registers the plug-ins its first caller's class loader sees; in the packaged
        // application that may not be the one holding TwelveMonkeys' WebP and JPEG readers
        javax.imageio.ImageIO.scanForPlugins();
    }

    /** One file served: its width and height in pixels, its type and bytes. */
    public record Rendition(int width, int height, String contentType, byte[] bytes) {
        @Override
        public String toString() {
            return "Rendition[" + width + "x" + height + " " + contentType + "]";
        }
    }

    /**
     * Returns the renditions of {@code upload}, widest last.
     *
     * @throws InvalidInput ({@code image}) if it is not an image Tipline reads or its canvas is too large
     * @throws ServiceBusy if other images are being decoded for longer than a few seconds
     */
    public List<Rendition> render(byte[] upload) {
        if (upload.length > MAX_BYTES) {
            throw invalid("error.image.too-large");
        }
        checkHeader(upload);
        try {
            if (!decoding.tryAcquire(5, TimeUnit.SECONDS)) {
                throw new ServiceBusy();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServiceBusy();
        }
        try {
            BufferedImage upright;
            try {
                // Thumbnailator reads the EXIF orientation of a JPEG and turns the pixels upright
                upright =
                        Thumbnails.of(new ByteArrayInputStream(upload)).scale(1).asBufferedImage();
            } catch (IOException | RuntimeException e) {
                throw invalid("error.image.invalid");
            }
            var opaque = !upright.getColorModel().hasAlpha();
            var renditions = new ArrayList<Rendition>();
            for (var width : widths(upright.getWidth())) {
                renditions.add(rendition(upright, width, opaque));
            }
            return renditions;
        } catch (IOException e) {
            throw invalid("error.image.invalid");
        } finally {
            decoding.release();
        }
    }

    private static List<Integer> widths(int original) {
        var widths = new ArrayList<Integer>();
        for (var width : WIDTHS) {
            if (width <= original) {
                widths.add(width);
            }
        }
        if (widths.isEmpty() || (original > widths.getLast() && original < WIDTHS.getLast())) {
            // the original's own width, when it falls between two sizes or below the smallest
            widths.add(original);
        }
        return widths;
    }

    private static Rendition rendition(BufferedImage image, int width, boolean opaque) throws IOException {
        var height = Math.max(1, (int) Math.round(image.getHeight() * (width / (double) image.getWidth())));
        var out = new ByteArrayOutputStream();
        var builder = Thumbnails.of(image).size(width, height).keepAspectRatio(false);
        if (opaque) {
            builder.imageType(BufferedImage.TYPE_INT_RGB)
                    .outputFormat("jpg")
                    .outputQuality(0.82f)
                    .toOutputStream(out);
            return new Rendition(width, height, "image/jpeg", out.toByteArray());
        }
        builder.imageType(BufferedImage.TYPE_INT_ARGB).outputFormat("png").toOutputStream(out);
        return new Rendition(width, height, "image/png", out.toByteArray());
    }

    /** Reads the format and canvas size from the header, refusing what is not wanted before decoding. */
    private static void checkHeader(byte[] upload) {
        var header = ImageHeader.read(upload)
                .filter(read -> FORMATS.contains(read.format()))
                .orElseThrow(() -> invalid("error.image.invalid"));
        if (!header.fits(MAX_SIDE, MAX_PIXELS)) {
            throw invalid("error.image.canvas");
        }
    }

    private static InvalidInput invalid(String message) {
        return new InvalidInput(Map.of("image", message));
    }
}
