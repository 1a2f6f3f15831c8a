package org.tipline.cases;

import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The deadline job: announces, per organisation, the deadlines whose time passed since its last
 * run and are still not met, and marks those whose reminder time has come as reminded.
 *
 * <p>Implementation notes: a missed deadline is a fact of time — an open row past its due time
 * reads as BREACHED ({@link Deadlines}) — so the job rewrites no row to record it; half a million
 * deadlines that passed during an outage cost one range of the open-deadline index, not half a
 * million row versions. The job keeps where it got to ({@code deadline_watch}) and each run covers
 * the time after that, so every missed deadline is announced once. One node at a time: the run
 * takes a transaction-scoped PostgreSQL advisory lock and a node that does not get it skips the
 * run. Cases are not touched: their inbox column is the earliest deadline not yet met, which a
 * breach does not change. The announcement carries counts; listeners ask which cases.
 */
@Component
class DeadlineWatch {

    private static final Logger log = LoggerFactory.getLogger(DeadlineWatch.class);

    private final JdbcClient jdbc;
    private final Deadlines deadlines;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final org.springframework.transaction.support.TransactionTemplate transactions;

    DeadlineWatch(
            JdbcClient jdbc,
            Deadlines deadlines,
            ApplicationEventPublisher events,
            Clock clock,
            org.springframework.transaction.PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.deadlines = deadlines;
        this.events = events;
        this.clock = clock;
        this.transactions = new org.springframework.transaction.support.TransactionTemplate(transactions);
    }

    /** What one run did: how many missed deadlines it announced and how many reminders. */
    record Run(boolean ran, long breached, long reminded) {}

    @Scheduled(
            fixedDelayString = "${tipline.cases.deadline-check:PT1M}",
            initialDelayString = "${tipline.cases.deadline-check:PT1M}")
    void scheduled() {
        var started = System.nanoTime();
        var run = check(clock.instant());
        if (run.breached() > 0 || run.reminded() > 0) {
            log.info(
                    "Deadline check: {} breached, {} reminders in {} ms",
                    run.breached(),
                    run.reminded(),
                    (System.nanoTime() - started) / 1_000_000);
        }
    }

    /**
     * Marks what is due at {@code now}, in one transaction that holds the job's lock; skips (and
     * says so) when another node holds it. The transaction is its own, not a proxy's: the scheduled
     * call comes from inside this bean, where an annotation would not apply.
     */
    Run check(Instant now) {
        return java.util.Objects.requireNonNull(transactions.execute(status -> {
            var locked = jdbc.sql("SELECT pg_try_advisory_xact_lock(hashtextextended('tipline:deadline-watch', 0))")
                    .query(Boolean.class)
                    .single();
            if (!locked) {
                return new Run(false, 0, 0);
            }
            var from = deadlines.checkedUntil();
            var breached = deadlines.cameDue(from, now);
            var reminded = deadlines.remind(from, now);
            deadlines.checked(now);
            var organizations = new java.util.LinkedHashSet<>(breached.keySet());
            organizations.addAll(reminded.keySet());
            for (var organization : organizations) {
                events.publishEvent(new DeadlinesPassed(
                        organization,
                        from,
                        now,
                        breached.getOrDefault(organization, 0L),
                        reminded.getOrDefault(organization, 0L)));
            }
            return new Run(
                    true,
                    breached.values().stream().mapToLong(Long::longValue).sum(),
                    reminded.values().stream().mapToLong(Long::longValue).sum());
        }));
    }
}
