package dev.greeter.conformance.lab;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A run's time is never negative: what the engine stamps out of order is clamped and said to be approximate. */
class RunTimeTest {

    @Test
    void aClientThatExitsAtOnceWhoseExitTheEngineStampedBeforeItsStartTookApproximatelyNothing() {
        // As seen of telnet judged as a client: FinishedAt 8 ms before StartedAt.
        RunTime t = RunTime.of("2026-12-05T23:00:00.108123456Z", "2026-12-05T23:00:00.100000001Z", 300);
        assertThat(t).isEqualTo(new RunTime(0, true));
        assertThat(RunTime.after(t.millis(), t.approximate())).as("said, not shown as measured")
                .isEqualTo("at once (approx. 0 ms: the engine stamped its exit before its start)").doesNotContain("-");
    }

    @Test
    void theEnginesAccountWhenItIsInOrderAndTheHarnessesClockWithoutOne() {
        assertThat(RunTime.of("2026-12-05T23:00:00.100Z", "2026-12-05T23:00:01.350Z", 9999)).isEqualTo(new RunTime(1250, false));
        assertThat(RunTime.of("2026-12-05T23:00:00.100Z", "2026-12-05T23:00:00.100Z", 9999)).as("exited in the same instant")
                .isEqualTo(new RunTime(0, false));
        assertThat(RunTime.of(null, "0001-01-01T00:00:00Z", 420)).as("no engine account").isEqualTo(new RunTime(420, false));
        assertThat(RunTime.of("", "", 75)).isEqualTo(new RunTime(75, false));
        assertThat(RunTime.after(1250, false)).isEqualTo("after 1250 ms");
    }
}
