package org.tipline.support;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * The embedded mail server the application sends to in tests (GreenMail, real SMTP on a free
 * port): one for the whole JVM, started before the first context, which its initializer points at it.
 */
public final class TestMail implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    private static GreenMail server;

    /** Returns the server, started. */
    public static synchronized GreenMail server() {
        if (server == null) {
            server = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
            server.start();
        }
        return server;
    }

    /** Points the context's mail settings at the server, starting it if need be. */
    @Override
    public void initialize(ConfigurableApplicationContext context) {
        var port = server().getSmtp().getPort();
        context.getEnvironment()
                .getPropertySources()
                .addFirst(new MapPropertySource(
                        "test-mail", Map.of("spring.mail.host", "127.0.0.1", "spring.mail.port", port)));
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
