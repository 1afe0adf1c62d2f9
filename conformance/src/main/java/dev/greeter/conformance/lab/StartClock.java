package dev.greeter.conformance.lab;

/**
 * Time the calling thread spent starting containers or waiting for a holder to be started: the part of a rule's
 * time that is the engine's, not the rule's own probing and bounds (issue 22: where the slowest rules' time goes).
 * Per thread, because areas are judged side by side, each on a thread of its own; starts made ahead in the
 * background count for no rule, as no rule waits for them.
 */
public final class StartClock {

    private static final ThreadLocal<long[]> SPENT = ThreadLocal.withInitial(() -> new long[1]);

    private StartClock() {
    }

    /** Nanoseconds this thread has spent on container starts so far; subtract two readings for a stretch. */
    public static long nanos() {
        return SPENT.get()[0];
    }

    static void add(long nanos) {
        SPENT.get()[0] += nanos;
    }
}
