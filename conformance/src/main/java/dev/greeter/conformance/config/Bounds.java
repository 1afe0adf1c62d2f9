package dev.greeter.conformance.config;

import java.time.Duration;

/**
 * Every time bound the rules quote, in one place. Generous where a slow machine could trip a correct
 * implementation (start-up), tight only where the rule itself is about time. {@link #scaled} multiplies
 * every one of them (--time-scale): on a loaded machine the suite then runs slower instead of failing.
 *
 * @param startup     from starting a server until it must listen
 * @param greeting    from connecting until the greeting must have begun and the connection closed
 * @param connect     for a handshake to complete
 * @param hang        for an accepted connection to be served, reset or closed (rules 5.x)
 * @param stop        from SIGTERM until the server must have exited (then SIGKILL)
 * @param client      for a client under test to finish
 * @param clientRefused for a client under test to report a refused connection
 * @param backlogDrop how long a connection attempt to a full accept queue waits before it counts as timed out
 * @param perQueued   what each connection queued while frozen adds to the greeting bound of rule 4.2
 * @param stayUp      how long after it starts listening a server must still be up (rule 6.4)
 */
public record Bounds(Duration startup, Duration greeting, Duration connect, Duration hang, Duration stop,
                     Duration client, Duration clientRefused, Duration backlogDrop, Duration perQueued, Duration stayUp) {

    public static Bounds defaults() {
        return new Bounds(Duration.ofSeconds(15), Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(1),
                Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(5), Duration.ofMillis(1200),
                Duration.ofMillis(100), Duration.ofSeconds(6));
    }

    Bounds withStartup(Duration startup) {
        return new Bounds(startup, greeting, connect, hang, stop, client, clientRefused, backlogDrop, perQueued, stayUp);
    }

    /** Every bound times {@code factor}. */
    Bounds scaled(double factor) {
        return new Bounds(times(startup, factor), times(greeting, factor), times(connect, factor), times(hang, factor),
                times(stop, factor), times(client, factor), times(clientRefused, factor), times(backlogDrop, factor),
                times(perQueued, factor), times(stayUp, factor));
    }

    /** Rule 4.2's bound for reading {@code queued} connections after the server resumes. */
    public Duration drain(int queued) {
        return greeting.plus(perQueued.multipliedBy(queued));
    }

    private static Duration times(Duration d, double factor) {
        return Duration.ofNanos(Math.round(d.toNanos() * factor));
    }
}
