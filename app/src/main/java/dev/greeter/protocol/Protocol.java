package dev.greeter.protocol;

import java.time.Duration;

/** The greeting protocol's constants, as the socket-programming lesson fixes them. */
public final class Protocol {

    public static final int DEFAULT_PORT = 40674;
    public static final int DEFAULT_BACKLOG = 5;
    public static final String DEFAULT_GREETING = "Thank you for connecting";
    public static final String DEFAULT_HOST = "127.0.0.1";
    /** All interfaces, IPv6 and IPv4 alike (a dual-stack socket takes IPv4 as mapped addresses): SPEC 1.3 and 8.8. */
    public static final String ALL_INTERFACES = "::";
    /** All interfaces where there is no IPv6 (the JDK finds no IPv6 address), so that {@link #ALL_INTERFACES} cannot be bound. */
    public static final String ALL_IPV4_INTERFACES = "0.0.0.0";
    /**
     * Where a Unix-domain server listens: under a directory the user mounts, since the image's root file system is
     * read-only.
     */
    public static final String DEFAULT_UNIX_PATH = "/run/greeter/greeter.sock";

    /**
     * What a UDP client sends: this many zero bytes. A server answers only requests at least as long as its
     * greeting (the reply is never larger than the request, against reflection attacks), so clients pad, as QUIC
     * clients pad their first datagram to 1200 bytes; a UDP greeting is therefore at most this long.
     */
    public static final int UDP_REQUEST_BYTES = 1200;
    /** The largest UDP payload over IPv4 (65535 less the IP and UDP headers). */
    public static final int MAX_DATAGRAM_BYTES = 65507;

    /** A client gives up on a greeting longer than this rather than buffering without bound. */
    public static final int MAX_GREETING_BYTES = 64 * 1024;

    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(5);
    /**
     * The longest a server lingers after its greeting for a client that spoke first (SPEC 2.4): it reads and discards
     * until the client closes, or this long, so a client that never closes holds its connection no longer.
     */
    public static final Duration LINGER_BOUND = Duration.ofSeconds(1);
    /** A UDP client's first wait for a reply before it sends its request again; each later wait doubles. */
    public static final Duration UDP_FIRST_RETRY = Duration.ofMillis(250);

    private Protocol() {
    }
}
