package org.tipline.rewards;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.tipline.shared.internal.DatabaseAdministrator;
import org.tipline.support.Http;
import org.tipline.support.IntegrationTest;
import org.tipline.support.TestRewards;
import tools.jackson.databind.JsonNode;

/**
 * A certificate of recognition from claim to verification: the reporter asks for one in Chinese
 * with a display name; once the reward is paid they download it, signed by the organisation's
 * certificate key. Debian's {@code pdfsig} (poppler, an independent implementation) finds the
 * signature valid and a changed byte invalid; the Chinese text extracts as written; the QR code
 * decodes to the public verification page, which says valid — then revoked — and never the name.
 */
@IntegrationTest
class CertificateIntegrationTests {

    private static final String NAME = "王芳 Wang Fang 8812";

    @LocalServerPort
    int port;

    @Autowired
    TestRewards rewards;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DatabaseAdministrator database;

    @TempDir
    Path folder;

    @Test
    void aSignedChineseCertificateVerifiesWithPdfsigAndItsQrCodeLeadsToItsVerification() throws Exception {
        var s = rewards.setting(port, "reward-bands-cny.yaml");
        var http = s.http();
        var concluded = rewards.concluded(s, "Counterfeit medicine at the market.");
        rewards.visit(s, concluded.receipt());
        var reward = RewardWalk.notified(rewards, s, concluded.reference(), RewardWalk.bands(0, "8000", "1"));
        var id = reward.get("id").asString();
        var code = RewardWalk.code(http, concluded.receipt(), id);
        var body = new HashMap<String, Object>(
                Map.of("code", code, "proxy", "Chen", "certificate", true, "displayName", NAME, "language", "zh-CN"));
        var claimed = http.json("POST", "/api/v1/claims", body);
        assertThat(claimed.status()).as(claimed.body()).isEqualTo(200);
        assertThat(database.dumpEveryTable()).doesNotContain("Wang Fang 8812");
        // no certificate before the payment
        assertThat(forReporter(http, concluded.receipt()).get("issued").isNull())
                .isTrue();
        assertThat(http.get(
                                "/api/v1/followup/rewards/" + id + "/certificate",
                                "Authorization",
                                "Receipt " + concluded.receipt())
                        .status())
                .isEqualTo(404);
        RewardWalk.pay(rewards, s, id);

        var issued = forReporter(http, concluded.receipt()).get("issued");
        var serial = issued.get("serial").asString();
        assertThat(issued.get("state").asString()).isEqualTo("ISSUED");
        var download = http.get(
                "/api/v1/followup/rewards/" + id + "/certificate", "Authorization", "Receipt " + concluded.receipt());
        assertThat(download.status()).isEqualTo(200);
        assertThat(download.header("Content-Type").orElseThrow()).startsWith("application/pdf");
        var pdf = download.bytes();
        Files.createDirectories(Path.of("target/screenshots"));
        Files.write(Path.of("target/screenshots/certificate-zh-CN.pdf"), pdf); // kept as a test artifact
        assertThat(forReporter(http, concluded.receipt())
                        .get("issued")
                        .get("state")
                        .asString())
                .isEqualTo("DELIVERED");
        assertThat(http.get(
                                "/api/v1/followup/rewards/" + id + "/certificate",
                                "Authorization",
                                "Receipt AAAA-BBBB-CCCC-DDDD")
                        .status())
                .isEqualTo(401);

        // the text, Chinese included, extracts as written
        String verifyLink;
        try (var document = Loader.loadPDF(pdf)) {
            var text = new PDFTextStripper().getText(document);
            assertThat(text).contains("表彰证书").contains(NAME).contains("Rewards ");
            assertThat(text).contains(serial.substring(0, 4) + "-" + serial.substring(4, 8));
            assertThat(document.getSignatureDictionaries()).hasSize(1);
            assertThat(document.getSignatureDictionaries().get(0).getSubFilter())
                    .isEqualTo("ETSI.CAdES.detached");
            // the QR code carries the verification page's address
            var image = new PDFRenderer(document).renderImageWithDPI(0, 200, ImageType.RGB);
            var bitmap = new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image)));
            verifyLink = new QRCodeReader()
                    .decode(bitmap, Map.of(DecodeHintType.TRY_HARDER, Boolean.TRUE))
                    .getText();
        }
        assertThat(URI.create(verifyLink).getPath()).isEqualTo("/verify/" + serial);

        // poppler's pdfsig checks the signature over the file as it is, and not over a changed one
        var file = folder.resolve("certificate.pdf");
        Files.write(file, pdf);
        var checked = pdfsig(file);
        assertThat(checked).contains("Signature is Valid").contains("ETSI.CAdES.detached");
        var changed = pdf.clone();
        changed[pdf.length / 4] ^= 0x01; // inside the page drawn before signing
        var tampered = folder.resolve("tampered.pdf");
        Files.write(tampered, changed);
        assertThat(pdfsig(tampered)).doesNotContain("Signature is Valid");

        // the public page says valid, who issued it and when — never to whom
        var page = http.get("/verify/" + serial);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.html().select("#verify-valid")).hasSize(1);
        assertThat(page.body()).doesNotContain("Wang Fang").doesNotContain("王芳");
        assertThat(page.html().select("script")).isEmpty();
        assertThat(http.get("/api/v1/verify/" + serial.toLowerCase())
                        .json()
                        .get("valid")
                        .asBoolean())
                .isTrue();
        assertThat(http.get("/verify/ZZZZZZZZZZZZZZZZ").status()).isEqualTo(404);
        assertThat(http.get("/api/v1/verify/not-a-serial").status()).isEqualTo(404);

        // fraud: revoking the reward revokes its certificate
        var supervisor = rewards.as(s, s.nominator());
        var current =
                http.get("/api/v1/rewards/" + id, "Authorization", supervisor).json();
        var revoked = http.json(
                "POST",
                "/api/v1/rewards/" + id + "/revoke",
                Map.of("version", current.get("version").asLong(), "text", "Fabricated."),
                "Authorization",
                supervisor);
        assertThat(revoked.status()).as(revoked.body()).isEqualTo(200);
        assertThat(http.get("/verify/" + serial).html().select("#verify-revoked"))
                .hasSize(1);
        assertThat(http.get("/api/v1/verify/" + serial).json().get("valid").asBoolean())
                .isFalse();
        assertThat(http.get(
                                "/api/v1/followup/rewards/" + id + "/certificate",
                                "Authorization",
                                "Receipt " + concluded.receipt())
                        .status())
                .isEqualTo(410);
    }

    @Test
    void aPolicyWithoutCertificatesRefusesToIssueOne() {
        var s = rewards.setting(
                port, "reward-share-usd.yaml", yaml -> yaml.replace("certificate: true", "certificate: false"));
        var http = s.http();
        var concluded = rewards.concluded(s, "Inflated invoices to the ministry.");
        rewards.visit(s, concluded.receipt());
        var reward = RewardWalk.notified(rewards, s, concluded.reference(), RewardWalk.share(0, "300000", "2000000"));
        var code = RewardWalk.code(http, concluded.receipt(), reward.get("id").asString());
        var refused = http.json(
                "POST",
                "/api/v1/claims",
                Map.of("code", code, "name", "Jane", "contact", "jane@example.org", "certificate", true));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.json().get("errors").get("certificate").asString()).isEqualTo("error.reward.no-certificate");
        assertThat(jdbc.sql("SELECT state FROM reward WHERE id = ?::uuid")
                        .param(reward.get("id").asString())
                        .query(String.class)
                        .single())
                .isEqualTo("NOTIFIED");
    }

    private static JsonNode forReporter(Http http, String receipt) {
        var got = http.get("/api/v1/followup/rewards", "Authorization", "Receipt " + receipt);
        assertThat(got.status()).isEqualTo(200);
        return got.json().get(0);
    }

    private static String pdfsig(Path file) throws Exception {
        var process = new ProcessBuilder("pdfsig", file.toString())
                .redirectErrorStream(true)
                .start();
        var output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return output;
    }
}
