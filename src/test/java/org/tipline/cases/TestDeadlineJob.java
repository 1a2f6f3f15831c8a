package org.tipline.cases;

import java.time.Instant;
import org.springframework.boot.test.context.TestComponent;

/** Runs the deadline job at a given time, for tests of modules above {@code cases}. */
@TestComponent
public class TestDeadlineJob {

    private final DeadlineWatch watch;

    TestDeadlineJob(DeadlineWatch watch) {
        this.watch = watch;
    }

    /** Runs the job at {@code now}; returns how many missed deadlines it announced. */
    public long runAt(Instant now) {
        var run = watch.check(now);
        if (!run.ran()) {
            throw new IllegalStateException("Another node held the deadline job's lock");
        }
        return run.breached();
    }
}
