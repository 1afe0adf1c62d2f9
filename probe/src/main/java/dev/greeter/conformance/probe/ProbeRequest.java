package dev.greeter.conformance.probe;

import java.util.List;

/** What the harness asks of a probe; each request gets one {@link ProbeReply}. */
public sealed interface ProbeRequest {

    /**
     * How a scripted client behaves once connected. The misbehaving ones vary when they leave: at once,
     * after a few milliseconds (before the greeting is read), or after its first bytes (while the rest of
     * it may still be in flight).
     */
    enum ClientAction {
        READ, RESET_AT_ONCE, RESET_AFTER_A_MOMENT, RESET_AFTER_FIRST_BYTES, CLOSE_AT_ONCE, CLOSE_AFTER_A_MOMENT,
        CLOSE_AFTER_FIRST_BYTES, SEND_THEN_READ, SEND_THEN_CLOSE, SEND_THEN_RESET
    }

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

    /**
     * Connect {@code attempts} times one after another and hold every connection that completes, without reading;
     * each first sends {@code sendFirst} when it is not empty (a client that speaks first, rule 2.4).
     */
    record Open(String host, int port, int connectTimeoutMs, int attempts, byte[] sendFirst) implements ProbeRequest {
    }

    /** Read every held connection (to its end, or to its first bytes with {@code stopAtData}) within {@code boundMs}, then close them. */
    record Drain(int boundMs, boolean stopAtData) implements ProbeRequest {
    }

    /**
     * Misbehaving clients: one per entry of {@code actions}, {@code concurrency} at a time, each connecting
     * to host:port and acting as its entry says ({@code sendFirst} for the SEND_ ones); a moment is a
     * random 1-{@code momentMaxMs} ms from {@code seed}. Reports counts, never waiting on a greeting longer
     * than {@code boundMs}.
     */
    record Burst(String host, int port, int connectTimeoutMs, int boundMs, List<ClientAction> actions, byte[] sendFirst,
                 int concurrency, int momentMaxMs, long seed) implements ProbeRequest {
    }

    /** Start a scripted server on {@code port} for a client under test. */
    record Serve(int port, ServeMode mode, byte[] greeting, int pieces, int gapMs) implements ProbeRequest {
    }

    /** Stop the scripted server and report what it saw. */
    record StopServing() implements ProbeRequest {
    }

    /**
     * Close everything the agent holds (scripted servers of every transport, connections held by {@link Open} and
     * {@link UnixOpen}, the peers of a pending {@link UdpSend}) and empty the socket directory it shares with
     * implementations, if it has one, so that its namespace can be handed on; answered with {@link ProbeReply.Done}
     * only when every one of them closed and the directory is empty, else {@link ProbeReply.Failed}.
     */
    record Reset() implements ProbeRequest {
    }

    /**
     * The namespace's IPv6 routes (/proc/net/ipv6_route), and those of them a namespace sealed for {@code peers} must not
     * have ({@link RouteSeal#allowed}); answered with {@link ProbeReply.Ipv6Routes}.
     */
    record Ipv6Sealed(List<String> peers) implements ProbeRequest {
    }

    /**
     * Seal the namespace's IPv6 so that it reaches only {@code peers} ({@link RouteSeal}): asked of a holder once, before
     * any implementation joins it; answered with {@link ProbeReply.Done}, or {@link ProbeReply.Failed} when a route that
     * must go is left. Needs NET_ADMIN, which only a holder has.
     */
    record SealIpv6(List<String> peers) implements ProbeRequest {
    }

    // ---- UDP (SPEC sections 8 and 9) ----

    /** The bound, unconnected UDP sockets on a port (any port if negative), from /proc/net/udp{,6}; answered with {@link ProbeReply.Listeners}. */
    record UdpState(int port) implements ProbeRequest {
    }

    /**
     * One peer of a {@link UdpRound}, on a socket of its own (so its own source port): it sends datagrams
     * of these sizes in order (zeros, or random bytes), then closes its socket at once or reads replies.
     * A connected peer ({@code connect()}ed to the target) sees ICMP port-unreachable as refused; an
     * unconnected one receives from anyone. The round waits for {@code expectReplies} datagrams of it.
     */
    record UdpPeer(List<Integer> sizes, boolean randomBytes, boolean closeAfterSending, boolean connected, int expectReplies) {
    }

    /**
     * Every peer sends, in list order, to host:port; then the open peers read until each has the replies
     * it expects and {@code settleMs} more have passed (a reply too many would come then), or until
     * {@code boundMs} after the last send. Random bytes come from {@code seed}.
     */
    record UdpRound(String host, int port, List<UdpPeer> peers, int boundMs, int settleMs, long seed) implements ProbeRequest {
    }

    /**
     * The sending half of a {@link UdpRound}: the peers send and their sockets stay open, so that the harness
     * can act (resume a paused server) before {@link UdpCollect} reads them.
     */
    record UdpSend(String host, int port, List<UdpPeer> peers, long seed) implements ProbeRequest {
    }

    /** The reading half of a {@link UdpRound}, for the peers of the last {@link UdpSend}; bounds run from now. */
    record UdpCollect(int boundMs, int settleMs) implements ProbeRequest {
    }

    /**
     * How the probe's scripted UDP server treats the client under test: answer every request; ignore the
     * first and answer the rest; send a decoy from another port before each answer; answer nothing.
     */
    enum DatagramServeMode { GREET, IGNORE_FIRST, DECOY, SILENT }

    /** Start a scripted UDP server on {@code port} for a client under test; {@link StopServing} ends it. */
    record ServeUdp(int port, DatagramServeMode mode, byte[] greeting, byte[] decoy) implements ProbeRequest {
    }

    // ---- Unix-domain stream sockets (SPEC sections 10 and 11) ----

    /** How the probe's scripted Unix-domain server treats the client under test. */
    enum UnixServeMode {
        /** Greets each connection and closes it. */
        GREET,
        /** Accepts and keeps each connection open without a byte. */
        SILENT,
        /** Binds the path and closes the socket without unlinking it: a file nobody listens on (ECONNREFUSED). */
        STALE,
        /** Makes sure nothing is at the path (ENOENT). */
        ABSENT
    }

    /**
     * The Unix-domain sockets of this network namespace on {@code path}, from the kernel's socket diagnostics, and what
     * the file at it is.
     */
    record UnixState(String path) implements ProbeRequest {
    }

    /** One client connection to the socket at {@code path}, read as {@link Exchange} reads (connecting never blocks). */
    record UnixExchange(String path, int boundMs, boolean stopAtData) implements ProbeRequest {
    }

    /**
     * {@code attempts} non-blocking connects to {@code path}, one after another; every connection made is held unread,
     * after sending {@code sendFirst} when it is not empty (rule 10.8).
     */
    record UnixOpen(String path, int attempts, byte[] sendFirst) implements ProbeRequest {
    }

    /**
     * Read every connection {@link UnixOpen} holds until it is served (with {@code stopAtData}) or to its end, within
     * {@code boundMs} in all, then close them.
     */
    record UnixDrain(int boundMs, boolean stopAtData) implements ProbeRequest {
    }

    /** Start a scripted Unix-domain server at {@code path} (replacing any file there) for a client under test. */
    record UnixServe(String path, UnixServeMode mode, byte[] greeting) implements ProbeRequest {
    }

    // ---- packet captures (the report's captures/RULE-IMPLEMENTATION.pcap) ----

    /**
     * Capture every frame of this network namespace from now on, at most {@code limitBytes} of pcap (what comes after is
     * counted, not kept); answered once the packet socket is open, so nothing the harness does next is missed. Replaces
     * any earlier capture. Needs CAP_NET_RAW: a holder started for captures has it.
     */
    record StartCapture(int limitBytes) implements ProbeRequest {
    }

    /**
     * What is captured so far, the capture going on, once every frame queued now is read; answered with
     * {@link ProbeReply.CaptureState}: the pcap file's first {@code bytes} stay as they are.
     */
    record CaptureSoFar() implements ProbeRequest {
    }

    /** Stop capturing; answered with {@link ProbeReply.CaptureState}. The file stays until the next capture or {@link Reset}. */
    record StopCapture() implements ProbeRequest {
    }

    /** Up to {@code maxBytes} of the capture's pcap file from {@code offset}; answered with {@link ProbeReply.CaptureData}. */
    record CaptureBytes(int offset, int maxBytes) implements ProbeRequest {
    }
}
