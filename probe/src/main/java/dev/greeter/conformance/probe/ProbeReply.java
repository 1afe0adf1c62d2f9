package dev.greeter.conformance.probe;

import java.util.List;

/** What a probe observed, as plain data; the harness judges it. */
public sealed interface ProbeReply {

    /** How a connection attempt went. */
    enum Outcome {
        CONNECTED, REFUSED, TIMEOUT, ERROR,
        /** A non-blocking connect to a Unix-domain socket whose queue is full failed at once with EAGAIN. */
        QUEUE_FULL
    }

    /** How an established connection ended, as seen by the probe. */
    enum End { FIN, RST, BOUND, CLOSED_BY_PROBE, NOT_CONNECTED }

    /**
     * A LISTEN socket; {@code queued} is how many established connections wait in its accept queue;
     * {@code inode} names the socket itself, so a server that closed its socket and opened another (a
     * restart) is told apart from one that kept listening.
     */
    record Listener(String address, int port, int queued, boolean ipv6, long inode) {
        public boolean wildcard() {
            return address.equals("0.0.0.0") || address.equals("::");
        }

        @Override
        public String toString() {
            return (ipv6 ? "[" + address + "]" : address) + ":" + port + (queued > 0 ? " (" + queued + " connections queued)" : "");
        }
    }

    /** The agent's answer to {@link ProbeRequest.Hello}: it is up, and speaks {@code protocol}. */
    record Ready(String protocol) implements ProbeReply {
    }

    /**
     * {@code count} sockets matched; {@code sockets} are the first of them (64 at most), so a
     * server that opens thousands cannot make the reply too long to carry.
     */
    record Listeners(List<Listener> sockets, int somaxconn, long count) implements ProbeReply {
    }

    /**
     * @param connectMillis   time the handshake took (or until it failed)
     * @param firstByteMillis after connecting; -1 if nothing arrived
     * @param endMillis       after connecting, when the connection ended or the bound ran out
     * @param trace           what happened on the wire, one event a line, times relative to the first SYN
     */
    record ExchangeResult(Outcome outcome, byte[] received, End end, long connectMillis, long firstByteMillis,
                          long endMillis, List<String> trace, String error) implements ProbeReply {

        /** Served: the server started sending. What it sent and how it closed are for the greeting rules alone. */
        public boolean served() {
            return outcome == Outcome.CONNECTED && received.length > 0;
        }
    }

    /** {@code completed} clients were served; {@code last} is the first that was not, or the last one. */
    record SeriesResult(int completed, ExchangeResult last) implements ProbeReply {
    }

    record Opened(List<Outcome> attempts, List<Long> millis) implements ProbeReply {
        public long connected() {
            return attempts.stream().filter(o -> o == Outcome.CONNECTED).count();
        }
    }

    record Drained(List<ExchangeResult> results) implements ProbeReply {
    }

    /**
     * What a burst of misbehaving clients got: how many connected, were refused, timed out, or could not
     * connect for a reason of the probe's own ({@code errors}, a harness problem); the first few traces.
     */
    record BurstResult(int connected, int refused, int timedOut, int errors, List<String> trace, String firstError)
            implements ProbeReply {
    }

    /**
     * What a scripted server saw: connections accepted, and the bytes the clients sent on them (it reads and discards
     * them while it lingers after its greeting): how many in all, and the first {@link Tally#KEPT}.
     */
    record ServeReport(int accepted, long receivedBytes, byte[] received, List<String> trace) implements ProbeReply {
    }

    record Done() implements ProbeReply {
    }

    /** The namespace's IPv6 routes, the first {@link RouteSeal#KEPT}, and those not allowed (empty: sealed). */
    record Ipv6Routes(List<String> routes, List<String> notAllowed) implements ProbeReply {
    }

    /** The probe could not do what was asked: a harness error, never a verdict on the implementation. */
    record Failed(String error) implements ProbeReply {
    }

    // ---- UDP (SPEC sections 8 and 9) ----

    /**
     * A datagram a peer received: from where, how long it was (its first bytes are kept), when (after
     * the round's last send).
     */
    record Datagram(String from, int fromPort, int length, byte[] head, long millis) {
    }

    /**
     * What one {@link ProbeRequest.UdpPeer} got: its source port, how many datagrams and bytes arrived in all,
     * the first of those datagrams (64 at most, fewer once the round has kept its share of
     * bytes), and whether a connected peer was refused. A server that sprays datagrams is counted, not kept.
     */
    record UdpPeerResult(int localPort, long datagrams, long bytes, List<Datagram> received, boolean refused, String error) {
        /** Every datagram that arrived is in {@link #received()}: none was only counted. */
        public boolean complete() {
            return datagrams == received.size();
        }
    }

    /** A {@link ProbeRequest.UdpRound}'s peers, in the order asked, and a short trace of the round. */
    record UdpRoundResult(List<UdpPeerResult> peers, List<String> trace) implements ProbeReply {
    }

    /**
     * What the scripted UDP server received from the client under test: how many requests, the shortest
     * one's length (-1 if none came), and the first ones' lengths (64 at most), in order; a client that
     * floods the server is counted, not kept.
     */
    record DatagramServeReport(long requests, int shortest, List<Integer> requestBytes, List<String> trace) implements ProbeReply {
    }

    /**
     * A Unix-domain stream socket as the kernel's socket diagnostics list it: {@code path} is its bound name
     * for a person to read (escaped; an abstract name starts with '@'), {@code inode} names the socket (not
     * the file), so a server that closed its socket and bound another is told apart from one that kept
     * listening.
     */
    record UnixSocket(String path, long inode, boolean listening) {
        @Override
        public String toString() {
            return path + " (socket " + inode + (listening ? ", listening" : ", not listening") + ")";
        }
    }

    /** What a file path holds, as the probe sees it. */
    enum FileKind { NONE, SOCKET, OTHER }

    /**
     * {@code sockets}: those on the path asked about (bound to it, and their socket file is the file there
     * now); {@code listening}: the first of the {@code listeningCount} listening Unix-domain stream sockets in
     * the namespace with a name, to say where a server listens instead.
     */
    record UnixSockets(List<UnixSocket> sockets, FileKind file, List<UnixSocket> listening, int listeningCount, int somaxconn)
            implements ProbeReply {
    }

    // ---- packet captures ----

    /**
     * A capture so far: {@code packets} frames kept in a pcap file of {@code bytes}; {@code notKept} frames came after the
     * file reached its bound; {@code error} is what stopped the reading early (empty: nothing did).
     */
    record CaptureState(long packets, int bytes, long notKept, String error) implements ProbeReply {
    }

    /** Bytes of a stopped capture's pcap file, which is {@code total} bytes long. */
    record CaptureData(byte[] bytes, int total) implements ProbeReply {
    }
}
