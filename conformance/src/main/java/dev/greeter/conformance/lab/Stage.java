package dev.greeter.conformance.lab;

import java.util.Optional;

/** A server under test the harness watches between rules. */
public interface Stage extends AutoCloseable {

    /** Whether the watched server broke off since it was last seen well; present: what happened, and the watch ends. */
    Optional<String> brokeOff();

    @Override
    void close();
}
