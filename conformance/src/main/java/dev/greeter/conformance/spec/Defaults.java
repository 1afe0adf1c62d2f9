package dev.greeter.conformance.spec;

/**
 * The lesson's values as SPEC.md states them: what the harness expects unless told otherwise (--port,
 * --greeting, --backlog). Kept here, not taken from the app's {@code Protocol}: a judge must not depend on
 * the implementation it judges (and the harness is built for Java 17, the app for 25).
 */
public final class Defaults {

    public static final int PORT = 40674;
    public static final String GREETING = "Thank you for connecting";
    public static final int BACKLOG = 5;
    /** Where a Unix-domain server listens: a directory the user (or the harness) mounts into a read-only image. */
    public static final String UNIX_PATH = "/run/greeter/greeter.sock";
    /** The length a UDP client pads its request to (QUIC's Initial); a greeting served over UDP is no longer. */
    public static final int UDP_REQUEST_BYTES = 1200;
    /** The largest UDP payload over IPv4: what 8.5's oversized datagram holds. */
    public static final int UDP_MAX_PAYLOAD = 65507;

    private Defaults() {
    }
}
