package dev.greeter.conformance.lab;

import java.util.Optional;

/** A server under test the harness watches between rules. */
public interface Stage extends AutoCloseable {

    /** Whether the watched server broke off since it was last seen well; present: what happened, and the watch ends. */
    Optional<String> brokeOff();

    /** The server's container: start, state, signals. */
    ServerUnderTest server();

    /** Stops watching: the harness itself is about to stop or replace the server. */
    void unwatch();

    /** The harness itself failed while this stage was in use: its holder is removed on {@link #close()}, never handed on. */
    void distrust();

    @Override
    void close();
}
