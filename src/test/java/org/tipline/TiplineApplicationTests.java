package org.tipline;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

@SpringBootTest
@ActiveProfiles("test")
class TiplineApplicationTests {

    @Autowired
    JdbcClient jdbc;

    @Test
    void runsOnPostgresql17WithTheMigratedSchema() {
        var version = jdbc.sql("SHOW server_version_num").query(String.class).single();
        assertThat(Integer.parseInt(version)).isBetween(170000, 179999);
        assertThat(jdbc.sql("SELECT count(*) FROM event_publication")
                        .query(Long.class)
                        .single())
                .isZero();
    }
}
