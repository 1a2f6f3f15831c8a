package org.tipline.rewards.internal;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.tipline.crypto.Randomness;
import org.tipline.crypto.ServerSecrets;
import org.tipline.shared.OrganizationId;

/**
 * Each organisation's certificate key, made on first use: an EC P-256 key pair and a self-signed
 * X.509 certificate naming the organisation (valid ten years, for digital signatures only). The
 * private key is stored sealed with the server key (CRYPTO.md, key 8), bound to its organisation.
 */
@Component
public class SigningKeys {

    private final JdbcClient jdbc;
    private final ServerSecrets secrets;
    private final Clock clock;

    SigningKeys(JdbcClient jdbc, ServerSecrets secrets, Clock clock) {
        this.jdbc = jdbc;
        this.secrets = secrets;
        this.clock = clock;
    }

    /** An organisation's key and certificate. */
    public record SigningKey(PrivateKey privateKey, X509Certificate certificate) {
        @Override
        public String toString() {
            return "SigningKey[" + certificate.getSubjectX500Principal().getName() + "]";
        }
    }

    /** Returns the organisation's key, making it first if it has none (once, whoever asks at the same time). */
    public SigningKey of(OrganizationId organization, String name) {
        var stored = read(organization);
        if (stored != null) {
            return stored;
        }
        var made = make(name);
        jdbc.sql("""
                        INSERT INTO certificate_key (organization_id, certificate, private_key, created_at)
                        VALUES (?, ?, ?, ?) ON CONFLICT (organization_id) DO NOTHING""")
                .params(
                        organization.value(),
                        encoded(made.certificate()),
                        secrets.serverKey().seal(made.privateKey().getEncoded(), context(organization)),
                        Timestamp.from(clock.instant()))
                .update();
        return java.util.Objects.requireNonNull(read(organization));
    }

    private SigningKey read(OrganizationId organization) {
        return jdbc.sql("SELECT certificate, private_key FROM certificate_key WHERE organization_id = ?")
                .param(organization.value())
                .query((rs, row) -> {
                    try {
                        var certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                                .generateCertificate(new java.io.ByteArrayInputStream(rs.getBytes(1)));
                        var key = KeyFactory.getInstance("EC")
                                .generatePrivate(new PKCS8EncodedKeySpec(
                                        secrets.serverKey().open(rs.getBytes(2), context(organization))));
                        return new SigningKey(key, certificate);
                    } catch (GeneralSecurityException e) {
                        throw new IllegalStateException("The organisation's certificate key does not read", e);
                    }
                })
                .optional()
                .orElse(null);
    }

    private SigningKey make(String name) {
        try {
            var generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            var pair = generator.generateKeyPair();
            var subject = new X500NameBuilder(BCStyle.INSTANCE)
                    .addRDN(BCStyle.CN, name + " — certificates of recognition")
                    .addRDN(BCStyle.O, name)
                    .build();
            var now = clock.instant();
            var serial = new BigInteger(1, Randomness.bytes(8));
            var builder = new JcaX509v3CertificateBuilder(
                            subject,
                            serial,
                            Date.from(now.minus(Duration.ofDays(1))),
                            Date.from(now.plus(Duration.ofDays(3653))),
                            subject,
                            pair.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(
                            Extension.keyUsage,
                            true,
                            new KeyUsage(KeyUsage.digitalSignature | KeyUsage.nonRepudiation));
            var signer = new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate());
            var certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new java.io.ByteArrayInputStream(
                            builder.build(signer).getEncoded()));
            return new SigningKey(pair.getPrivate(), certificate);
        } catch (GeneralSecurityException | OperatorCreationException | java.io.IOException e) {
            throw new IllegalStateException("Could not make a certificate key", e);
        }
    }

    private static byte[] encoded(X509Certificate certificate) {
        try {
            return certificate.getEncoded();
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException("Could not encode the certificate", e);
        }
    }

    private static String context(OrganizationId organization) {
        return "tipline/certificate-key/v1:" + organization.value();
    }
}
