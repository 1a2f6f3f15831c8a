package org.tipline.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.tipline.accounts.internal.Credentials;
import org.tipline.crypto.PasswordKeys;
import org.tipline.crypto.PrivateKey;
import org.tipline.shared.StaffId;
import org.tipline.shared.internal.DatabaseAdministrator;
import org.tipline.support.Http;
import org.tipline.support.IntegrationTest;
import org.tipline.support.TestChannels;
import org.tipline.support.TestOrganization;

/**
 * Logins under a flood and under a stopwatch: no one's guesses starve anyone else, parallel guesses
 * at one address do not all get through, and an unknown address takes as long as a known one.
 */
@IntegrationTest
@org.springframework.test.context.TestPropertySource(properties = "tipline.crypto.argon2.memory-kib=65536")
class LoginUnderLoadIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    TestOrganization organization;

    @Autowired
    TestChannels channels;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PasswordKeys passwordKeys;

    @Autowired
    DatabaseAdministrator database;

    @Test
    void aFloodOfWrongLoginsStarvesNobody() throws Exception {
        var http = new Http(port);
        var desk = channels.desk(http);
        var pool = Executors.newFixedThreadPool(48);
        try {
            var logins = new ArrayList<Future<Integer>>();
            for (int i = 0; i < 40; i++) {
                var address = "nobody" + i + "@example.org";
                logins.add(pool.submit(() -> login(new Http(port), null, address, "wrong password " + address)));
            }
            var ordinary = new ArrayList<Future<Integer>>();
            for (int i = 0; i < 5; i++) {
                ordinary.add(pool.submit(() -> new Http(port)
                        .get("/api/v1/cases", "Authorization", "Bearer " + desk.token())
                        .status()));
            }
            for (var request : ordinary) {
                assertThat(request.get()).isEqualTo(200);
            }
            for (var login : logins) {
                assertThat(login.get()).isIn(401, 503);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void parallelGuessesAtOneAddressTakeTheThrottleFirst() throws Exception {
        var http = new Http(port);
        var member = organization.invite(http, "Guessed At", "HANDLER");
        var pool = Executors.newFixedThreadPool(20);
        try {
            var calls = new ArrayList<Callable<Integer>>();
            for (int i = 0; i < 20; i++) {
                var guess = "guess number " + i;
                calls.add(() -> login(new Http(port), null, member.email(), guess));
            }
            var statuses = new ArrayList<Integer>();
            for (var result : pool.invokeAll(calls)) {
                statuses.add(result.get());
            }
            assertThat(statuses).allMatch(status -> status == 401 || status == 429 || status == 503);
            assertThat(statuses).filteredOn(status -> status == 401).hasSizeLessThanOrEqualTo(5);
        } finally {
            pool.shutdownNow();
        }
        assertThat(jdbc.sql("SELECT count(*) FROM audit_entry WHERE action = 'staff.login-failed' AND actor = ?")
                        .param("staff:" + member.id())
                        .query(Long.class)
                        .single())
                .isLessThanOrEqualTo(5);
    }

    @Test
    void anUnknownAddressTakesAsLongAsAKnownOne() {
        var http = new Http(port);
        var known = new ArrayList<Long>();
        var unknown = new ArrayList<Long>();
        for (int i = 0; i < 7; i++) {
            var member = organization.invite(http, "Timed " + i, "HANDLER");
            var started = System.nanoTime();
            assertThat(login(http, null, member.email(), "not the password " + i))
                    .isEqualTo(401);
            known.add(System.nanoTime() - started);
            started = System.nanoTime();
            assertThat(login(http, null, "unknown" + i + "-" + member.id() + "@example.org", "not the password"))
                    .isEqualTo(401);
            unknown.add(System.nanoTime() - started);
        }
        var knownMedian = median(known);
        var unknownMedian = median(unknown);
        assertThat((double) Math.abs(knownMedian - unknownMedian))
                .as("medians %d ms and %d ms", knownMedian / 1_000_000, unknownMedian / 1_000_000)
                .isLessThan(0.25 * Math.max(knownMedian, unknownMedian));
    }

    @Test
    void aMemberFromBeforeThePepperLogsInAndMovesToIt() {
        var http = new Http(port);
        var member = organization.invite(http, "Old Scheme", "HANDLER");
        var id = new StaffId(member.id());
        var salt = PasswordKeys.newSalt();
        var legacy = passwordKeys.stretch(member.password(), salt).derive(PasswordKeys.Scheme.UNPEPPERED, id);
        var privateKey = PrivateKey.generate();
        var sealed = privateKey.sealUnder(legacy.key(), "staff:" + id + ":private-key:password");
        database.superuser()
                .sql("""
                        UPDATE staff SET password_salt = ?, password_verifier = ?, password_scheme = 1,
                                         private_key_by_password = ?, public_key = ? WHERE id = ?""")
                .params(salt, legacy.verifier(), sealed, privateKey.publicKey().toBytes(), member.id())
                .update();
        assertThat(organization.token(http, member)).isNotBlank();
        assertThat(jdbc.sql("SELECT password_scheme FROM staff WHERE id = ?")
                        .param(member.id())
                        .query(Integer.class)
                        .single())
                .isEqualTo(2);
        var stored = jdbc.sql("SELECT password_salt, private_key_by_password FROM staff WHERE id = ?")
                .param(member.id())
                .query((rs, i) -> List.of(rs.getBytes(1), rs.getBytes(2)))
                .single();
        var peppered = passwordKeys.derive(member.password(), stored.get(0), id);
        assertThat(Credentials.openWithPassword(id, stored.get(1), peppered.key())
                        .publicKey()
                        .toBytes())
                .isEqualTo(privateKey.publicKey().toBytes());
        assertThat(organization.token(http, member)).isNotBlank();
    }

    @Test
    void aGuessablePasswordIsRefused() {
        var http = new Http(port);
        var adminToken = organization.token(http, organization.admin(http));
        for (var weak : List.of("password1234", "qwertyuiop123", "Test Agency 2026", "aaaaaaaaaaaaaaaa")) {
            var link = http.json(
                            "POST",
                            "/api/v1/invitations",
                            Map.of("email", "weak@example.org", "displayName", "Weak", "roles", List.of("HANDLER")),
                            "Authorization",
                            "Bearer " + adminToken)
                    .json()
                    .get("link")
                    .asString();
            var accepted = http.json(
                    "POST",
                    "/api/v1/invitations/accept",
                    Map.of("token", link.substring(link.lastIndexOf('/') + 1), "password", weak));
            assertThat(accepted.status()).as(weak).isEqualTo(422);
            assertThat(accepted.json().get("errors").get("password").asString()).isEqualTo("error.password.weak");
        }
    }

    private int login(Http http, String organizationSlug, String email, String password) {
        var body = new java.util.HashMap<String, Object>(
                Map.of("email", email, "password", password, "totpCode", "000000"));
        if (organizationSlug != null) {
            body.put("organization", organizationSlug);
        }
        return http.json("POST", "/api/v1/auth/login", body).status();
    }

    private static long median(List<Long> values) {
        var sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
