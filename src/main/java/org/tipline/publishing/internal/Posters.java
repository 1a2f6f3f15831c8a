package org.tipline.publishing.internal;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.springframework.stereotype.Component;
import org.tipline.shared.PdfCanvas;

/**
 * Draws a campaign's printable poster or card: a page (A3, A4, A5 or A6) with the organisation's name, the
 * campaign's message, a QR code of the campaign's link and the channel's address, as a PDF with its
 * fonts embedded (subsets), or as a PNG of the same page for screens. Text in any language the pages
 * have, right-aligned in a right-to-left poster ({@link PdfCanvas}).
 */
@Component
public class Posters {

    /** The paper a poster is printed on: A3 and A4 for walls and notice boards, A5 and A6 as cards. */
    public enum Paper {
        A3(PDRectangle.A3),
        A4(PDRectangle.A4),
        A5(PDRectangle.A5),
        A6(PDRectangle.A6);

        private final PDRectangle size;

        Paper(PDRectangle size) {
            this.size = size;
        }
    }

    /**
     * What a poster says.
     *
     * @param language the language its text is in, which also sets its direction
     * @param link what its QR code carries: the campaign's link
     * @param address the channel's address, printed for those who type it in
     */
    public record Content(
            Locale language,
            String organization,
            String message,
            String scan,
            String address,
            String note,
            String link) {

        @Override
        public String toString() {
            return "Poster.Content[" + language.toLanguageTag() + "]";
        }
    }

    private static final float A4_WIDTH = PDRectangle.A4.getWidth();

    /** Returns the poster as a PDF on {@code paper}. */
    public byte[] pdf(Content content, Paper paper) {
        return render(content, paper, document -> {
            var out = new ByteArrayOutputStream();
            document.save(out);
            return out.toByteArray();
        });
    }

    /** Returns the A4 poster as a PNG at {@code dpi} dots per inch. */
    public byte[] png(Content content, int dpi) {
        // drawn from the saved PDF: a font is subset (and its embedded file written) only on saving
        try (var document = org.apache.pdfbox.Loader.loadPDF(pdf(content, Paper.A4))) {
            BufferedImage image = new PDFRenderer(document).renderImageWithDPI(0, dpi, ImageType.RGB);
            var out = new ByteArrayOutputStream();
            ImageIO.write(image, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private interface Output {
        byte[] write(PDDocument document) throws IOException;
    }

    /** Draws the poster and hands it to {@code output} while its fonts are still open. */
    private byte[] render(Content content, Paper paper, Output output) {
        try (var document = new PDDocument();
                var canvas = PdfCanvas.open(document)) {
            draw(document, canvas, content, paper);
            return output.write(document);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void draw(PDDocument document, PdfCanvas canvas, Content content, Paper paper) throws IOException {
        var info = document.getDocumentInformation();
        info.setTitle(content.organization());
        var page = new PDPage(paper.size);
        document.addPage(page);
        var width = paper.size.getWidth();
        var height = paper.size.getHeight();
        var scale = width / A4_WIDTH;
        var margin = 48 * scale;
        try (var stream = new PDPageContentStream(document, page)) {
            var writer = canvas.writer(stream, content.language(), margin, width - 2 * margin);
            float y = height - margin;
            y = writer.paragraph(content.organization(), 20 * scale, y, 0.35f);
            y -= 8 * scale;
            stream.setNonStrokingColor(0.08f, 0.32f, 0.55f);
            stream.addRect(margin, y, width - 2 * margin, 3 * scale);
            stream.fill();
            stream.setNonStrokingColor(0f, 0f, 0f);
            y -= 36 * scale;
            y = writer.paragraph(content.message(), 34 * scale, y, 0f);
            y -= 24 * scale;
            var side = Math.min(250 * scale, y - 190 * scale);
            PdfCanvas.qr(stream, content.link(), (width - side) / 2, y - side, side);
            y -= side + 30 * scale;
            y = writer.paragraph(content.scan(), 16 * scale, y, 0f);
            y -= 4 * scale;
            writer.centred(content.address(), 15 * scale, y);
            y -= 40 * scale;
            writer.paragraph(content.note(), 12 * scale, y, 0.3f);
        }
    }
}
