package org.tipline.support;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import javax.imageio.ImageIO;
import org.apache.commons.imaging.formats.jpeg.exif.ExifRewriter;
import org.apache.commons.imaging.formats.jpeg.xmp.JpegXmpRewriter;
import org.apache.commons.imaging.formats.tiff.constants.TiffTagConstants;
import org.apache.commons.imaging.formats.tiff.write.TiffOutputSet;

/** Files as reporters send them: a phone photo that says where it was taken, a Windows program. */
public final class TestImages {

    /** The camera make written into the photo's EXIF. */
    public static final String CAMERA = "Okapiphone";

    /** A word only the photo's XMP packet holds. */
    public static final String XMP_MARK = "Taken-by-Li-Na-2231";

    private TestImages() {}

    /**
     * Returns a 64 × 48 red JPEG (encoded by ImageIO) with EXIF written by Commons Imaging: camera
     * make and model and a GPS position (39.909 N, 116.397 E), and an XMP packet naming its author.
     */
    public static byte[] jpegWithGps() {
        try {
            var image = new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB);
            var graphics = image.createGraphics();
            graphics.setColor(Color.RED);
            graphics.fillRect(0, 0, 64, 48);
            graphics.dispose();
            var plain = new ByteArrayOutputStream();
            ImageIO.write(image, "jpg", plain);
            var exif = new TiffOutputSet();
            var root = exif.getOrCreateRootDirectory();
            root.add(TiffTagConstants.TIFF_TAG_MAKE, CAMERA);
            root.add(TiffTagConstants.TIFF_TAG_MODEL, "Okapi 9 Pro");
            exif.setGpsInDegrees(116.397, 39.909);
            var withExif = new ByteArrayOutputStream();
            new ExifRewriter().updateExifMetadataLossless(plain.toByteArray(), withExif, exif);
            var withXmp = new ByteArrayOutputStream();
            new JpegXmpRewriter()
                    .updateXmpXml(
                            withExif.toByteArray(),
                            withXmp,
                            "<x:xmpmeta xmlns:x='adobe:ns:meta/'><rdf:RDF xmlns:rdf='http://www.w3.org/1999/02/22-rdf-syntax-ns#'>"
                                    + "<rdf:Description xmlns:dc='http://purl.org/dc/elements/1.1/' dc:creator='"
                                    + XMP_MARK
                                    + "'/></rdf:RDF></x:xmpmeta>");
            return withXmp.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Returns the start of a Windows program: a DOS header pointing at a PE header. */
    public static byte[] windowsProgram() {
        var program = ByteBuffer.allocate(512).order(ByteOrder.LITTLE_ENDIAN);
        program.put((byte) 'M').put((byte) 'Z');
        program.putInt(0x3c, 0x80);
        program.position(0x80);
        program.put((byte) 'P').put((byte) 'E').put((byte) 0).put((byte) 0);
        program.putShort((short) 0x14c);
        return program.array();
    }
}
