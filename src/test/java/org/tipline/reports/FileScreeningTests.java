package org.tipline.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.imageio.ImageIO;
import org.apache.commons.imaging.Imaging;
import org.apache.commons.imaging.formats.jpeg.JpegImageMetadata;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDMetadata;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;
import org.tipline.support.TestImages;

/**
 * What a reporter's file is and what it gives away: the type from the bytes, executables refused
 * (alone or inside a ZIP), and metadata taken out of JPEG, PNG and PDF files with their content
 * left as it was; crafted files refused rather than kept with their metadata.
 */
class FileScreeningTests {

    private final FileScreening screening = new FileScreening(properties(DataSize.ofMegabytes(8)));

    @Test
    void aPhotoLosesItsLocationCameraAndXmpAndKeepsItsPixels() throws Exception {
        var photo = TestImages.jpegWithGps();
        var before = (JpegImageMetadata) Imaging.getMetadata(photo);
        assertThat(before.getExif().getGpsInfo()).isNotNull();
        var out = new ByteArrayOutputStream();
        var screened = screening.screen(new ByteArrayInputStream(photo), false, out);
        assertThat(screened.contentType()).isEqualTo("image/jpeg");
        assertThat(screened.removed()).contains("location", "camera", "exif", "xmp");
        var cleaned = out.toByteArray();
        var metadata = Imaging.getMetadata(cleaned);
        assertThat(metadata == null || ((JpegImageMetadata) metadata).getExif() == null)
                .isTrue();
        assertThat(Imaging.getXmpXml(cleaned)).isNull();
        var text = new String(cleaned, StandardCharsets.ISO_8859_1);
        assertThat(text)
                .doesNotContain("Exif")
                .doesNotContain(TestImages.CAMERA)
                .doesNotContain(TestImages.XMP_MARK);
        var image = ImageIO.read(new ByteArrayInputStream(cleaned));
        assertThat(image.getWidth()).isEqualTo(64);
        assertThat(new Color(image.getRGB(8, 8)).getRed()).isGreaterThan(200);

        // kept as sent when the reporter asks
        var kept = new ByteArrayOutputStream();
        assertThat(screening.screen(new ByteArrayInputStream(photo), true, kept).note())
                .isEqualTo("kept");
        assertThat(kept.toByteArray()).isEqualTo(photo);
    }

    @Test
    void aPngLosesItsTextAndTimeChunksAndKeepsItsPixels() throws Exception {
        var image = new BufferedImage(20, 10, BufferedImage.TYPE_INT_ARGB);
        image.setRGB(3, 3, 0xff00ff00);
        var plain = new ByteArrayOutputStream();
        ImageIO.write(image, "png", plain);
        var png = withChunks(
                plain.toByteArray(),
                chunk("tEXt", "Author\0Li Na 2231"),
                chunk("tIME", "\u0007\u00ea\u0001\u0002\u0003\u0004\u0005"));
        assertThat(new String(png, StandardCharsets.ISO_8859_1)).contains("Li Na 2231");
        var out = new ByteArrayOutputStream();
        var screened = screening.screen(new ByteArrayInputStream(png), false, out);
        assertThat(screened.removed()).containsExactly("text", "time");
        assertThat(new String(out.toByteArray(), StandardCharsets.ISO_8859_1)).doesNotContain("Li Na");
        var read = ImageIO.read(new ByteArrayInputStream(out.toByteArray()));
        assertThat(read.getRGB(3, 3)).isEqualTo(0xff00ff00);
        assertThat(out.toByteArray()).isEqualTo(plain.toByteArray());
    }

    @Test
    void aPdfLosesItsAuthorAndXmpAndKeepsItsText() throws Exception {
        byte[] pdf;
        try (var document = new PDDocument()) {
            var page = new PDPage();
            document.addPage(page);
            try (var content = new org.apache.pdfbox.pdmodel.PDPageContentStream(document, page)) {
                content.beginText();
                content.setFont(
                        new org.apache.pdfbox.pdmodel.font.PDType1Font(
                                org.apache.pdfbox.pdmodel.font.Standard14Fonts.FontName.HELVETICA),
                        12);
                content.newLineAtOffset(72, 700);
                content.showText("Minutes of the board");
                content.endText();
            }
            document.getDocumentInformation().setAuthor("Zhao Min 7781");
            document.getDocumentInformation().setCreator("Office on ZHAO-LAPTOP");
            var xmp = new PDMetadata(document);
            xmp.importXMPMetadata(
                    "<x:xmpmeta xmlns:x='adobe:ns:meta/'>Zhao Min 7781</x:xmpmeta>".getBytes(StandardCharsets.UTF_8));
            document.getDocumentCatalog().setMetadata(xmp);
            var out = new ByteArrayOutputStream();
            document.save(out);
            pdf = out.toByteArray();
        }
        var out = new ByteArrayOutputStream();
        var screened = screening.screen(new ByteArrayInputStream(pdf), false, out);
        assertThat(screened.contentType()).isEqualTo("application/pdf");
        assertThat(screened.removed()).containsExactly("document-info", "xmp");
        try (var cleaned = Loader.loadPDF(out.toByteArray())) {
            assertThat(cleaned.getDocumentInformation().getAuthor()).isNull();
            assertThat(cleaned.getDocumentCatalog().getMetadata()).isNull();
            assertThat(new PDFTextStripper().getText(cleaned)).contains("Minutes of the board");
        }
        assertThat(new String(out.toByteArray(), StandardCharsets.ISO_8859_1))
                .doesNotContain("Zhao")
                .doesNotContain("ZHAO-LAPTOP");
    }

    @Test
    void officeDocumentsLoseTheirPropertiesAndKeepTheirContent() throws Exception {
        var docx = new ByteArrayOutputStream();
        try (var zip = new ZipOutputStream(docx)) {
            for (var part : java.util.List.of(
                    java.util.Map.entry(
                            "[Content_Types].xml",
                            "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>"),
                    java.util.Map.entry("_rels/.rels", "<Relationships/>"),
                    java.util.Map.entry(
                            "docProps/core.xml",
                            "<cp:coreProperties xmlns:cp=\"x\" xmlns:dc=\"y\"><dc:creator>Zhao Min 7781</dc:creator></cp:coreProperties>"),
                    java.util.Map.entry("docProps/app.xml", "<Properties><Company>ACME-SECRET</Company></Properties>"),
                    java.util.Map.entry("word/document.xml", "<w:document>Minutes of the board</w:document>"))) {
                var entry = new ZipEntry(part.getKey());
                entry.setTime(java.time.Instant.parse("2026-11-29T08:15:00Z").toEpochMilli());
                zip.putNextEntry(entry);
                zip.write(part.getValue().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        var out = new ByteArrayOutputStream();
        var screened = screening.screen(new ByteArrayInputStream(docx.toByteArray()), false, out);
        assertThat(screened.contentType()).startsWith("application/x-tika-ooxml");
        assertThat(screened.removed()).containsExactly("document-info");
        var parts = new java.util.LinkedHashMap<String, String>();
        try (var zip = new java.util.zip.ZipInputStream(new ByteArrayInputStream(out.toByteArray()))) {
            java.util.zip.ZipEntry entry;
            while ((entry = zip.getNextEntry()) != null) {
                assertThat(entry.getTime())
                        .isLessThan(
                                java.time.Instant.parse("1981-01-01T00:00:00Z").toEpochMilli());
                parts.put(entry.getName(), new String(zip.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        assertThat(parts.keySet())
                .containsExactly(
                        "[Content_Types].xml",
                        "_rels/.rels",
                        "docProps/core.xml",
                        "docProps/app.xml",
                        "word/document.xml");
        assertThat(parts.get("word/document.xml")).isEqualTo("<w:document>Minutes of the board</w:document>");
        assertThat(new String(out.toByteArray(), StandardCharsets.ISO_8859_1))
                .doesNotContain("Zhao")
                .doesNotContain("ACME-SECRET");

        // an OpenDocument keeps its uncompressed mimetype first; a program inside is refused
        var odt = new ByteArrayOutputStream();
        try (var zip = new ZipOutputStream(odt)) {
            var mimetype = "application/vnd.oasis.opendocument.text".getBytes(StandardCharsets.US_ASCII);
            var first = new ZipEntry("mimetype");
            first.setMethod(ZipEntry.STORED);
            first.setSize(mimetype.length);
            var crc = new CRC32();
            crc.update(mimetype);
            first.setCrc(crc.getValue());
            zip.putNextEntry(first);
            zip.write(mimetype);
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry("meta.xml"));
            zip.write(
                    "<office:document-meta><meta:initial-creator>Zhao Min 7781</meta:initial-creator></office:document-meta>"
                            .getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry("content.xml"));
            zip.write("<office:document-content>Minutes</office:document-content>".getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        var cleanedOdt = new ByteArrayOutputStream();
        assertThat(screening
                        .screen(new ByteArrayInputStream(odt.toByteArray()), false, cleanedOdt)
                        .removed())
                .containsExactly("document-info");
        try (var zip = new java.util.zip.ZipInputStream(new ByteArrayInputStream(cleanedOdt.toByteArray()))) {
            var first = zip.getNextEntry();
            assertThat(first.getName()).isEqualTo("mimetype");
            assertThat(first.getMethod()).isEqualTo(ZipEntry.STORED);
        }
        assertThat(new String(cleanedOdt.toByteArray(), StandardCharsets.ISO_8859_1))
                .doesNotContain("Zhao");
        var withProgram = new ByteArrayOutputStream();
        try (var zip = new ZipOutputStream(withProgram)) {
            zip.putNextEntry(new ZipEntry("[Content_Types].xml"));
            zip.write("<Types/>".getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry("word/embeddings/oleObject1.bin"));
            zip.write(TestImages.windowsProgram());
            zip.closeEntry();
        }
        assertThatThrownBy(() ->
                        screening.screen(new ByteArrayInputStream(withProgram.toByteArray()), false, OutputStream()))
                .isInstanceOfSatisfying(
                        UploadRejected.class,
                        e -> assertThat(e.reason()).isEqualTo(UploadRejected.Reason.REFUSED_TYPE));
    }

    @Test
    void programsAreRefusedAloneAndInsideArchivesWhateverTheirName() throws Exception {
        var elf = new byte[64];
        elf[0] = 0x7f;
        elf[1] = 'E';
        elf[2] = 'L';
        elf[3] = 'F';
        elf[4] = 2;
        elf[5] = 1;
        elf[6] = 1;
        elf[16] = 2;
        var script = "#!/bin/sh\nrm -rf ~\n".getBytes(StandardCharsets.US_ASCII);
        for (var program : List.of(TestImages.windowsProgram(), elf, script)) {
            assertThatThrownBy(() -> screening.screen(new ByteArrayInputStream(program), false, OutputStream()))
                    .isInstanceOfSatisfying(
                            UploadRejected.class,
                            e -> assertThat(e.reason()).isEqualTo(UploadRejected.Reason.REFUSED_TYPE));
        }
        for (var archive : List.of(
                zip("invoice.pdf.exe", "harmless bytes".getBytes(StandardCharsets.US_ASCII)),
                zip("notes.txt", TestImages.windowsProgram()))) {
            assertThatThrownBy(() -> screening.screen(new ByteArrayInputStream(archive), false, OutputStream()))
                    .isInstanceOfSatisfying(
                            UploadRejected.class,
                            e -> assertThat(e.reason()).isEqualTo(UploadRejected.Reason.REFUSED_TYPE));
        }
        // an archive of documents goes through byte for byte
        var documents = zip("minutes.txt", "The board met.".getBytes(StandardCharsets.US_ASCII));
        var out = new ByteArrayOutputStream();
        assertThat(screening
                        .screen(new ByteArrayInputStream(documents), false, out)
                        .contentType())
                .isEqualTo("application/zip");
        assertThat(out.toByteArray()).isEqualTo(documents);
    }

    @Test
    void craftedImagesAreRefusedAndLargeOnesKeptWithANote() throws Exception {
        var photo = TestImages.jpegWithGps();
        // the EXIF segment claims to run past the end of the file
        var broken = Arrays.copyOf(photo, 40);
        broken[4] = (byte) 0xff;
        broken[5] = (byte) 0xf0;
        var truncatedPng = Arrays.copyOf(
                new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R', 0, 0},
                18);
        var badPdf = "%PDF-1.7\n1 0 obj << /Author (Zhao) >>\nnot a pdf".getBytes(StandardCharsets.US_ASCII);
        for (var crafted : List.of(broken, truncatedPng, badPdf)) {
            assertThatThrownBy(() -> screening.screen(new ByteArrayInputStream(crafted), false, OutputStream()))
                    .isInstanceOfSatisfying(
                            UploadRejected.class,
                            e -> assertThat(e.reason()).isEqualTo(UploadRejected.Reason.UNREADABLE_FILE));
        }
        var small = new FileScreening(properties(DataSize.ofBytes(100)));
        var out = new ByteArrayOutputStream();
        assertThat(small.screen(new ByteArrayInputStream(photo), false, out).note())
                .isEqualTo("too-large");
        assertThat(out.toByteArray()).isEqualTo(photo);
    }

    private static UploadProperties properties(DataSize cleanLimit) {
        return new UploadProperties(
                DataSize.ofMegabytes(100),
                DataSize.ofMegabytes(500),
                20,
                DataSize.ofKilobytes(200),
                DataSize.ofMegabytes(2),
                250,
                List.of(
                        "application/x-msdownload",
                        "application/x-dosexec",
                        "application/x-executable",
                        "application/x-elf",
                        "application/x-sharedlib",
                        "application/x-sh"),
                cleanLimit,
                DataSize.ofMegabytes(64));
    }

    private static java.io.OutputStream OutputStream() {
        return java.io.OutputStream.nullOutputStream();
    }

    private static byte[] zip(String name, byte[] content) throws IOException {
        var out = new ByteArrayOutputStream();
        try (var zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry(name));
            zip.write(content);
            zip.closeEntry();
        }
        return out.toByteArray();
    }

    private static byte[] chunk(String type, String data) {
        var bytes = data.getBytes(StandardCharsets.ISO_8859_1);
        var buffer = ByteBuffer.allocate(12 + bytes.length);
        buffer.putInt(bytes.length)
                .put(type.getBytes(StandardCharsets.US_ASCII))
                .put(bytes);
        var crc = new CRC32();
        crc.update(buffer.array(), 4, 4 + bytes.length);
        buffer.putInt((int) crc.getValue());
        return buffer.array();
    }

    /** Inserts {@code chunks} right after the IHDR chunk of {@code png}. */
    private static byte[] withChunks(byte[] png, byte[]... chunks) {
        var afterHeader = 8 + 12 + 13;
        var out = new ByteArrayOutputStream();
        out.write(png, 0, afterHeader);
        for (var chunk : chunks) {
            out.writeBytes(chunk);
        }
        out.write(png, afterHeader, png.length - afterHeader);
        return out.toByteArray();
    }
}
