/*
 * Tipline load driver (a benchmark, not a test). Run by bench/run.sh against a running server.
 *
 *   java bench/LoadDriver.java <baseUrl> <setupCode> <mode> <clients> <seconds> <serverPid>
 *
 * mode "load": sets the organisation up, gives the default channel 3 recipients, then submits
 * reports (2 KB of answers, no files) from concurrent clients for the given time, then reads the
 * mailboxes of those reports with their receipts. Prints throughput, p50/p99 latency, the
 * server's peak heap (sampled with jstat from the server's process), and the CPU time each
 * measured phase cost per request, read from /proc: the server's JVM, its PostgreSQL (postmaster,
 * backends and background workers, found by the data directory in the postmaster's command line,
 * system property {@code postgres.data}), and this driver.
 *
 * mode "large": uploads one 1 GiB attachment (generated on the fly, never held in memory) and
 * prints the time taken and the server's peak heap.
 *
 * Uses only the JDK so that it runs as a single source file.
 */

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

public class LoadDriver {

    static HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    static String base;

    public static void main(String[] args) throws Exception {
        base = args[0];
        var setupCode = args[1];
        var mode = args[2];
        int clients = args.length > 3 ? Integer.parseInt(args[3]) : 32;
        int seconds = args.length > 4 ? Integer.parseInt(args[4]) : 30;
        var heap = new HeapSampler(Long.parseLong(args[5]));
        heap.start();
        var admin = setUp(setupCode);
        if (mode.equals("large")) {
            large(heap);
        } else if (mode.equals("account")) {
            account(admin, clients, seconds, heap);
        } else {
            threeRecipients(admin);
            load(clients, seconds, heap);
        }
        heap.stopSampling();
    }

    record Admin(String email, String password, String secret) {}

    static Admin setUp(String code) throws Exception {
        var email = "bench-admin@example.org";
        var password = "benchmark password 123";
        var response = post("/api/v1/setup", json("setupCode", code, "organizationName", "Bench", "displayName", "Bench Admin",
                "email", email, "password", password), null);
        check(response, 201, "set-up");
        var secret = field(response.body(), "otpauthUri").replaceAll(".*secret=([A-Z2-7]+).*", "$1");
        return new Admin(email, password, secret);
    }

    static void threeRecipients(Admin admin) throws Exception {
        var token = login(admin);
        var recipients = new ArrayList<String>();
        var me = get("/api/v1/staff", "Bearer " + token);
        recipients.add(me.body().replaceAll("(?s).*\"id\":\"([0-9a-f-]{36})\".*", "$1"));
        for (int i = 1; i <= 2; i++) {
            var invited = post("/api/v1/invitations", json("email", "handler" + i + "@example.org", "displayName", "Handler " + i)
                    .replace("}", ",\"roles\":[\"HANDLER\"]}"), "Bearer " + token);
            check(invited, 201, "invitation");
            var link = field(invited.body(), "link");
            var accepted = post("/api/v1/invitations/accept",
                    json("token", link.substring(link.lastIndexOf('/') + 1), "password", "handler password 123"), null);
            check(accepted, 201, "acceptance");
            recipients.add(field(accepted.body(), "staffId"));
        }
        var channels = get("/api/v1/admin/channels", "Bearer " + token).body();
        var id = channels.replaceAll("(?s)^\\[\\{\"id\":\"([0-9a-f-]{36})\".*", "$1");
        var questionnaire = channels.replaceAll("(?s).*\"questionnaire\":(\\{.*?\\]\\}),\"recipients\".*", "$1");
        var body = "{\"slug\":\"report\",\"name\":\"Report a concern\",\"publicText\":\"Bench\",\"receiptFormat\":\"LETTERS\","
                + "\"questionnaire\":" + questionnaire + ",\"recipients\":[\"" + String.join("\",\"", recipients) + "\"]}";
        var updated = send(HttpRequest.newBuilder(URI.create(base + "/api/v1/admin/channels/" + id))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
                .PUT(HttpRequest.BodyPublishers.ofString(body)).build());
        check(updated, 200, "channel update");
        System.out.println("channel 'report' has " + recipients.size() + " recipients");
    }

    static void load(int clients, int seconds, HeapSampler heap) throws Exception {
        var answer = "x".repeat(1000);
        var body = "{\"answers\":{\"subject\":\"Benchmark report\",\"description\":\"" + answer + answer + "\"}}";
        System.out.printf("submitting: %d clients, %d s (after a 20 s warm-up), %d bytes of answers%n", clients, seconds,
                body.length());
        run(clients, 20, () -> post("/api/v1/channels/report/reports", body, null), new ConcurrentLinkedQueue<>(), null);
        var receipts = new ConcurrentLinkedQueue<String>();
        heap.reset();
        var cpu = Cpu.now(heap.pid);
        var submit = run(clients, seconds, () -> post("/api/v1/channels/report/reports", body, null), receipts, 201);
        submit.print("submissions", heap.peak());
        Cpu.now(heap.pid).since(cpu).print("submission", submit.count(), submit.seconds());

        // the floor: a public GET through the same filters, security chain, MVC and Jackson, with no
        // database round trip (the channel is cached) and no crypto
        heap.reset();
        cpu = Cpu.now(heap.pid);
        var floor = run(clients, 10, () -> get("/api/v1/channels/report", null), null, 200);
        floor.print("channel reads (the framework floor)", heap.peak());
        Cpu.now(heap.pid).since(cpu).print("channel read", floor.count(), floor.seconds());

        var list = new ArrayList<>(receipts);
        Collections.shuffle(list);
        var next = new AtomicLong();
        heap.reset();
        cpu = Cpu.now(heap.pid);
        var followups = run(clients, Math.max(10, seconds / 2), () -> {
            var receipt = list.get((int) (next.getAndIncrement() % list.size()));
            return get("/api/v1/followup", "Receipt " + receipt);
        }, null, 200);
        followups.print("follow-ups", heap.peak());
        Cpu.now(heap.pid).since(cpu).print("follow-up", followups.count(), followups.seconds());
    }

    /**
     * The public account under load: an editor publishes 40 posts (20 with a translation), then
     * {@code clients} clients read the account page (20 posts) and the feed, each for
     * {@code seconds} after a 10 s warm-up; then the account page revalidated with its entity tag.
     * Whether the server keeps rendered pages in memory is up to how it was started.
     */
    static void account(Admin admin, int clients, int seconds, HeapSampler heap) throws Exception {
        var token = login(admin);
        var invited = post("/api/v1/invitations", json("email", "editor@example.org", "displayName", "Editor")
                .replace("}", ",\"roles\":[\"EDITOR\"]}"), "Bearer " + token);
        check(invited, 201, "invitation");
        var link = field(invited.body(), "link");
        var accepted = post("/api/v1/invitations/accept",
                json("token", link.substring(link.lastIndexOf('/') + 1), "password", "editor password 123"), null);
        check(accepted, 201, "acceptance");
        var secret = field(accepted.body(), "otpauthUri").replaceAll(".*secret=([A-Z2-7]+).*", "$1");
        var editor = login(new Admin("editor@example.org", "editor password 123", secret));
        var body = ("## What to report\\n\\nTell us **what** happened, where and when. " + "Details help. ".repeat(40)
                + "\\n\\n1. Write it down\\n2. Choose a channel\\n3. Keep your receipt\\n\\n[Rules](https://example.org/rules)");
        for (int i = 1; i <= 40; i++) {
            var written = post("/api/v1/posts", "{\"language\":\"en\",\"title\":\"Awareness post " + i
                    + "\",\"summary\":\"Why and how to report, part " + i + "\",\"body\":\"" + body
                    + "\",\"tags\":[\"awareness\",\"part-" + (i % 4) + "\"]}", "Bearer " + editor);
            check(written, 201, "post");
            var id = field(written.body(), "id");
            check(post("/api/v1/posts/" + id + "/publish", "{\"version\":0}", "Bearer " + editor), 200, "publication");
            if (i % 2 == 0) {
                var zh = post("/api/v1/posts", "{\"language\":\"zh-CN\",\"title\":\"宣传文章 " + i
                        + "\",\"body\":\"## 举报什么\\n\\n请告诉我们发生了**什么**。\",\"translationOf\":\"" + id + "\"}",
                        "Bearer " + editor);
                check(zh, 201, "translation");
                check(post("/api/v1/posts/" + field(zh.body(), "id") + "/publish", "{\"version\":0}", "Bearer " + editor),
                        200, "publication");
            }
        }
        var page = get("/o/bench", null);
        check(page, 200, "account page");
        System.out.printf("account page: %d posts listed, %d bytes; feed: %d bytes%n",
                page.body().split("class=\"post-summary\"", -1).length - 1, page.body().getBytes(StandardCharsets.UTF_8).length,
                get("/o/bench/feed.atom", null).body().getBytes(StandardCharsets.UTF_8).length);
        var etag = page.headers().firstValue("ETag").orElseThrow();
        var targets = List.of(
                new String[] {"/o/bench", ""},
                new String[] {"/o/bench/posts/1", ""},
                new String[] {"/o/bench/feed.atom", ""},
                new String[] {"/o/bench", "If-None-Match: " + etag + "\r\n"});
        // warm the server on every target before measuring any
        for (var target : targets) {
            runRaw(clients, 5, target[0], target[1]);
        }
        // a plain HTTP/1.1 keep-alive client per thread: it costs a fraction of the JDK client's CPU,
        // which shares the two cores with the server
        for (var target : targets) {
            heap.reset();
            var cpu = Cpu.now(heap.pid);
            var result = runRaw(clients, seconds, target[0], target[1]);
            result.print(target[0] + (target[1].isEmpty() ? "" : " revalidated (304)") + ", " + clients + " clients",
                    heap.peak());
            Cpu.now(heap.pid).since(cpu).print("view", result.count(), result.seconds());
        }
    }

    /** Sends GET {@code path} over one kept-alive connection per client, as fast as answers come. */
    static Result runRaw(int clients, int seconds, String path, String headers) throws Exception {
        var uri = URI.create(base);
        var request = ("GET " + path + " HTTP/1.1\r\nHost: " + uri.getHost() + ":" + uri.getPort() + "\r\n" + headers + "\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        return drive(clients, seconds, () -> new Client() {
            java.net.Socket socket;
            java.io.InputStream in;

            public boolean send() throws Exception {
                try {
                    if (socket == null) {
                        socket = new java.net.Socket(uri.getHost(), uri.getPort());
                        socket.setTcpNoDelay(true);
                        in = new java.io.BufferedInputStream(socket.getInputStream(), 1 << 16);
                    }
                    socket.getOutputStream().write(request);
                    var status = readResponse(in);
                    if (status < 0) {
                        close();
                    }
                    return Math.abs(status) == 200 || Math.abs(status) == 304;
                } catch (java.io.IOException e) {
                    close();
                    throw e;
                }
            }

            public void close() throws java.io.IOException {
                if (socket != null) {
                    socket.close();
                    socket = null;
                }
            }
        });
    }

    /** Reads one HTTP/1.1 response (Content-Length or chunked), discards its body, returns its status. */
    static int readResponse(java.io.InputStream in) throws java.io.IOException {
        var status = line(in);
        if (status == null) {
            throw new java.io.EOFException();
        }
        long length = 0;
        boolean chunked = false;
        boolean close = false;
        String header;
        while ((header = line(in)) != null && !header.isEmpty()) {
            var lower = header.toLowerCase(java.util.Locale.ROOT);
            if (lower.startsWith("content-length:")) {
                length = Long.parseLong(lower.substring(15).strip());
            } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                chunked = true;
            } else if (lower.startsWith("connection:") && lower.contains("close")) {
                close = true;
            }
        }
        if (chunked) {
            long size;
            while ((size = Long.parseLong(line(in).strip(), 16)) > 0) {
                in.skipNBytes(size);
                line(in);
            }
            line(in);
        } else {
            in.skipNBytes(length);
        }
        var code = Integer.parseInt(status.substring(9, 12));
        // the server ends a kept-alive connection after so many requests (Tomcat: 100) and says so
        return close ? -code : code;
    }

    static String line(java.io.InputStream in) throws java.io.IOException {
        var line = new StringBuilder();
        int c;
        while ((c = in.read()) != -1) {
            if (c == '\n') {
                return line.toString();
            }
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.isEmpty() ? null : line.toString();
    }

    static void large(HeapSampler heap) throws Exception {
        long size = 1L << 30;
        var boundary = "----bench" + System.nanoTime();
        var head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"answers.subject\"\r\n\r\nLarge file\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"answers.description\"\r\n\r\n1 GiB\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"files.evidence\"; filename=\"big.bin\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        var tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        heap.reset();
        long start = System.nanoTime();
        var response = send(HttpRequest.newBuilder(URI.create(base + "/api/v1/channels/report/reports"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .timeout(Duration.ofMinutes(10))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new Generated(head, size, tail)))
                .build());
        double secondsTaken = (System.nanoTime() - start) / 1e9;
        check(response, 201, "1 GiB upload");
        System.out.printf("1 GiB attachment: HTTP %d in %.1f s (%.0f MiB/s), server peak heap %.0f MiB%n",
                response.statusCode(), secondsTaken, 1024 / secondsTaken, heap.peak() / 1048576.0);
    }

    interface Call {
        HttpResponse<String> call() throws Exception;
    }

    record Result(long count, long errors, double seconds, long[] latenciesNanos) {
        void print(String what, long peakHeap) {
            Arrays.sort(latenciesNanos);
            System.out.printf("%s: %d in %.1f s = %.0f/s, p50 %.1f ms, p99 %.1f ms, max %.1f ms, errors %d, server peak heap %.0f MiB%n",
                    what, count, seconds, count / seconds, percentile(0.50), percentile(0.99),
                    latenciesNanos.length == 0 ? 0 : latenciesNanos[latenciesNanos.length - 1] / 1e6, errors, peakHeap / 1048576.0);
        }

        double percentile(double p) {
            if (latenciesNanos.length == 0) {
                return 0;
            }
            return latenciesNanos[(int) Math.min(latenciesNanos.length - 1, Math.floor(p * latenciesNanos.length))] / 1e6;
        }
    }

    static Result run(int clients, int seconds, Call call, ConcurrentLinkedQueue<String> receipts, Integer expected)
            throws Exception {
        return drive(clients, seconds, () -> () -> {
            var response = call.call();
            if (receipts != null && response.statusCode() == 201) {
                receipts.add(field(response.body(), "receipt"));
            }
            return expected == null || response.statusCode() == expected;
        });
    }

    /** One client's connection: sends one request, says whether the answer was the expected one. */
    interface Client {
        boolean send() throws Exception;

        default void close() throws Exception {}
    }

    /**
     * Runs one client per thread for {@code seconds}, each sending as soon as its last answer came;
     * counts an unexpected answer or a failure as an error, and times the rest.
     */
    static Result drive(int clients, int seconds, java.util.function.Supplier<Client> connect) throws Exception {
        var stop = new AtomicBoolean();
        var latencies = new ConcurrentLinkedQueue<long[]>();
        var errors = new AtomicLong();
        var pool = Executors.newFixedThreadPool(clients);
        long start = System.nanoTime();
        for (int c = 0; c < clients; c++) {
            pool.submit(() -> {
                var client = connect.get();
                var mine = new long[1 << 22];
                int n = 0;
                while (!stop.get()) {
                    long t0 = System.nanoTime();
                    try {
                        var expected = client.send();
                        long t = System.nanoTime() - t0;
                        if (!expected) {
                            errors.incrementAndGet();
                        } else if (n < mine.length) {
                            mine[n++] = t;
                        }
                    } catch (Exception e) {
                        errors.incrementAndGet();
                    }
                }
                client.close();
                latencies.add(Arrays.copyOf(mine, n));
                return null;
            });
        }
        Thread.sleep(seconds * 1000L);
        stop.set(true);
        pool.shutdown();
        pool.awaitTermination(1, TimeUnit.MINUTES);
        double elapsed = (System.nanoTime() - start) / 1e9;
        long[] all = latencies.stream().flatMapToLong(Arrays::stream).toArray();
        return new Result(all.length, errors.get(), elapsed, all);
    }

    /** Reads the server's used heap (S0U+S1U+EU+OU) from {@code jstat -gc <pid> 100} and keeps the peak. */
    static final class HeapSampler extends Thread {
        private final AtomicLong peak = new AtomicLong();
        final long pid;
        private volatile Process jstat;

        HeapSampler(long pid) {
            this.pid = pid;
            setDaemon(true);
        }

        @Override
        public void run() {
            try {
                var tool = java.nio.file.Path.of(System.getProperty("java.home"), "bin", "jstat").toString();
                jstat = new ProcessBuilder(tool, "-gc", Long.toString(pid), "100").redirectErrorStream(true).start();
                try (var lines = new java.io.BufferedReader(new java.io.InputStreamReader(jstat.getInputStream()))) {
                    var header = List.of(lines.readLine().trim().split("\\s+"));
                    int[] columns = {header.indexOf("S0U"), header.indexOf("S1U"), header.indexOf("EU"), header.indexOf("OU")};
                    String line;
                    while ((line = lines.readLine()) != null) {
                        var values = line.trim().split("\\s+");
                        if (values.length != header.size() || values[0].equals(header.get(0))) {
                            continue;
                        }
                        double kib = 0;
                        for (int column : columns) {
                            kib += Double.parseDouble(values[column]);
                        }
                        long used = (long) (kib * 1024);
                        peak.accumulateAndGet(used, Math::max);
                    }
                }
            } catch (Exception e) {
                System.out.println("heap sampling unavailable: " + e.getMessage());
            }
        }

        void reset() {
            peak.set(0);
        }

        long peak() {
            return peak.get();
        }

        void stopSampling() {
            if (jstat != null) {
                jstat.destroy();
            }
        }
    }

    /**
     * CPU time (user + system) of the server's JVM, its PostgreSQL and this driver, from /proc, in
     * clock ticks ({@code clk.tck}, 100 unless given). PostgreSQL is the postmaster whose command
     * line names {@code postgres.data}, its live children (backends, WAL writer, checkpointer...)
     * and the children it already reaped (its cutime and cstime).
     */
    record Cpu(long jvm, long postgres, long driver) {
        static final long TICKS = Long.getLong("clk.tck", 100);

        static Cpu now(long jvmPid) throws Exception {
            var data = System.getProperty("postgres.data", "");
            long postgres = 0;
            var stats = new java.util.HashMap<Long, String[]>();
            long postmaster = -1;
            try (var processes = java.nio.file.Files.list(java.nio.file.Path.of("/proc"))) {
                for (var dir : (Iterable<java.nio.file.Path>) processes::iterator) {
                    var name = dir.getFileName().toString();
                    if (!name.chars().allMatch(Character::isDigit)) {
                        continue;
                    }
                    try {
                        var stat = stat(Long.parseLong(name));
                        stats.put(Long.parseLong(name), stat);
                        var comm = java.nio.file.Files.readString(dir.resolve("comm")).strip();
                        if (!data.isEmpty() && postmaster < 0 && comm.equals("postgres")) {
                            var cmdline = new String(java.nio.file.Files.readAllBytes(dir.resolve("cmdline")), StandardCharsets.UTF_8)
                                    .replace('\0', ' ');
                            if (cmdline.contains(" -D " + data)) {
                                postmaster = Long.parseLong(name);
                            }
                        }
                    } catch (java.io.IOException | RuntimeException gone) {
                        // a process that ended while we looked
                    }
                }
            }
            if (postmaster < 0 && !data.isEmpty()) {
                System.out.println("PostgreSQL's postmaster not found for " + data);
            }
            if (postmaster > 0) {
                var own = stats.get(postmaster);
                postgres += ticks(own, 11) + ticks(own, 12) + ticks(own, 13) + ticks(own, 14);
                for (var stat : stats.values()) {
                    if (Long.parseLong(stat[1]) == postmaster) {
                        postgres += ticks(stat, 11) + ticks(stat, 12);
                    }
                }
            }
            var jvm = stat(jvmPid);
            var self = stat(ProcessHandle.current().pid());
            return new Cpu(ticks(jvm, 11) + ticks(jvm, 12), postgres, ticks(self, 11) + ticks(self, 12));
        }

        /** The fields of /proc/<pid>/stat after the command name: [0] state, [1] ppid, ... [11] utime, [12] stime, [13] cutime, [14] cstime. */
        static String[] stat(long pid) throws java.io.IOException {
            var text = java.nio.file.Files.readString(java.nio.file.Path.of("/proc", Long.toString(pid), "stat"));
            return text.substring(text.lastIndexOf(')') + 2).trim().split(" ");
        }

        static long ticks(String[] stat, int field) {
            return Long.parseLong(stat[field]);
        }

        Cpu since(Cpu before) {
            return new Cpu(jvm - before.jvm, postgres - before.postgres, driver - before.driver);
        }

        void print(String what, long count, double seconds) {
            double ms = 1000.0 / TICKS;
            System.out.printf(
                    "CPU per %s: server JVM %.2f ms + PostgreSQL %.2f ms = %.2f ms (driver %.2f ms); "
                            + "cores busy: JVM %.2f, PostgreSQL %.2f, driver %.2f%n",
                    what, jvm * ms / count, postgres * ms / count, (jvm + postgres) * ms / count, driver * ms / count,
                    jvm * ms / 1000 / seconds, postgres * ms / 1000 / seconds, driver * ms / 1000 / seconds);
        }
    }

    static String login(Admin admin) throws Exception {
        var response = post("/api/v1/auth/login", json("email", admin.email(), "password", admin.password(), "totpCode",
                totp(admin.secret())), null);
        if (response.statusCode() == 401) {
            // a code is used once: when this step's was (a short run logs in twice within 30 s), wait for the next
            Thread.sleep(30_000 - System.currentTimeMillis() % 30_000 + 500);
            response = post("/api/v1/auth/login", json("email", admin.email(), "password", admin.password(), "totpCode",
                    totp(admin.secret())), null);
        }
        check(response, 200, "login");
        return field(response.body(), "token");
    }

    static String totp(String base32Secret) throws Exception {
        var alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var bits = new StringBuilder();
        for (char c : base32Secret.toCharArray()) {
            bits.append(String.format("%5s", Integer.toBinaryString(alphabet.indexOf(c))).replace(' ', '0'));
        }
        var key = new byte[bits.length() / 8];
        for (int i = 0; i < key.length; i++) {
            key[i] = (byte) Integer.parseInt(bits.substring(i * 8, i * 8 + 8), 2);
        }
        var mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(key, "HmacSHA1"));
        var hash = mac.doFinal(ByteBuffer.allocate(8).putLong(System.currentTimeMillis() / 1000 / 30).array());
        int offset = hash[hash.length - 1] & 0xf;
        int binary = ((hash[offset] & 0x7f) << 24) | ((hash[offset + 1] & 0xff) << 16) | ((hash[offset + 2] & 0xff) << 8)
                | (hash[offset + 3] & 0xff);
        return String.format("%06d", binary % 1_000_000);
    }

    static HttpResponse<String> post(String path, String body, String authorization) throws Exception {
        var builder = HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        return send(builder.build());
    }

    static HttpResponse<String> get(String path, String authorization) throws Exception {
        var builder = HttpRequest.newBuilder(URI.create(base + path)).GET();
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        return send(builder.build());
    }

    static HttpResponse<String> send(HttpRequest request) throws Exception {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    static void check(HttpResponse<String> response, int status, String what) {
        if (response.statusCode() != status) {
            throw new IllegalStateException(what + " failed: HTTP " + response.statusCode() + " " + response.body());
        }
    }

    static String json(String... pairs) {
        var out = new StringBuilder("{");
        for (int i = 0; i < pairs.length; i += 2) {
            if (i > 0) {
                out.append(',');
            }
            out.append('"').append(pairs[i]).append("\":\"").append(pairs[i + 1].replace("\"", "\\\"")).append('"');
        }
        return out.append('}').toString();
    }

    static String field(String json, String name) {
        var matcher = Pattern.compile("\"" + name + "\":\"([^\"]*)\"").matcher(json);
        if (!matcher.find()) {
            throw new IllegalStateException("No " + name + " in " + json);
        }
        return matcher.group(1);
    }

    /** A multipart body: a head, {@code size} pseudo-random bytes, a tail; generated as it is read. */
    static final class Generated extends InputStream {
        private final byte[] head;
        private final byte[] tail;
        private final long size;
        private final Random random = new Random(7);
        private final byte[] block = new byte[64 * 1024];
        private long position;

        Generated(byte[] head, long size, byte[] tail) {
            this.head = head;
            this.size = size;
            this.tail = tail;
            random.nextBytes(block);
        }

        @Override
        public int read() {
            var one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            long total = head.length + size + tail.length;
            if (position >= total) {
                return -1;
            }
            int n = 0;
            while (n < len && position < total) {
                if (position < head.length) {
                    b[off + n++] = head[(int) position++];
                } else if (position < head.length + size) {
                    long offset = position - head.length;
                    int chunk = (int) Math.min(Math.min(len - n, size - offset), block.length - (offset % block.length));
                    System.arraycopy(block, (int) (offset % block.length), b, off + n, chunk);
                    n += chunk;
                    position += chunk;
                } else {
                    b[off + n++] = tail[(int) (position++ - head.length - size)];
                }
            }
            return n;
        }
    }
}
