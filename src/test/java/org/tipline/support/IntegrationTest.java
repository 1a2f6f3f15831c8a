package org.tipline.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;
import org.tipline.shared.internal.DatabaseAdministrator;

/**
 * A test against the whole application on a random port, through the real security chain, on the
 * JVM's one embedded PostgreSQL (a fresh database per distinct context), with a movable clock.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@ContextConfiguration(initializers = TestMail.class)
@Import({
    TestClockConfiguration.class,
    TestOrganization.class,
    TestChannels.class,
    TestCustodians.class,
    TestDisclosures.class,
    TestRewards.class,
    org.tipline.cases.TestDeadlineJob.class,
    DatabaseAdministrator.class
})
public @interface IntegrationTest {}
