package org.tipline.support;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * The embedded mail server the application sends to in tests (GreenMail, real SMTP on
 * {@link #PORT}, as {@code application-test.properties} says): one for the whole JVM, started with
 * the first context.
 */
@TestConfiguration(proxyBeanMethods = false)
public class TestMail {

    /** The SMTP port; fixed, so that every test context's properties agree on it. */
    public static final int PORT = 39425;

    private static GreenMail server;

    /** Returns the server, started. */
    public static synchronized GreenMail server() {
        if (server == null) {
            server = new GreenMail(new ServerSetup(PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
            server.start();
        }
        return server;
    }

    @Bean
    GreenMail greenMail() {
        return server();
    }

    /** A mail as received: to whom, its subject and its text. */
    public record Mail(List<String> to, String subject, String body) {}

    /** Returns the mails received so far for {@code address}. */
    public static List<Mail> to(String address) {
        return Arrays.stream(server().getReceivedMessages())
                .map(TestMail::mail)
                .filter(mail -> mail.to().contains(address))
                .toList();
    }

    /** Waits (at most {@code timeout}) until {@code address} has received at least {@code count} mails; returns them. */
    public static List<Mail> await(String address, int count, Duration timeout) throws InterruptedException {
        var deadline = System.nanoTime() + timeout.toNanos();
        var mails = to(address);
        while (mails.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(100);
            mails = to(address);
        }
        return mails;
    }

    private static Mail mail(MimeMessage message) {
        try {
            return new Mail(
                    Arrays.stream(message.getAllRecipients())
                            .map(Object::toString)
                            .toList(),
                    message.getSubject(),
                    GreenMailUtil.getBody(message));
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
