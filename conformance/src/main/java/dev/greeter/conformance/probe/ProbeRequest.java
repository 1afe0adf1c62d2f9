package dev.greeter.conformance.probe;

/** What the harness asks of a probe; each request gets one {@link ProbeReply}. */
public sealed interface ProbeRequest {

    /** How a scripted client behaves once connected. */
    enum ClientAction { READ, RESET_AT_ONCE, CLOSE_AT_ONCE, SEND_THEN_READ }

    /** How the probe's scripted server treats the client under test. */
    enum ServeMode { GREET, SPLIT, SILENT }

    /** The harness's first request: the agent answers {@link ProbeReply.Ready} if it speaks {@code protocol}. */
    record Hello(String protocol) implements ProbeRequest {
    }

    /** The LISTEN sockets on a port (any port if negative) in the probe's network namespace, from /proc/net/tcp{,6}. */
    record ListenState(int port) implements ProbeRequest {
    }

    /**
     * One client connection: connect, act, then read until end of stream, reset, or {@code boundMs} after
     * connecting; with {@code stopAtData}, only until the first bytes arrive (the client was served).
     */
    record Exchange(String host, int port, int connectTimeoutMs, int boundMs, ClientAction action, byte[] sendFirst,
                    boolean stopAtData) implements ProbeRequest {
    }

    /** {@code times} exchanges one after another, stopping at the first client that is not served. */
    record Series(Exchange exchange, int times) implements ProbeRequest {
    }

    /** Connect {@code attempts} times one after another and hold every connection that completes, without reading. */
    record Open(String host, int port, int connectTimeoutMs, int attempts) implements ProbeRequest {
    }

    /** Read every held connection (to its end, or to its first bytes with {@code stopAtData}) within {@code boundMs}, then close them. */
    record Drain(int boundMs, boolean stopAtData) implements ProbeRequest {
    }

    /** Start a scripted server on {@code port} for a client under test. */
    record Serve(int port, ServeMode mode, byte[] greeting, int pieces, int gapMs) implements ProbeRequest {
    }

    /** Stop the scripted server and report what it saw. */
    record StopServing() implements ProbeRequest {
    }
}
