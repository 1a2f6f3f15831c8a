package org.tipline.publishing.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.MultiFormatReader;
import com.google.zxing.NotFoundException;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Posters in English, Chinese and Arabic, on A4 and A3: the QR code read back from the rendered
 * page carries the campaign's link; the text extracts again (Chinese as written, Arabic in its
 * letters once the joined forms are folded back); every font is embedded; nothing is drawn as "?".
 * The pages are saved under {@code target/posters} to look at.
 */
class PostersTests {

    private static final String LINK = "https://tips.example.org/o/city-hall/c/clean-water-2026";

    private final Posters posters = new Posters();

    @ParameterizedTest
    @CsvSource({"en,A4", "en,A3", "en,A6", "zh-CN,A4", "zh-CN,A3", "zh-CN,A6", "ar,A4", "ar,A3", "ar,A5"})
    void theQrCodeOnThePageCarriesTheCampaignLinkAndTheTextReadsBack(String language, String paper) throws Exception {
        var content = content(Locale.forLanguageTag(language));
        var pdf = posters.pdf(content, Posters.Paper.valueOf(paper));
        save(pdf, language + "-" + paper + ".pdf");
        try (var document = Loader.loadPDF(pdf)) {
            assertThat(document.getNumberOfPages()).isEqualTo(1);
            var size = document.getPage(0).getMediaBox();
            var expected = switch (paper) {
                case "A3" -> PDRectangle.A3;
                case "A5" -> PDRectangle.A5;
                case "A6" -> PDRectangle.A6;
                default -> PDRectangle.A4;
            };
            assertThat(size.getWidth()).isEqualTo(expected.getWidth());
            assertThat(size.getHeight()).isEqualTo(expected.getHeight());
            for (var name : document.getPage(0).getResources().getFontNames()) {
                var font = document.getPage(0).getResources().getFont(name);
                assertThat(font).isInstanceOf(PDType0Font.class);
                assertThat(((PDType0Font) font)
                                .getDescendantFont()
                                .getFontDescriptor()
                                .getFontFile2())
                        .as("font %s is embedded", font.getName())
                        .isNotNull();
            }
            var image = new PDFRenderer(document).renderImageWithDPI(0, 110, ImageType.RGB);
            assertThat(decode(image)).isEqualTo(LINK);
            var text = Normalizer.normalize(new PDFTextStripper().getText(document), Normalizer.Form.NFKC);
            assertThat(text).doesNotContain("?");
            assertThat(text).contains("tips.example.org/r/city-hall/water");
            switch (language) {
                case "zh-CN" -> assertThat(text.replaceAll("\\s+", "")).contains("举报饮用水污染", "市政厅");
                case "ar" -> assertThat(text).containsAnyOf("المياه", reverse("المياه"));
                default -> assertThat(text).contains("City Hall", "Report water pollution");
            }
        }
    }

    @ParameterizedTest
    @CsvSource({"en", "zh-CN", "ar"})
    void thePngForScreensCarriesTheSameCode(String language) throws Exception {
        var png = posters.png(content(Locale.forLanguageTag(language)), 96);
        save(png, language + ".png");
        var image = ImageIO.read(new ByteArrayInputStream(png));
        assertThat(image.getWidth()).isBetween(790, 800);
        assertThat(decode(image)).isEqualTo(LINK);
        // the same pixels as the printed PDF's page (a PNG drawn before the fonts were written
        // into the file showed wrong glyphs for Chinese)
        try (var document = Loader.loadPDF(posters.pdf(content(Locale.forLanguageTag(language)), Posters.Paper.A4))) {
            var printed = new PDFRenderer(document).renderImageWithDPI(0, 96, ImageType.RGB);
            assertThat(printed.getWidth()).isEqualTo(image.getWidth());
            assertThat(printed.getHeight()).isEqualTo(image.getHeight());
            for (int y = 0; y < image.getHeight(); y += 2) {
                for (int x = 0; x < image.getWidth(); x += 2) {
                    assertThat(image.getRGB(x, y) & 0xFFFFFF)
                            .as("pixel %d,%d", x, y)
                            .isEqualTo(printed.getRGB(x, y) & 0xFFFFFF);
                }
            }
        }
    }

    private static Posters.Content content(Locale language) {
        return switch (language.getLanguage()) {
            case "zh" ->
                new Posters.Content(
                        language,
                        "市政厅",
                        "举报饮用水污染：你的信息可以保护整个社区。",
                        "扫描二维码或访问",
                        "https://tips.example.org/r/city-hall/water",
                        "你可以匿名举报。我们不会记录你的 IP 地址。",
                        LINK);
            case "ar" ->
                new Posters.Content(
                        language,
                        "بلدية المدينة",
                        "أبلغ عن تلوث المياه: معلوماتك تحمي الحي كله.",
                        "امسح الرمز أو اذهب إلى",
                        "https://tips.example.org/r/city-hall/water",
                        "يمكنك الإبلاغ دون ذكر اسمك.",
                        LINK);
            default ->
                new Posters.Content(
                        language,
                        "City Hall",
                        "Report water pollution: what you know can protect the whole neighbourhood.",
                        "Scan the code or go to",
                        "https://tips.example.org/r/city-hall/water",
                        "You can report without giving your name. We do not record your IP address.",
                        LINK);
        };
    }

    private static String reverse(String text) {
        return new StringBuilder(text).reverse().toString();
    }

    private static String decode(BufferedImage image) throws NotFoundException {
        var bitmap = new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image)));
        return new MultiFormatReader()
                .decode(bitmap, Map.of(DecodeHintType.TRY_HARDER, Boolean.TRUE))
                .getText();
    }

    private static void save(byte[] bytes, String name) throws IOException {
        var directory = Path.of("target", "posters");
        Files.createDirectories(directory);
        Files.write(directory.resolve(name), bytes);
    }
}
