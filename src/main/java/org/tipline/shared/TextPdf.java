package org.tipline.shared;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Calendar;
import org.apache.fontbox.ttf.CmapLookup;
import org.apache.fontbox.ttf.TrueTypeCollection;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/**
 * Writes a plain A4 document of headings, label–value lines and paragraphs as a PDF (PDFBox), with
 * the WenQuanYi Micro Hei font embedded as a subset so that Latin, Cyrillic, Greek and Chinese text
 * renders and can be extracted again. Lines wrap at spaces, or anywhere in text without spaces
 * (Chinese); pages break by themselves. Characters the font cannot draw are written as {@code ?}.
 * Not thread-safe: one instance per document; {@link #finish()} returns the bytes.
 *
 * <p>Implementation notes: the font file (5 MB) is read once per JVM; each document parses it
 * lazily and embeds only the glyphs it uses. PDF metadata records the title and nothing else (no
 * author, no producer with a version).
 */
public final class TextPdf {

    private static final float MARGIN = 56;
    private static final float BODY = 10;
    private static final float LEADING = 1.45f;
    private static final byte[] FONT = loadFont();

    private final PDDocument document = new PDDocument();
    private final TrueTypeCollection collection;
    private final TrueTypeFont ttf;
    private final CmapLookup cmap;
    private final PDType0Font font;
    private PDPageContentStream content;
    private float y;

    /** Starts a document with {@code title} as its metadata title. */
    public TextPdf(String title) {
        try {
            collection = new TrueTypeCollection(new ByteArrayInputStream(FONT));
            ttf = collection.getFontByName("WenQuanYiMicroHei");
            if (ttf == null) {
                throw new IllegalStateException("The embedded font is missing from fonts/wqy-microhei.ttc");
            }
            cmap = ttf.getUnicodeCmapLookup();
            font = PDType0Font.load(document, ttf, true);
            var info = document.getDocumentInformation();
            info.setTitle(drawable(title));
            info.setCreationDate(Calendar.getInstance(java.util.TimeZone.getTimeZone("UTC")));
            newPage();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Adds a heading; level 1 is the title. */
    public TextPdf heading(String text, int level) {
        var size = level <= 1 ? 18f : level == 2 ? 14f : 12f;
        space(level <= 1 ? 0 : size * 0.8f);
        lines(text, size, 0);
        space(size * 0.3f);
        return this;
    }

    /** Adds a line "label: value", the value wrapped under itself. */
    public TextPdf field(String label, String value) {
        lines(label + ": " + value, BODY, 0);
        return this;
    }

    /** Adds a paragraph; line breaks in the text are kept. */
    public TextPdf paragraph(String text) {
        return paragraph(text, 0);
    }

    /** Adds a paragraph indented by {@code indent} points. */
    public TextPdf paragraph(String text, float indent) {
        for (var line : text.split("\\R", -1)) {
            lines(line, BODY, indent);
        }
        space(BODY * 0.5f);
        return this;
    }

    /** Adds a small line in grey, such as who wrote something and when. */
    public TextPdf caption(String text) {
        try {
            content.setNonStrokingColor(0.35f, 0.35f, 0.35f);
            lines(text, BODY - 1, 0);
            content.setNonStrokingColor(0f, 0f, 0f);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** Ends the document and returns it as PDF bytes. */
    public byte[] finish() {
        try (collection;
                document) {
            content.close();
            var out = new ByteArrayOutputStream();
            document.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Returns the text with what the font cannot draw replaced by {@code ?}, and controls by spaces. */
    String drawable(String text) {
        var out = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> {
            if (Character.isISOControl(cp) || Character.getType(cp) == Character.FORMAT) {
                out.append(' ');
            } else {
                try {
                    out.appendCodePoint(cmap.getGlyphId(cp) > 0 ? cp : '?');
                } catch (RuntimeException e) {
                    out.append('?');
                }
            }
        });
        return out.toString();
    }

    private void lines(String text, float size, float indent) {
        var width = PDRectangle.A4.getWidth() - 2 * MARGIN - indent;
        var remaining = drawable(text).stripTrailing();
        if (remaining.isEmpty()) {
            space(size * LEADING);
            return;
        }
        while (!remaining.isEmpty()) {
            var cut = fit(remaining, size, width);
            show(remaining.substring(0, cut).stripTrailing(), size, indent);
            remaining = remaining.substring(cut).stripLeading();
        }
    }

    /** Returns how many chars of {@code text} fit on a line: up to the last space that fits, or any char. */
    private int fit(String text, float size, float width) {
        var lastSpace = -1;
        var i = 0;
        while (i < text.length()) {
            var next = text.offsetByCodePoints(i, 1);
            if (widthOf(text.substring(0, next), size) > width) {
                if (i == 0) {
                    return next; // one character wider than a line: it goes alone
                }
                return lastSpace > 0 ? lastSpace : i;
            }
            if (Character.isWhitespace(text.codePointAt(i))) {
                lastSpace = i;
            }
            i = next;
        }
        return text.length();
    }

    private float widthOf(String text, float size) {
        try {
            return font.getStringWidth(text) / 1000 * size;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void show(String line, float size, float indent) {
        space(size * LEADING);
        try {
            content.beginText();
            content.setFont(font, size);
            content.newLineAtOffset(MARGIN + indent, y);
            content.showText(line);
            content.endText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void space(float height) {
        y -= height;
        if (y < MARGIN) {
            newPage();
            y -= height;
        }
    }

    private void newPage() {
        try {
            if (content != null) {
                content.close();
            }
            var page = new PDPage(PDRectangle.A4);
            document.addPage(page);
            content = new PDPageContentStream(document, page);
            y = PDRectangle.A4.getHeight() - MARGIN;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] loadFont() {
        try (var in = TextPdf.class.getResourceAsStream("/fonts/wqy-microhei.ttc")) {
            if (in == null) {
                throw new IllegalStateException("fonts/wqy-microhei.ttc is missing from the classpath");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
