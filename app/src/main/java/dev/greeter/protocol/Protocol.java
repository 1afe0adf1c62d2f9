package dev.greeter.protocol;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** The greeting protocol's constants, as the socket-programming lesson fixes them. */
public final class Protocol {

    public static final int DEFAULT_PORT = 40674;
    public static final int DEFAULT_BACKLOG = 5;
    public static final String DEFAULT_GREETING = "Thank you for connecting";
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final String ALL_INTERFACES = "0.0.0.0";

    /** A client gives up on a greeting longer than this rather than buffering without bound. */
    public static final int MAX_GREETING_BYTES = 64 * 1024;

    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(5);

    private Protocol() {
    }

    public static byte[] defaultGreetingBytes() {
        return DEFAULT_GREETING.getBytes(StandardCharsets.UTF_8);
    }
}
