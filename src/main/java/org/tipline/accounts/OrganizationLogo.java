package org.tipline.accounts;

import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.Set;
import javax.imageio.ImageIO;
import org.tipline.shared.ImageHeader;
import org.tipline.shared.InvalidInput;

/**
 * Turns an admin's logo upload into what reporter pages show: a PNG drawn afresh from the pixels,
 * at most {@link #MAX_HEIGHT} pixels high, so that nothing of the original file (EXIF, comments,
 * embedded profiles, trailing data) is served.
 *
 * <p>Implementation notes: the image's size is read from its header before any pixel is decoded,
 * so a small file that claims a huge canvas is refused without allocating it.
 */
final class OrganizationLogo {

    /** The largest upload accepted. */
    static final int MAX_BYTES = 512 * 1024;

    static final int MAX_HEIGHT = 160;
    private static final int MAX_SIDE = 4096;
    private static final Set<String> FORMATS = Set.of("png", "jpeg", "gif");

    private OrganizationLogo() {}

    /**
     * Returns {@code upload} redrawn as a PNG.
     *
     * @throws InvalidInput ({@code logo}) if it is not a PNG, JPEG or GIF image of sensible size
     */
    static byte[] redraw(byte[] upload) {
        if (upload.length == 0) {
            throw invalid("error.required");
        }
        if (upload.length > MAX_BYTES) {
            throw invalid("error.logo.too-large");
        }
        var header = ImageHeader.read(upload)
                .filter(read -> FORMATS.contains(read.format()))
                .orElseThrow(() -> invalid("error.logo.invalid"));
        if (!header.fits(MAX_SIDE, (long) MAX_SIDE * MAX_SIDE)) {
            throw invalid("error.logo.invalid");
        }
        try {
            var image = ImageIO.read(new ByteArrayInputStream(upload));
            if (image == null) {
                throw invalid("error.logo.invalid");
            }
            return png(scaled(image));
        } catch (IOException | RuntimeException e) {
            if (e instanceof InvalidInput invalid) {
                throw invalid;
            }
            throw invalid("error.logo.invalid");
        }
    }

    private static BufferedImage scaled(BufferedImage image) {
        int height = Math.min(MAX_HEIGHT, image.getHeight());
        int width = Math.max(1, (int) Math.round(image.getWidth() * (height / (double) image.getHeight())));
        var out = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        var graphics = out.createGraphics();
        try {
            graphics.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
            graphics.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            graphics.drawImage(image, 0, 0, width, height, null);
        } finally {
            graphics.dispose();
        }
        return out;
    }

    private static byte[] png(BufferedImage image) throws IOException {
        var out = new ByteArrayOutputStream();
        if (!ImageIO.write(image, "png", out)) {
            throw new IOException("No PNG writer");
        }
        return out.toByteArray();
    }

    private static InvalidInput invalid(String message) {
        return new InvalidInput(Map.of("logo", message));
    }
}
