package dev.greeter.conformance.lab;

import com.github.dockerjava.api.command.InspectContainerResponse.ContainerState;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * How long a one-off run of an implementation (a client, a second server) lasted. The engine's account
 * (its container's {@code StartedAt} to {@code FinishedAt}) leaves out the seconds a loaded engine takes to
 * create and start a container, so it is used where it has one. But the two times are taken by different
 * parts of the engine: for a process that exits at once the exit can be stamped before the start (a client
 * "exited after -8 ms"). Such a time is never shown as measured: it is clamped at 0 and said to be
 * approximate. Without an engine account the harness's own monotonic clock is used, from the start it saw.
 */
public record RunTime(long millis, boolean approximate) {

    /** For a run still under way when its bound ran out, or one the engine has no account of: the harness's clock. */
    static RunTime of(boolean exited, ContainerState state, long startNanos) {
        long local = (System.nanoTime() - startNanos) / 1_000_000;
        return exited ? of(state.getStartedAt(), state.getFinishedAt(), local) : new RunTime(local, false);
    }

    /** From the engine's {@code startedAt} to {@code finishedAt} (RFC 3339), else {@code localMillis}. */
    static RunTime of(String startedAt, String finishedAt, long localMillis) {
        long engine;
        try {
            engine = Duration.between(Instant.parse(startedAt), Instant.parse(finishedAt)).toMillis();
        } catch (DateTimeParseException | NullPointerException e) {
            return new RunTime(Math.max(0, localMillis), false);
        }
        return engine < 0 ? new RunTime(0, true) : new RunTime(engine, false);
    }

    /** "after N ms", or, for a time clamped at 0, that it exited at once as far as can be told. */
    public static String after(long millis, boolean approximate) {
        return approximate ? "at once (approx. " + millis + " ms: the engine stamped its exit before its start)"
                : "after " + millis + " ms";
    }
}
