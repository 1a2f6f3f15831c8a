package org.tipline.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;
import org.tipline.support.Http;
import org.tipline.support.IntegrationTest;
import org.tipline.support.TestChannels;

/**
 * A few hundred clients that send their bodies a byte at a time do not starve anyone else, and are
 * cut off once they fall below the minimum rate.
 */
@IntegrationTest
@TestPropertySource(properties = {"tipline.web.body-rate-grace=4s", "tipline.web.min-body-rate=1KB"})
class SlowClientsIntegrationTests {

    static final int SLOW = 300;

    @LocalServerPort
    int port;

    @Autowired
    TestChannels channels;

    @Test
    void slowBodiesStarveNoOneAndAreCutOff() throws Exception {
        var http = new Http(port);
        var desk = channels.desk(http);
        var sockets = new ArrayList<Socket>();
        try {
            for (int i = 0; i < SLOW; i++) {
                var path = switch (i % 3) {
                    case 0 -> "/r/" + desk.slug();
                    case 1 -> "/api/v1/channels/" + desk.slug() + "/reports";
                    default -> "/followup";
                };
                var type = switch (i % 3) {
                    case 0, 1 -> "multipart/form-data; boundary=b";
                    default -> "application/x-www-form-urlencoded";
                };
                var socket = new Socket("localhost", port);
                socket.setSoTimeout(20_000);
                socket.getOutputStream()
                        .write(("POST " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: " + type
                                        + "\r\nContent-Length: 1000000\r\n\r\n--b")
                                .getBytes(StandardCharsets.US_ASCII));
                sockets.add(socket);
            }
            // while every slow client is mid-body, ordinary requests are served
            for (int round = 0; round < 3; round++) {
                drip(sockets);
                var started = System.nanoTime();
                assertThat(http.get("/r/" + desk.slug()).status()).isEqualTo(200);
                var submitted = desk.submit(http, "during the flood", "d");
                assertThat(submitted.status()).isEqualTo(201);
                assertThat(http.get("/api/v1/cases", "Authorization", "Bearer " + desk.token())
                                .status())
                        .isEqualTo(200);
                assertThat(Duration.ofNanos(System.nanoTime() - started))
                        .as("served within a few seconds")
                        .isLessThan(Duration.ofSeconds(10));
                Thread.sleep(1_000);
            }
            // and once past the grace time below the minimum rate, the slow ones are answered and closed
            var cut = 0;
            for (var socket : sockets) {
                var answer = readAll(socket);
                if (answer.startsWith("HTTP/1.1 408") || answer.startsWith("HTTP/1.1 400") || answer.isEmpty()) {
                    cut++;
                }
            }
            assertThat(cut).isEqualTo(SLOW);
        } finally {
            for (var socket : sockets) {
                socket.close();
            }
        }
    }

    private static void drip(List<Socket> sockets) throws IOException {
        for (var socket : sockets) {
            try {
                OutputStream out = socket.getOutputStream();
                out.write('x');
                out.flush();
            } catch (IOException e) {
                // already cut off
            }
        }
    }

    private static String readAll(Socket socket) throws IOException {
        try {
            InputStream in = socket.getInputStream();
            var bytes = in.readNBytes(64);
            return new String(bytes, StandardCharsets.ISO_8859_1);
        } catch (SocketTimeoutException e) {
            return "still open";
        } catch (IOException e) {
            return "";
        }
    }
}
