package org.tipline.shared;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import com.ibm.icu.text.ArabicShaping;
import com.ibm.icu.text.ArabicShapingException;
import com.ibm.icu.text.Bidi;
import com.ibm.icu.text.BreakIterator;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.fontbox.ttf.CmapLookup;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeCollection;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/**
 * Text and QR codes on PDF pages, in any language the pages have (posters, certificates): lines
 * break where ICU's line breaker allows (between words, or between Chinese characters); Arabic is
 * shaped into its joined forms and every line is put in visual order by ICU's bidirectional
 * algorithm before it is drawn (PDFBox does neither), aligned to the right in a right-to-left page.
 * Each character is drawn with the first font that has it: WenQuanYi Micro Hei (Latin, Cyrillic,
 * Greek, Chinese), then DejaVu Sans (Arabic, Hebrew); both are embedded as subsets.
 *
 * <p>Open one per document, draw, save the document, then close this (a font is subset, and its
 * embedded file written, only on saving).
 */
public final class PdfCanvas implements AutoCloseable {

    private static final byte[] CJK = resource("/fonts/wqy-microhei.ttc");
    private static final byte[] ARABIC = resource("/fonts/DejaVuSans.ttf");

    private final TrueTypeCollection collection;
    private final TrueTypeFont arabic;
    private final List<Face> faces;

    private PdfCanvas(TrueTypeCollection collection, TrueTypeFont arabic, List<Face> faces) {
        this.collection = collection;
        this.arabic = arabic;
        this.faces = faces;
    }

    /** Loads the fonts into {@code document}. */
    public static PdfCanvas open(PDDocument document) {
        TrueTypeCollection collection = null;
        TrueTypeFont arabic = null;
        try {
            collection = new TrueTypeCollection(new ByteArrayInputStream(CJK));
            arabic = new TTFParser().parse(new RandomAccessReadBuffer(ARABIC));
            var cjk = collection.getFontByName("WenQuanYiMicroHei");
            var faces = List.of(
                    new Face(PDType0Font.load(document, cjk, true), cjk.getUnicodeCmapLookup()),
                    new Face(PDType0Font.load(document, arabic, true), arabic.getUnicodeCmapLookup()));
            return new PdfCanvas(collection, arabic, faces);
        } catch (IOException e) {
            closeQuietly(collection, arabic);
            throw new UncheckedIOException(e);
        }
    }

    /** Returns a writer of lines on {@code stream}, between {@code left} and {@code left + width}. */
    public Writer writer(PDPageContentStream stream, Locale language, float left, float width) {
        return new Writer(stream, faces, language, isRightToLeft(language), left, width);
    }

    /** Returns whether text in {@code language} runs from right to left. */
    public static boolean isRightToLeft(Locale language) {
        return switch (language.getLanguage()) {
            case "ar", "he", "fa", "ur" -> true;
            default -> false;
        };
    }

    @Override
    public void close() {
        closeQuietly(collection, arabic);
    }

    private static void closeQuietly(AutoCloseable... closeables) {
        for (var closeable : closeables) {
            if (closeable != null) {
                try {
                    closeable.close();
                } catch (Exception e) {
                    // nothing was written through it
                }
            }
        }
    }

    /** Draws the QR code of {@code text} as filled squares, with a quiet zone of four modules around it. */
    public static void qr(PDPageContentStream stream, String text, float x, float y, float side) throws IOException {
        BitMatrix matrix;
        try {
            matrix = new QRCodeWriter()
                    .encode(
                            text,
                            BarcodeFormat.QR_CODE,
                            0,
                            0,
                            Map.of(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M, EncodeHintType.MARGIN, 4));
        } catch (WriterException e) {
            throw new IllegalArgumentException("The link does not fit in a QR code", e);
        }
        var module = side / matrix.getWidth();
        for (int row = 0; row < matrix.getHeight(); row++) {
            for (int column = 0; column < matrix.getWidth(); column++) {
                if (matrix.get(column, row)) {
                    stream.addRect(x + column * module, y + side - (row + 1) * module, module, module);
                }
            }
        }
        stream.fill();
    }

    /** A font and its map from characters to glyphs. */
    private record Face(PDType0Font font, CmapLookup cmap) {
        boolean draws(int codePoint) {
            return cmap.getGlyphId(codePoint) > 0;
        }
    }

    /** Writes lines of text: broken, shaped, put in visual order and drawn run by run. */
    public static final class Writer {
        private final PDPageContentStream stream;
        private final List<Face> faces;
        private final Locale language;
        private final boolean rtl;
        private final float left;
        private final float width;

        Writer(PDPageContentStream stream, List<Face> faces, Locale language, boolean rtl, float left, float width) {
            this.stream = stream;
            this.faces = faces;
            this.language = language;
            this.rtl = rtl;
            this.left = left;
            this.width = width;
        }

        /**
         * Writes {@code text} from {@code top} down, broken into lines that fit, centred when
         * {@code gap} is 0 and aligned to the start of the line otherwise; returns the next free y.
         */
        public float paragraph(String text, float size, float top, float gap) throws IOException {
            var y = top;
            for (var line : lines(clean(text), size)) {
                y -= size;
                var visual = visual(line);
                var lineWidth = width(visual, size);
                float x;
                if (gap == 0f) {
                    x = left + (width - lineWidth) / 2;
                } else {
                    x = rtl ? left + width - lineWidth : left;
                }
                draw(visual, size, x, y);
                y -= size * 0.4f;
            }
            return y;
        }

        /** Writes one line of left-to-right text (an address) centred at {@code top}. */
        public void centred(String text, float size, float top) throws IOException {
            var line = clean(text);
            var fitted = size;
            while (width(line, fitted) > width && fitted > 6) {
                fitted -= 0.5f;
            }
            draw(line, fitted, left + (width - width(line, fitted)) / 2, top - fitted);
        }

        private List<String> lines(String text, float size) throws IOException {
            var lines = new ArrayList<String>();
            var breaks = BreakIterator.getLineInstance(language);
            breaks.setText(text);
            int start = 0;
            int lastFit = -1;
            for (int end = breaks.next(); end != BreakIterator.DONE; end = breaks.next()) {
                var candidate = text.substring(start, end).strip();
                if (width(shape(candidate), size) <= width) {
                    lastFit = end;
                    continue;
                }
                if (lastFit > start) {
                    lines.add(text.substring(start, lastFit).strip());
                    start = lastFit;
                    lastFit = width(shape(text.substring(start, end).strip()), size) <= width ? end : -1;
                    if (lastFit == -1) {
                        lines.addAll(hardBreak(text.substring(start, end).strip(), size));
                        start = end;
                    }
                } else {
                    lines.addAll(hardBreak(candidate, size));
                    start = end;
                }
            }
            if (start < text.length() && !text.substring(start).isBlank()) {
                lines.add(text.substring(start).strip());
            }
            return lines;
        }

        /** Breaks a word too long for a line between characters. */
        private List<String> hardBreak(String word, float size) throws IOException {
            var lines = new ArrayList<String>();
            var current = new StringBuilder();
            for (int i = 0; i < word.length(); ) {
                var cp = word.codePointAt(i);
                var next = current + Character.toString(cp);
                if (!current.isEmpty() && width(shape(next), size) > width) {
                    lines.add(current.toString());
                    current.setLength(0);
                }
                current.appendCodePoint(cp);
                i += Character.charCount(cp);
            }
            if (!current.isEmpty()) {
                lines.add(current.toString());
            }
            return lines;
        }

        /** Shapes a logical line and puts it in the order it is drawn, left to right. */
        private String visual(String line) {
            var bidi = new Bidi(shape(line), rtl ? Bidi.RTL : Bidi.LTR);
            return bidi.writeReordered(Bidi.DO_MIRRORING);
        }

        private float width(String text, float size) throws IOException {
            float total = 0;
            for (var run : runs(text)) {
                total += run.face().font().getStringWidth(run.text()) / 1000 * size;
            }
            return total;
        }

        private void draw(String text, float size, float x, float y) throws IOException {
            var at = x;
            for (var run : runs(text)) {
                stream.beginText();
                stream.setFont(run.face().font(), size);
                stream.newLineAtOffset(at, y);
                stream.showText(run.text());
                stream.endText();
                at += run.face().font().getStringWidth(run.text()) / 1000 * size;
            }
        }

        /** Splits text into runs each drawn with one font; a character no font has becomes "?". */
        private List<Run> runs(String text) {
            var runs = new ArrayList<Run>();
            Face current = null;
            var buffer = new StringBuilder();
            for (int i = 0; i < text.length(); ) {
                var cp = text.codePointAt(i);
                i += Character.charCount(cp);
                var face = faces.stream().filter(f -> f.draws(cp)).findFirst().orElse(null);
                var drawn = cp;
                if (face == null) {
                    face = faces.getFirst();
                    drawn = '?';
                }
                if (face != current && !buffer.isEmpty()) {
                    runs.add(new Run(current, buffer.toString()));
                    buffer.setLength(0);
                }
                current = face;
                buffer.appendCodePoint(drawn);
            }
            if (!buffer.isEmpty()) {
                runs.add(new Run(current, buffer.toString()));
            }
            return runs;
        }

        private static String shape(String text) {
            try {
                return new ArabicShaping(ArabicShaping.LETTERS_SHAPE | ArabicShaping.TEXT_DIRECTION_LOGICAL)
                        .shape(text);
            } catch (ArabicShapingException e) {
                return text;
            }
        }

        /** Replaces control and format characters (a bidi override an editor pasted, for one) with spaces. */
        private static String clean(String text) {
            var out = new StringBuilder(text.length());
            text.codePoints()
                    .forEach(cp -> out.appendCodePoint(
                            Character.isISOControl(cp) || Character.getType(cp) == Character.FORMAT ? ' ' : cp));
            return out.toString().strip();
        }
    }

    private record Run(Face face, String text) {}

    private static byte[] resource(String name) {
        try (var in = PdfCanvas.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the classpath");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
