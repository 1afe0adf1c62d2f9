package dev.greeter.conformance.run;

import java.time.Duration;

/**
 * Every time bound the rules quote, in one place. Generous where a slow machine could trip a correct
 * implementation (start-up), tight only where the rule itself is about time.
 */
public record Bounds(Duration startup, Duration greeting, Duration connect, Duration hang, Duration stop,
                     Duration client, Duration clientRefused, Duration backlogDrop) {

    public static Bounds defaults() {
        return new Bounds(Duration.ofSeconds(15), Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(1),
                Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(5), Duration.ofMillis(1200));
    }

    public Bounds withStartup(Duration startup) {
        return new Bounds(startup, greeting, connect, hang, stop, client, clientRefused, backlogDrop);
    }
}
