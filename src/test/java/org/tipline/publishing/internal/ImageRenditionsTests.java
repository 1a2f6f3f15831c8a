package org.tipline.publishing.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.tipline.shared.InvalidInput;

/**
 * Image uploads are redrawn: the files kept carry no metadata of the original (EXIF with GPS, PNG
 * text), come at the widths pages use, and anything that is not a plain raster image, or claims a
 * canvas too large to decode safely, is refused before its pixels are decoded.
 */
public class ImageRenditionsTests {

    private final ImageRenditions renditions = new ImageRenditions();

    @Test
    void aPhotoWithGpsInItsExifComesBackWithoutAnyMetadataAtEachWidth() throws IOException {
        var upload = jpegWithGps(2000, 1500);
        assertThat(contains(upload, "Exif\0\0".getBytes(StandardCharsets.ISO_8859_1)))
                .isTrue();
        assertThat(contains(upload, "secret-place-51N".getBytes(StandardCharsets.US_ASCII)))
                .isTrue();

        var files = renditions.render(upload);

        assertThat(files).extracting(ImageRenditions.Rendition::width).containsExactly(480, 960, 1600);
        assertThat(files).extracting(ImageRenditions.Rendition::height).containsExactly(360, 720, 1200);
        for (var file : files) {
            assertThat(file.contentType()).isEqualTo("image/jpeg");
            assertThat(contains(file.bytes(), "Exif".getBytes(StandardCharsets.US_ASCII)))
                    .isFalse();
            assertThat(contains(file.bytes(), "secret-place-51N".getBytes(StandardCharsets.US_ASCII)))
                    .isFalse();
            assertThat(app1Segments(file.bytes()))
                    .as("no APP1 (EXIF, XMP) segment")
                    .isZero();
            var image = ImageIO.read(new ByteArrayInputStream(file.bytes()));
            assertThat(image.getWidth()).isEqualTo(file.width());
            // the pixels are the photo's: its left half red, its right half blue
            assertThat(new Color(image.getRGB(file.width() / 4, file.height() / 2)).getRed())
                    .isGreaterThan(200);
            assertThat(new Color(image.getRGB(3 * file.width() / 4, file.height() / 2)).getBlue())
                    .isGreaterThan(200);
        }
    }

    @Test
    void aTransparentPngStaysAPngWithoutItsTextChunksAndASmallImageKeepsItsWidth() throws IOException {
        var image = new BufferedImage(300, 200, BufferedImage.TYPE_INT_ARGB);
        image.setRGB(10, 10, 0x80FF0000);
        var png = withTextChunk(png(image), "Author", "secret-author-4711");
        assertThat(contains(png, "secret-author-4711".getBytes(StandardCharsets.US_ASCII)))
                .isTrue();

        var files = renditions.render(png);

        assertThat(files).hasSize(1);
        assertThat(files.getFirst().width()).isEqualTo(300);
        assertThat(files.getFirst().contentType()).isEqualTo("image/png");
        assertThat(contains(files.getFirst().bytes(), "secret-author-4711".getBytes(StandardCharsets.US_ASCII)))
                .isFalse();
        assertThat(ImageIO.read(new ByteArrayInputStream(files.getFirst().bytes()))
                        .getColorModel()
                        .hasAlpha())
                .isTrue();
    }

    @Test
    void aDecompressionBombIsRefusedFromItsHeader() {
        // a PNG of a few dozen bytes claiming a canvas of 100,000 × 100,000 pixels
        var bomb = pngHeaderOnly(100_000, 100_000);
        assertThatThrownBy(() -> renditions.render(bomb))
                .isInstanceOfSatisfying(
                        InvalidInput.class,
                        e -> assertThat(e.fieldErrors()).containsEntry("image", "error.image.canvas"));
    }

    @Test
    void aHugeRealImageIsRefusedAndATooLargeFileToo() throws IOException {
        // 7,000 × 7,000 = 49 megapixels of one colour: a small file, a canvas over the limit
        var huge = png(new BufferedImage(7000, 7000, BufferedImage.TYPE_BYTE_BINARY));
        assertThat(huge.length).isLessThan(1_000_000);
        assertThatThrownBy(() -> renditions.render(huge))
                .isInstanceOfSatisfying(
                        InvalidInput.class,
                        e -> assertThat(e.fieldErrors()).containsEntry("image", "error.image.canvas"));
        var heavy = new byte[(int) ImageRenditions.MAX_BYTES + 1];
        assertThatThrownBy(() -> renditions.render(heavy))
                .isInstanceOfSatisfying(
                        InvalidInput.class,
                        e -> assertThat(e.fieldErrors()).containsEntry("image", "error.image.too-large"));
    }

    @Test
    void svgWithScriptAndThingsThatAreNotImagesAreRefused() throws IOException {
        var svg = """
                <svg xmlns="http://www.w3.org/2000/svg" width="100" height="100">
                  <script>alert(document.cookie)</script><rect width="100" height="100"/>
                </svg>""".getBytes(StandardCharsets.UTF_8);
        var html = "<html><script>alert(1)</script></html>".getBytes(StandardCharsets.UTF_8);
        // a real PNG cut short after its header
        var truncated = java.util.Arrays.copyOf(png(new BufferedImage(50, 50, BufferedImage.TYPE_INT_RGB)), 40);
        for (var upload : new byte[][] {svg, html, truncated, new byte[] {(byte) 0xFF, (byte) 0xD8}}) {
            assertThatThrownBy(() -> renditions.render(upload))
                    .isInstanceOfSatisfying(
                            InvalidInput.class,
                            e -> assertThat(e.fieldErrors()).containsEntry("image", "error.image.invalid"));
        }
    }

    /** A JPEG whose left half is red and right half blue, with an EXIF segment holding GPS data. */
    public static byte[] jpegWithGps(int width, int height) throws IOException {
        var image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        var graphics = image.createGraphics();
        graphics.setColor(Color.RED);
        graphics.fillRect(0, 0, width / 2, height);
        graphics.setColor(Color.BLUE);
        graphics.fillRect(width / 2, 0, width - width / 2, height);
        graphics.dispose();
        var out = new ByteArrayOutputStream();
        ImageIO.write(image, "jpeg", out);
        var jpeg = out.toByteArray();
        var exif = exifWithGps();
        var segment = ByteBuffer.allocate(4 + 6 + exif.length).order(ByteOrder.BIG_ENDIAN);
        segment.put((byte) 0xFF).put((byte) 0xE1).putShort((short) (2 + 6 + exif.length));
        segment.put("Exif\0\0".getBytes(StandardCharsets.ISO_8859_1)).put(exif);
        var result = new ByteArrayOutputStream();
        result.write(jpeg, 0, 2);
        result.write(segment.array());
        result.write(jpeg, 2, jpeg.length - 2);
        return result.toByteArray();
    }

    /**
     * A little-endian TIFF structure: IFD0 with an image description and a pointer to a GPS IFD
     * holding latitude reference "N" and latitude 51° 30' 0".
     */
    private static byte[] exifWithGps() {
        var description = "secret-place-51N\0".getBytes(StandardCharsets.US_ASCII);
        var tiff = ByteBuffer.allocate(200).order(ByteOrder.LITTLE_ENDIAN);
        tiff.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(8);
        // IFD0 at 8: two entries
        int ifd0 = 8;
        int gpsIfd = ifd0 + 2 + 2 * 12 + 4; // 38
        int gpsEntries = 2;
        int latitude = gpsIfd + 2 + gpsEntries * 12 + 4; // 68
        int text = latitude + 24; // 92
        tiff.position(ifd0);
        tiff.putShort((short) 2);
        tiff.putShort((short) 0x010E)
                .putShort((short) 2)
                .putInt(description.length)
                .putInt(text);
        tiff.putShort((short) 0x8825).putShort((short) 4).putInt(1).putInt(gpsIfd);
        tiff.putInt(0);
        tiff.putShort((short) gpsEntries);
        tiff.putShort((short) 0x0001).putShort((short) 2).putInt(2).put(new byte[] {'N', 0, 0, 0});
        tiff.putShort((short) 0x0002).putShort((short) 5).putInt(3).putInt(latitude);
        tiff.putInt(0);
        tiff.putInt(51).putInt(1).putInt(30).putInt(1).putInt(0).putInt(1);
        tiff.put(description);
        var bytes = new byte[tiff.position()];
        tiff.flip();
        tiff.get(bytes);
        return bytes;
    }

    private static int app1Segments(byte[] jpeg) {
        int count = 0;
        int at = 2;
        while (at + 4 <= jpeg.length && (jpeg[at] & 0xFF) == 0xFF) {
            int marker = jpeg[at + 1] & 0xFF;
            if (marker == 0xDA) {
                break; // start of scan: the segments are over
            }
            if (marker == 0xE1) {
                count++;
            }
            at += 2 + (((jpeg[at + 2] & 0xFF) << 8) | (jpeg[at + 3] & 0xFF));
        }
        return count;
    }

    private static byte[] png(BufferedImage image) throws IOException {
        var out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    /** Inserts a tEXt chunk right after the IHDR chunk of a PNG. */
    private static byte[] withTextChunk(byte[] png, String key, String value) throws IOException {
        var out = new ByteArrayOutputStream();
        out.write(png, 0, 8 + 25);
        out.write(chunk("tEXt", (key + "\0" + value).getBytes(StandardCharsets.ISO_8859_1)));
        out.write(png, 33, png.length - 33);
        return out.toByteArray();
    }

    private static byte[] pngHeaderOnly(int width, int height) {
        var out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
        var header = ByteBuffer.allocate(13)
                .putInt(width)
                .putInt(height)
                .put((byte) 8)
                .put((byte) 2)
                .put((byte) 0)
                .put((byte) 0)
                .put((byte) 0);
        out.writeBytes(chunk("IHDR", header.array()));
        out.writeBytes(chunk("IDAT", new byte[] {0x78, (byte) 0x9C, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01}));
        out.writeBytes(chunk("IEND", new byte[0]));
        return out.toByteArray();
    }

    private static byte[] chunk(String type, byte[] data) {
        var buffer = ByteBuffer.allocate(12 + data.length);
        buffer.putInt(data.length);
        var typeBytes = type.getBytes(StandardCharsets.US_ASCII);
        buffer.put(typeBytes).put(data);
        var crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        buffer.putInt((int) crc.getValue());
        return buffer.array();
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
