/*
 * Tipline case-handling benchmark (not a test). Run by `bench/run.sh cases [count]` against a
 * running server, with the application's runtime classpath (for the PostgreSQL JDBC driver).
 *
 *   java -cp <runtime classpath> bench/CaseBench.java <baseUrl> <setupCode> <dataDir> <secretsDir> <serverLog> <count>
 *
 * 1. Through the API: sets the organisation up, makes four more channels, invites a handler, and
 *    submits 200 reports (sealed by the server as always).
 * 2. Seeds <count> cases (default 1,000,000) in SQL as the database superuser, copying those 200
 *    sealed reports' bytes (the copies are bound to other rows and cannot be opened, which none of
 *    the measured calls does): a spread of states, five channels, categories, priorities, labels,
 *    assignees, receipt times over three years, and their acknowledgement and feedback deadlines
 *    (met for what was handled, open for what is not - most of those long past due). The handler
 *    holds the keys of 2,000 of them.
 * 3. Waits for the deadline job's first run over all of that and reads its time from the log.
 * 4. Through HTTP, sequentially after a warm-up of 300 interleaved rounds: the handler's first inbox page (two filters, none,
 *    overdue by deadline),
 *    the supervisor's first page of every case with two filters, a page 500,000 cases deep by
 *    keyset, and the overview; prints p50/p95/p99 and the query plans that matter.
 */

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

public class CaseBench {

    public static void main(String[] args) throws Exception {
        var base = args[0];
        LoadDriver.base = base;
        var admin = LoadDriver.setUp(args[1]);
        var dataDir = Path.of(args[2]);
        var secrets = Path.of(args[3]);
        var serverLog = Path.of(args[4]);
        var count = Integer.parseInt(args[5]);
        var token = LoadDriver.login(admin);

        var channels = new ArrayList<String>();
        var existing = LoadDriver.get("/api/v1/admin/channels", "Bearer " + token).body();
        channels.add(existing.replaceAll("(?s)^\\[\\{\"id\":\"([0-9a-f-]{36})\".*", "$1"));
        var questionnaire = existing.replaceAll("(?s).*\"questionnaire\":(\\{.*?\\]\\}),\"recipients\".*", "$1");
        var me = LoadDriver.get("/api/v1/account", "Bearer " + token).body().replaceAll("(?s).*\"id\":\"([0-9a-f-]{36})\".*", "$1");
        for (var name : List.of("Fraud", "Safety", "Data protection", "Harassment")) {
            var body = "{\"slug\":\"" + name.toLowerCase().replace(' ', '-') + "\",\"name\":\"" + name
                    + "\",\"publicText\":\"Bench\",\"receiptFormat\":\"LETTERS\",\"questionnaire\":" + questionnaire
                    + ",\"recipients\":[\"" + me + "\"]}";
            var created = LoadDriver.post("/api/v1/admin/channels", body, "Bearer " + token);
            LoadDriver.check(created, 201, "channel");
            channels.add(LoadDriver.field(created.body(), "id"));
        }
        var invited = LoadDriver.post("/api/v1/invitations", LoadDriver.json("email", "handler@example.org", "displayName", "Handler")
                .replace("}", ",\"roles\":[\"HANDLER\"]}"), "Bearer " + token);
        LoadDriver.check(invited, 201, "invitation");
        var link = LoadDriver.field(invited.body(), "link");
        var accepted = LoadDriver.post("/api/v1/invitations/accept",
                LoadDriver.json("token", link.substring(link.lastIndexOf('/') + 1), "password", "handler password 123"), null);
        LoadDriver.check(accepted, 201, "acceptance");
        var handlerId = LoadDriver.field(accepted.body(), "staffId");
        var handler = new LoadDriver.Admin("handler@example.org", "handler password 123",
                LoadDriver.field(accepted.body(), "otpauthUri").replaceAll(".*secret=([A-Z2-7]+).*", "$1"));
        var answer = "x".repeat(1000);
        for (int i = 0; i < 200; i++) {
            var submitted = LoadDriver.post("/api/v1/channels/report/reports",
                    "{\"answers\":{\"subject\":\"Bench " + i + "\",\"description\":\"" + answer + "\"}}", null);
            LoadDriver.check(submitted, 201, "submission");
        }

        var port = Files.readAllLines(dataDir.resolve("postmaster.pid")).get(3).strip();
        var password = Files.readString(secrets.resolve("db-superuser")).strip();
        String database;
        try (var postgres = DriverManager.getConnection("jdbc:postgresql://localhost:" + port + "/postgres", "postgres", password);
                var rs = postgres.createStatement().executeQuery(
                        "SELECT datname FROM pg_database WHERE datname NOT IN ('postgres', 'template0', 'template1')")) {
            rs.next();
            database = rs.getString(1);
        }
        try (var db = DriverManager.getConnection("jdbc:postgresql://localhost:" + port + "/" + database, "postgres", password)) {
            var organization = one(db, "SELECT id FROM organization LIMIT 1");
            var started = System.nanoTime();
            seed(db, organization, channels, handlerId, count);
            System.out.printf("seeded %,d cases (with reports, grants, deadlines, labels) in %.1f s%n", count,
                    (System.nanoTime() - started) / 1e9);
            started = System.nanoTime();
            exec(db, "VACUUM ANALYZE");
            System.out.printf("VACUUM ANALYZE in %.1f s%n", (System.nanoTime() - started) / 1e9);
            System.out.println("open deadlines: " + one(db, "SELECT count(*) FROM deadline WHERE status = 'OPEN'")
                    + ", of which past due: " + one(db, "SELECT count(*) FROM deadline WHERE status = 'OPEN' AND due_at <= now()"));

            // the worst case: a job that has never looked, as on a first start over imported data or
            // after an outage as long as the data, announces every open deadline whose time has passed
            exec(db, "UPDATE deadline_watch SET checked_until = '-infinity'");
            System.out.println("waiting for the deadline job's next run (from the beginning of time) ...");
            var job = Pattern.compile("Deadline check: (\\d+) breached, (\\d+) reminders in (\\d+) ms");
            String line = null;
            for (int i = 0; i < 300 && line == null; i++) {
                Thread.sleep(1000);
                line = Files.readAllLines(serverLog).stream().filter(l -> job.matcher(l).find()).reduce((a, b) -> b).orElse(null);
            }
            if (line != null) {
                var matcher = job.matcher(line);
                matcher.find();
                System.out.printf("deadline job, over every open deadline: %,d missed deadlines announced, %,d reminders, in %,d ms (one transaction)%n",
                        Long.parseLong(matcher.group(1)), Long.parseLong(matcher.group(2)), Long.parseLong(matcher.group(3)));
            } else {
                System.out.println("deadline job: no run seen in the log");
            }
            exec(db, "VACUUM ANALYZE");

            var handlerToken = LoadDriver.login(handler);
            var supervisorToken = LoadDriver.login(admin);
            var deep = db.createStatement().executeQuery(
                    "SELECT received_at, id FROM case_file ORDER BY received_at DESC, id DESC OFFSET " + count / 2 + " LIMIT 1");
            deep.next();
            var at = deep.getTimestamp(1).toInstant();
            var micros = at.getEpochSecond() * 1_000_000L + at.getNano() / 1_000;
            var cursor = Base64.getUrlEncoder().withoutPadding()
                    .encodeToString((micros + ":" + deep.getObject(2)).getBytes(StandardCharsets.US_ASCII));
            var channel = channels.get(1);

            var inbox = new ArrayList<String[]>();
            inbox.add(new String[] {"handler inbox, first page, state + category (2,000 granted)", handlerToken,
                    "/api/v1/cases?state=INVESTIGATING&category=fraud"});
            inbox.add(new String[] {"handler inbox, first page, no filter (2,000 granted)", handlerToken, "/api/v1/cases"});
            inbox.add(new String[] {"handler inbox, first page, overdue + sort by deadline (2,000 granted)", handlerToken,
                    "/api/v1/cases?overdue=true&sort=due"});
            inbox.add(new String[] {"supervisor, every case, first page, state + channel", supervisorToken,
                    "/api/v1/cases?scope=all&state=INVESTIGATING&channel=" + channel});
            inbox.add(new String[] {"supervisor, every case, first page, overdue + sort by deadline", supervisorToken,
                    "/api/v1/cases?scope=all&overdue=true&sort=due"});
            inbox.add(new String[] {String.format("supervisor, every case, page %,d cases deep (keyset)", count / 2),
                    supervisorToken, "/api/v1/cases?scope=all&after=" + cursor});
            // warm the server's compiled code over every request measured, interleaved, so that no
            // figure pays for the JIT compiling paths the ones before it did not take
            for (int round = 0; round < 300; round++) {
                for (var request : inbox) {
                    LoadDriver.check(LoadDriver.get(request[2], "Bearer " + request[1]), 200, request[0]);
                }
            }
            for (var request : inbox) {
                measure(request[0], request[1], request[2]);
            }
            var first = System.nanoTime();
            LoadDriver.check(LoadDriver.get("/api/v1/cases/overview", "Bearer " + supervisorToken), 200, "overview");
            System.out.printf("%-70s %6.1f ms (the first request)%n", "overview, first request",
                    (System.nanoTime() - first) / 1e6);
            measure("overview, every number counted afresh (server runs without the cache)", supervisorToken,
                    "/api/v1/cases/overview");
            System.out.println();
            // the handler's inbox as the server sends it: a prepared statement over their rows of the
            // read model of who holds which case, planned the way a reused statement is
            exec(db, "PREPARE handler_inbox(uuid, uuid, text[], text, int) AS SELECT c.id FROM case_holder h"
                    + " JOIN case_file c ON c.id = h.case_id WHERE h.staff_id = $1 AND h.organization_id = $2"
                    + " AND h.state = ANY($3) AND h.category = $4 ORDER BY h.received_at DESC, h.case_id DESC LIMIT $5");
            var arguments = "('" + handlerId + "', '" + organization + "', '{INVESTIGATING}', 'fraud', 26)";
            for (int i = 0; i < 6; i++) {
                exec(db, "EXECUTE handler_inbox" + arguments);
            }
            plan(db, "handler inbox, state + category (the prepared statement's seventh run)",
                    "EXECUTE handler_inbox" + arguments);
            plan(db, "supervisor inbox, state + channel",
                    "SELECT id FROM case_file WHERE organization_id = '" + organization + "' AND state = ANY('{INVESTIGATING}') AND channel_id = '"
                            + channel + "' ORDER BY received_at DESC, id DESC LIMIT 26");
            plan(db, String.format("page %,d deep", count / 2),
                    "SELECT id FROM case_file WHERE organization_id = '" + organization + "' AND (received_at, id) < ('" + Timestamp.from(at)
                            + "+00', '" + deep.getObject(2) + "') ORDER BY received_at DESC, id DESC LIMIT 26");
            plan(db, "overview: open cases by state and channel (tallies)",
                    "SELECT state, channel_id, sum(n) FROM case_tally WHERE organization_id = '" + organization
                            + "' AND state = ANY('{RECEIVED,ACKNOWLEDGED,ACK_WAIVED,TRIAGE,INVESTIGATING,AWAITING_REPORTER,ADDRESSING}')"
                            + " GROUP BY state, channel_id HAVING sum(n) > 0");
            plan(db, "overview: cases with a missed deadline, days before today (tallies)",
                    "SELECT coalesce(sum(n), 0) FROM case_due_tally WHERE organization_id = '" + organization
                            + "' AND due_day < (now() AT TIME ZONE 'UTC')::date");
            plan(db, "overview: deadlines missed in 30 days (open past their time, and met late)",
                    "SELECT (SELECT count(*) FROM deadline WHERE organization_id = '" + organization
                            + "' AND status = 'OPEN' AND due_at >= now() - interval '30 days' AND due_at <= now())"
                            + " + (SELECT count(*) FROM deadline WHERE organization_id = '" + organization
                            + "' AND status = 'BREACHED' AND due_at >= now() - interval '30 days' AND due_at <= now())");
            plan(db, "deadline job, a run one minute after the last: what came due in that minute",
                    "SELECT organization_id, count(*) FROM deadline WHERE status = 'OPEN'"
                            + " AND due_at > now() - interval '1 minute' AND due_at <= now() GROUP BY organization_id");
            plan(db, "overview: median hours to acknowledge (90 days, tallies)",
                    "WITH h AS (SELECT hours, sum(n) AS n FROM case_delay_tally WHERE organization_id = '" + organization
                            + "' AND kind = 'ACKNOWLEDGEMENT' AND received_day >= (now() AT TIME ZONE 'UTC')::date - 90"
                            + " GROUP BY hours HAVING sum(n) > 0), c AS (SELECT hours, sum(n) OVER (ORDER BY hours) AS upto,"
                            + " sum(n) OVER () AS total FROM h) SELECT hours FROM c WHERE upto * 2 >= total ORDER BY hours LIMIT 1");
        }
    }

    static void seed(Connection db, String organization, List<String> channels, String handler, int count) throws Exception {
        db.setAutoCommit(false);
        var channelArray = "ARRAY['" + String.join("','", channels) + "']::uuid[]";
        exec(db, "CREATE TEMP TABLE template AS SELECT row_number() OVER (ORDER BY id) - 1 AS n, receipt_salt, receipt_key, sealed_answers"
                + " FROM report");
        var templates = one(db, "SELECT count(*) FROM template");
        exec(db, "CREATE TEMP TABLE seed AS SELECT i, gen_random_uuid() AS report_id, gen_random_uuid() AS case_id,"
                + " (" + channelArray + ")[1 + (i % 5)] AS channel_id,"
                + " (ARRAY['fraud','safety','privacy','harassment',NULL])[1 + ((i / 5) % 5)] AS category,"
                + " now() - (random() * interval '1095 days') AS received_at,"
                + " (ARRAY['ARCHIVED','ARCHIVED','ARCHIVED','CONCLUDED','CONCLUDED','CLOSED_NO_ACTION','REFERRED','INVESTIGATING',"
                + "'INVESTIGATING','TRIAGE','ACKNOWLEDGED','RECEIVED','AWAITING_REPORTER','ADDRESSING','ADDRESSING','CONCLUDED',"
                + "'ARCHIVED','INVESTIGATING','TRIAGE','ADDRESSING'])[1 + (i * 7 % 20)] AS state"
                + " FROM generate_series(1, " + count + ") AS i");
        exec(db, "INSERT INTO report (id, organization_id, channel_id, questionnaire_version, category, receipt_lookup, receipt_salt,"
                + " receipt_key, sealed_answers, received_at)"
                + " SELECT s.report_id, '" + organization + "', s.channel_id, 1, s.category, sha256(('bench-receipt-' || s.i)::bytea),"
                + " t.receipt_salt, t.receipt_key, t.sealed_answers, s.received_at FROM seed s JOIN template t ON t.n = s.i % " + templates);
        exec(db, "INSERT INTO key_grant (report_id, staff_id, organization_id, wrapped_key, granted_at)"
                + " SELECT report_id, '" + handler + "', '" + organization + "', sha256(report_id::text::bytea), received_at FROM seed WHERE i <= 2000");
        exec(db, "INSERT INTO case_file (id, organization_id, report_id, channel_id, reference, state, received_at, last_activity, unread,"
                + " version, acknowledged_at, risk, outcome, category, priority, assignee_id, feedback_at)"
                + " SELECT case_id, '" + organization + "', report_id, channel_id, 'C-' || lpad(upper(to_hex(i)), 8, '0'), state, received_at,"
                + " received_at + random() * interval '30 days', i % 3 = 0, 3,"
                + " CASE WHEN state = 'RECEIVED' THEN NULL ELSE received_at + random() * interval '6 days' END,"
                + " CASE WHEN state IN ('RECEIVED','ACKNOWLEDGED','ACK_WAIVED','TRIAGE') THEN NULL ELSE (ARRAY['LOW','MEDIUM','HIGH'])[1 + i % 3] END,"
                + " CASE WHEN state IN ('CONCLUDED','ARCHIVED') THEN (ARRAY['SUBSTANTIATED','UNSUBSTANTIATED','INSUFFICIENT_INFORMATION'])[1 + i % 3]"
                + "      WHEN state = 'REFERRED' THEN 'REFERRED' END,"
                + " category, (ARRAY['LOW','NORMAL','NORMAL','NORMAL','HIGH','URGENT'])[1 + i % 6],"
                + " CASE WHEN i <= 2000 THEN '" + handler + "'::uuid END,"
                + " CASE WHEN state IN ('CONCLUDED','ARCHIVED','CLOSED_NO_ACTION','REFERRED') THEN received_at + random() * interval '80 days' END"
                + " FROM seed");
        exec(db, "INSERT INTO deadline (id, organization_id, case_id, kind, due_at, counted, status, remind_at, met_at, created_at, changed_at)"
                + " SELECT gen_random_uuid(), c.organization_id, c.id, 'ACKNOWLEDGEMENT', c.received_at + interval '7 days', '7 days',"
                + " CASE WHEN c.state = 'RECEIVED' THEN 'OPEN' ELSE 'MET' END, c.received_at + interval '5 days', c.acknowledged_at,"
                + " c.received_at, c.received_at FROM case_file c JOIN seed s ON s.case_id = c.id");
        exec(db, "INSERT INTO deadline (id, organization_id, case_id, kind, due_at, counted, status, remind_at, met_at, created_at, changed_at)"
                + " SELECT gen_random_uuid(), c.organization_id, c.id, 'FEEDBACK',"
                + " coalesce(c.acknowledged_at, c.received_at + interval '7 days') + interval '3 months', '3 months',"
                + " CASE WHEN c.feedback_at IS NULL THEN 'OPEN' ELSE 'MET' END,"
                + " coalesce(c.acknowledged_at, c.received_at + interval '7 days') + interval '3 months' - interval '2 days', c.feedback_at,"
                + " c.received_at, c.received_at FROM case_file c JOIN seed s ON s.case_id = c.id");
        // the row trigger that keeps the overview's tallies would fire a million times: off for the
        // bulk update, then everything counted once
        exec(db, "ALTER TABLE case_file DISABLE TRIGGER case_tallies_updated");
        exec(db, "ALTER TABLE case_file DISABLE TRIGGER case_holder_copy");
        exec(db, "UPDATE case_file c SET next_due_at = d.due FROM (SELECT case_id, min(due_at) AS due FROM deadline WHERE status = 'OPEN'"
                + " GROUP BY case_id) d WHERE d.case_id = c.id");
        exec(db, "ALTER TABLE case_file ENABLE TRIGGER case_tallies_updated");
        exec(db, "ALTER TABLE case_file ENABLE TRIGGER case_holder_copy");
        // who holds which case, as the grants' events would have recorded it
        exec(db, "INSERT INTO case_holder (case_id, staff_id, organization_id, state, channel_id, category, received_at,"
                + " last_activity, next_due_at) SELECT c.id, g.staff_id, c.organization_id, c.state, c.channel_id, c.category,"
                + " c.received_at, c.last_activity, c.next_due_at FROM key_grant g JOIN case_file c ON c.report_id = g.report_id"
                + " WHERE g.organization_id = '" + organization + "' ON CONFLICT (case_id, staff_id) DO NOTHING");
        exec(db, "SELECT case_tallies_rebuild()");
        exec(db, "INSERT INTO case_label (case_id, organization_id, name) SELECT case_id, '" + organization + "',"
                + " (ARRAY['urgent-review','legal','hr','finance','it','audit','press','board'])[1 + i % 8] FROM seed WHERE i % 5 = 0");
        db.commit();
        db.setAutoCommit(true);
    }

    static void measure(String what, String token, String path) throws Exception {
        for (int i = 0; i < 30; i++) {
            LoadDriver.check(LoadDriver.get(path, "Bearer " + token), 200, what);
        }
        var times = new long[200];
        for (int i = 0; i < times.length; i++) {
            var started = System.nanoTime();
            var response = LoadDriver.get(path, "Bearer " + token);
            times[i] = System.nanoTime() - started;
            LoadDriver.check(response, 200, what);
        }
        Arrays.sort(times);
        System.out.printf("%-70s p50 %6.1f ms  p95 %6.1f ms  p99 %6.1f ms  (%d requests, one at a time)%n", what,
                times[100] / 1e6, times[190] / 1e6, times[198] / 1e6, times.length);
    }

    static void plan(Connection db, String what, String sql) throws Exception {
        System.out.println("-- " + what);
        try (var rs = db.createStatement().executeQuery("EXPLAIN (ANALYZE, BUFFERS, COSTS OFF, SUMMARY ON) " + sql)) {
            while (rs.next()) {
                System.out.println("   " + rs.getString(1));
            }
        }
    }

    static void exec(Connection db, String sql) throws Exception {
        var started = System.nanoTime();
        try (var statement = db.createStatement()) {
            statement.execute(sql);
        }
        var shown = sql.length() > 60 ? sql.substring(0, 60) + "…" : sql;
        System.out.printf("   %.1f s  %s%n", (System.nanoTime() - started) / 1e9, shown);
    }

    static String one(Connection db, String sql) throws Exception {
        try (var rs = db.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
