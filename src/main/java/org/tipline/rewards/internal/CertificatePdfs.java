package org.tipline.rewards.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.time.Instant;
import java.util.GregorianCalendar;
import java.util.List;
import java.util.Locale;
import java.util.TimeZone;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.SignatureOptions;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.ess.ESSCertIDv2;
import org.bouncycastle.asn1.ess.SigningCertificateV2;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.DefaultSignedAttributeTableGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.springframework.stereotype.Component;
import org.tipline.shared.PdfCanvas;

/**
 * Draws a certificate of recognition (A4, landscape) and signs it: a PAdES baseline signature
 * (ETSI.CAdES.detached; CMS SignedData over the file's byte ranges with the signer's certificate
 * and the signing-certificate-v2 attribute, the time in the signature dictionary, not in the CMS)
 * with the organisation's certificate key, added as an incremental update so that the drawn page
 * stays byte for byte what was signed.
 */
@Component
public class CertificatePdfs {

    /**
     * What a certificate says, already in its language.
     *
     * @param verifyLink the absolute address of its verification page, which its QR code carries
     */
    public record Content(
            Locale language,
            String organization,
            String title,
            String awardedTo,
            String name,
            String reason,
            String issued,
            String serial,
            String verify,
            String verifyLink) {

        @Override
        public String toString() {
            return "Certificate.Content[" + language.toLanguageTag() + "]";
        }
    }

    /** Returns the certificate as a signed PDF. */
    public byte[] signed(Content content, SigningKeys.SigningKey key, Instant at) {
        return sign(draw(content), content.organization(), key, at);
    }

    private static byte[] draw(Content content) {
        try (var document = new PDDocument();
                var canvas = PdfCanvas.open(document)) {
            var info = document.getDocumentInformation();
            info.setTitle(content.title());
            info.setAuthor(content.organization());
            var size = new PDRectangle(PDRectangle.A4.getHeight(), PDRectangle.A4.getWidth());
            var page = new PDPage(size);
            document.addPage(page);
            var width = size.getWidth();
            var height = size.getHeight();
            var margin = 56f;
            try (var stream = new PDPageContentStream(document, page)) {
                stream.setStrokingColor(0.08f, 0.32f, 0.55f);
                stream.setLineWidth(3f);
                stream.addRect(24, 24, width - 48, height - 48);
                stream.stroke();
                stream.setLineWidth(0.8f);
                stream.addRect(32, 32, width - 64, height - 64);
                stream.stroke();
                var writer = canvas.writer(stream, content.language(), margin, width - 2 * margin);
                float y = height - margin - 10;
                y = writer.paragraph(content.organization(), 18, y, 0f);
                y -= 22;
                y = writer.paragraph(content.title(), 36, y, 0f);
                y -= 24;
                y = writer.paragraph(content.awardedTo(), 14, y, 0f);
                y -= 8;
                y = writer.paragraph(content.name(), 28, y, 0f);
                y -= 18;
                writer.paragraph(content.reason(), 14, y, 0f);
                var side = 110f;
                PdfCanvas.qr(stream, content.verifyLink(), width - margin - side, margin, side);
                var footer = canvas.writer(stream, content.language(), margin, width - 2 * margin - side - 20);
                float f = margin + side - 4;
                f = footer.paragraph(content.issued(), 11, f, 0.3f);
                f = footer.paragraph(content.serial(), 11, f, 0.3f);
                footer.paragraph(content.verify(), 9, f, 0.3f);
            }
            var out = new ByteArrayOutputStream();
            document.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] sign(byte[] pdf, String organization, SigningKeys.SigningKey key, Instant at) {
        try (var document = Loader.loadPDF(pdf);
                var options = new SignatureOptions()) {
            var signature = new PDSignature();
            signature.setFilter(PDSignature.FILTER_ADOBE_PPKLITE);
            signature.setSubFilter(PDSignature.SUBFILTER_ETSI_CADES_DETACHED);
            signature.setName(organization);
            signature.setReason("Certificate of recognition");
            var calendar = new GregorianCalendar(TimeZone.getTimeZone("UTC"));
            calendar.setTimeInMillis(at.toEpochMilli());
            signature.setSignDate(calendar);
            options.setPreferredSignatureSize(SignatureOptions.DEFAULT_SIGNATURE_SIZE);
            document.addSignature(signature, content -> cms(content, key), options);
            var out = new ByteArrayOutputStream();
            document.saveIncremental(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Returns the detached CMS signature of {@code content}, with no signing-time attribute (PAdES). */
    private static byte[] cms(InputStream content, SigningKeys.SigningKey key) throws IOException {
        try {
            var certificate = key.certificate();
            var hash = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
            var signingCertificate = new Attribute(
                    PKCSObjectIdentifiers.id_aa_signingCertificateV2,
                    new DERSet(new SigningCertificateV2(new ESSCertIDv2(hash))));
            var attributes =
                    new DefaultSignedAttributeTableGenerator(new AttributeTable(new DERSet(signingCertificate))) {
                        @Override
                        public AttributeTable getAttributes(java.util.Map parameters) {
                            return super.getAttributes(parameters).remove(CMSAttributes.signingTime);
                        }
                    };
            var signer = new JcaContentSignerBuilder("SHA256withECDSA").build(key.privateKey());
            var generator = new CMSSignedDataGenerator();
            generator.addSignerInfoGenerator(
                    new JcaSignerInfoGeneratorBuilder(new JcaDigestCalculatorProviderBuilder().build())
                            .setSignedAttributeGenerator(attributes)
                            .build(signer, certificate));
            generator.addCertificates(new JcaCertStore(List.of(certificate)));
            return generator
                    .generate(new CMSProcessableByteArray(content.readAllBytes()), false)
                    .getEncoded();
        } catch (NoSuchAlgorithmException | CertificateEncodingException | OperatorCreationException | CMSException e) {
            throw new IOException("Could not sign the certificate", e);
        }
    }
}
