package dev.greeter.conformance.spec;

import static dev.greeter.conformance.spec.Area.BACKLOG;
import static dev.greeter.conformance.spec.Area.BINDING;
import static dev.greeter.conformance.spec.Area.CLIENT;
import static dev.greeter.conformance.spec.Area.CONCURRENCY;
import static dev.greeter.conformance.spec.Area.GREETING;
import static dev.greeter.conformance.spec.Area.REFUSED;
import static dev.greeter.conformance.spec.Area.ROBUSTNESS;
import static dev.greeter.conformance.spec.Area.UDP;
import static dev.greeter.conformance.spec.Area.UDP_CLIENT;
import static dev.greeter.conformance.spec.Area.UNIX;
import static dev.greeter.conformance.spec.Area.UNIX_CLIENT;
import static dev.greeter.conformance.spec.Level.MUST;
import static dev.greeter.conformance.spec.Level.SHOULD;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The rules of SPEC.md, one constant each. SPEC.md is the prose; this is what reports quote. A test
 * keeps the two in step, and another checks that every rule has exactly one check method.
 */
public enum Rule {
    R1_1("1.1", MUST, BINDING, "Listens on the declared port",
            "Within the start-up bound of being started, the server has a TCP socket in LISTEN state on the declared port."),
    R1_2("1.2", MUST, BINDING, "Listens on all interfaces",
            "The listening socket is bound to the wildcard address, so that a client in another container on the same network"
                    + " can connect; a server reachable only on loopback does not conform.", "1.1"),
    R1_3("1.3", SHOULD, BINDING, "Is reachable over IPv6",
            "A client in another container on the same network completes a connection to the declared port at the server's IPv6"
                    + " address: the server listens on :: (dual-stack, or IPv6 only beside an IPv4 socket), not on 0.0.0.0 alone.", "1.1"),

    R2_1("2.1", MUST, GREETING, "Greets unprompted",
            "Once a connection is established, the server starts sending the greeting within 2 s, while the client sends nothing."),
    R2_2("2.2", MUST, GREETING, "Sends exactly the greeting",
            "The bytes received before the server closes are exactly the declared greeting: no terminator, nothing more,"
                    + " nothing less. Delivery in several segments conforms.", "2.1"),
    R2_3("2.3", MUST, GREETING, "Closes in order",
            "After the greeting the server closes the connection in order (FIN, an end of stream), not with a reset (RST),"
                    + " within 2 s of the connection being established.", "2.1"),
    R2_4("2.4", SHOULD, GREETING, "Lingers for a client that speaks first",
            "A client that sends a line before reading (it waits unread when the server accepts) still receives the whole"
                    + " greeting and an orderly close (FIN), not a reset, within 2 s: the server shuts down its sending side and"
                    + " reads and discards until the client closes or a short bound passes, then closes.", "2.2", "2.3"),

    R3_1("3.1", MUST, CONCURRENCY, "Serves clients that connect while others are connected",
            "While 5 earlier clients keep their connections open, a new client is served within 2 s, and so are the 5;"
                    + " a client that is slow to close blocks nobody."),
    R3_2("3.2", MUST, CONCURRENCY, "Serves successive clients",
            "More clients than the server's descriptor limit (nofile) connect one after another, and each is served;"
                    + " a server that leaks a descriptor per connection runs out and fails."),

    R4_1("4.1", MUST, BACKLOG, "Queues backlog+1 handshakes while not accepting",
            "While the server is frozen (not accepting), exactly min(backlog, somaxconn)+1 handshakes complete for the declared"
                    + " backlog; further attempts are neither accepted nor refused: the kernel drops their SYNs and they time out."),
    R4_2("4.2", MUST, BACKLOG, "Serves every queued connection on resuming",
            "When the server resumes, every connection queued while it was frozen is served, within a bound that grows"
                    + " with the number queued."),

    R5_1("5.1", MUST, REFUSED, "Refuses until it serves",
            "Before the server listens, connections to the port are refused at once; once the port accepts connections,"
                    + " each connection is served within 1 s (the port is never open but unserved during start-up)."),
    R5_2("5.2", MUST, REFUSED, "Refuses after it stops, never hangs",
            "From SIGTERM until the server has exited (SIGKILL after 5 s), every connection attempt is served, reset or"
                    + " refused within 1 s, never accepted and left hanging; once it has exited, connections are refused at once."),
    R5_3("5.3", SHOULD, REFUSED, "Exits promptly on SIGTERM",
            "The server exits within 5 s of SIGTERM (a process that runs as PID 1 must handle SIGTERM itself to do so)."),

    R6_1("6.1", MUST, ROBUSTNESS, "Survives clients that reset",
            "After 150 clients that reset the connection (RST) at once, a few milliseconds after connecting, or while the"
                    + " greeting is in flight, some of them at the same time, the server still runs on the same listening"
                    + " socket and the next client is served."),
    R6_2("6.2", MUST, ROBUSTNESS, "Survives clients that close early",
            "After 150 clients that close (FIN) at once, a few milliseconds after connecting, or half-way through the"
                    + " greeting, the server still runs on the same listening socket and the next client is served."),
    R6_3("6.3", MUST, ROBUSTNESS, "Survives clients that send data first",
            "After 150 clients that send a line of data before reading, then read, close or reset, the server still runs on the"
                    + " same listening socket and the next client is served. The server need not read the data."),
    R6_4("6.4", MUST, ROBUSTNESS, "Stays up",
            "The server does not exit or stop listening by itself: at least 6 s after it started listening it is still"
                    + " running, with the same listening socket, and serves the next client."),

    R7_1("7.1", MUST, CLIENT, "Prints the greeting and exits 0",
            "Against a server that sends the greeting and closes, the client connects, prints output that contains the"
                    + " greeting, and exits with status 0 within 10 s."),
    R7_2("7.2", MUST, CLIENT, "Reads a greeting split across segments",
            "Against a server that sends the greeting in 3 segments 150 ms apart, the client prints output that contains the"
                    + " whole greeting and exits with status 0.", "7.1"),
    R7_3("7.3", MUST, CLIENT, "Reports a refused connection",
            "With nothing listening on the port, the client prints a message and exits with a non-zero status within 5 s."),
    R7_4("7.4", MUST, CLIENT, "Gives up on a silent server",
            "Against a server that accepts the connection but never sends nor closes, the client exits with a non-zero"
                    + " status within 10 s."),
    R7_5("7.5", MUST, CLIENT, "Prints the greeting it received",
            "Against a server that sends a greeting chosen at random for the run, the client prints output that contains"
                    + " exactly that greeting, and exits with status 0: it prints what it received, not a text it knows.", "7.1"),
    R7_6("7.6", SHOULD, CLIENT, "Sends nothing",
            "The protocol is server-speaks-first: against a server that sends the greeting and closes, the client sends no"
                    + " byte before it closes.", "7.1"),

    R8_1("8.1", MUST, UDP, "Binds the declared UDP port on all interfaces",
            "Within the start-up bound of being started, the server has a UDP socket bound to the wildcard address on the"
                    + " declared port, and a 1200-byte request from another container on the same network gets the greeting back."),
    R8_2("8.2", MUST, UDP, "Replies with exactly the greeting, once",
            "A 1200-byte request gets exactly one datagram back, holding exactly the greeting, sent from the declared port to"
                    + " the requester's address and port; no second datagram follows.", "8.1"),
    R8_3("8.3", MUST, UDP, "Never replies with more than it received",
            "A request shorter than the greeting (empty, 1 byte, one byte short) gets no reply; a request as long as the"
                    + " greeting gets one; no reply ever holds more bytes than its request.", "8.1"),
    R8_4("8.4", MUST, UDP, "Serves peers independently",
            "20 peers with distinct source ports that send at once each get their own reply, and a peer that closed its"
                    + " socket before the reply came (its host answers ICMP port-unreachable) does not stop the next peer"
                    + " being served.", "8.1", "8.2"),
    R8_5("8.5", MUST, UDP, "Keeps serving after garbage, oversized and empty datagrams",
            "After a 65507-byte datagram, datagrams of random bytes and empty datagrams, the server still runs on the same"
                    + " socket and the next request is answered.", "8.1", "8.2"),
    R8_6("8.6", MUST, UDP, "Refuses after it stops",
            "From SIGTERM until the server has exited (SIGKILL after 5 s), a request is answered or refused within 1 s, never"
                    + " dropped while the port is still held; once it has exited, a request from a connected socket is refused (ICMP"
                    + " port-unreachable).", "8.1"),
    R8_7("8.7", SHOULD, UDP, "Exits promptly on SIGTERM",
            "The server exits within 5 s of SIGTERM (a process that runs as PID 1 must handle SIGTERM itself to do so).", "8.1"),
    R8_8("8.8", SHOULD, UDP, "Is reachable over IPv6",
            "A 1200-byte request from another container on the same network, sent to the server's IPv6 address, gets the greeting"
                    + " back: the server's socket is bound to :: (dual-stack, or IPv6 only beside an IPv4 socket), not to 0.0.0.0 alone."),

    R9_1("9.1", MUST, UDP_CLIENT, "Prints the greeting and exits 0",
            "Against a server that answers every request with the greeting, the client prints output that contains the"
                    + " greeting and exits with status 0 within 10 s."),
    R9_2("9.2", MUST, UDP_CLIENT, "Pads its request",
            "Every request the client sends is at least 1200 bytes long.", "9.1"),
    R9_3("9.3", MUST, UDP_CLIENT, "Retries a lost reply",
            "Against a server that ignores the first request and answers the next, the client prints output that contains"
                    + " the greeting and exits with status 0 within 10 s.", "9.1"),
    R9_4("9.4", MUST, UDP_CLIENT, "Accepts only the server's reply",
            "Against a server that, before answering, sends a decoy datagram with another text from another port of its host,"
                    + " the client prints output that contains the greeting and not the decoy, and exits with status 0.", "9.1"),
    R9_5("9.5", MUST, UDP_CLIENT, "Reports a refused port",
            "With nothing bound on the UDP port (requests are answered with ICMP port-unreachable), the client prints a"
                    + " message and exits with a non-zero status within 10 s."),
    R9_6("9.6", MUST, UDP_CLIENT, "Gives up on a silent server",
            "Against a server that receives every request and never replies, the client exits with a non-zero status within 10 s."),
    R9_7("9.7", MUST, UDP_CLIENT, "Prints the greeting it received",
            "Against a server that answers with a greeting chosen at random for the run, the client prints output that contains"
                    + " exactly that greeting, and exits with status 0: it prints what it received, not a text it knows.", "9.1"),

    R10_1("10.1", MUST, UNIX, "Listens on the declared path",
            "Within the start-up bound of being started, the server has a listening Unix-domain stream socket bound to the"
                    + " declared path (as the kernel lists its network namespace's sockets). A path the server cannot create is a failure"
                    + " of this rule."),
    R10_2("10.2", MUST, UNIX, "Greets and closes as over TCP",
            "A client that connects to the path and sends nothing receives exactly the declared greeting, then an orderly close"
                    + " (end of stream, no reset), within 2 s of connecting.", "10.1"),
    R10_3("10.3", MUST, UNIX, "Queues backlog+1 connections while not accepting",
            "While the server is frozen (not accepting), exactly min(backlog, somaxconn)+1 non-blocking connects to the path"
                    + " complete for the declared backlog and the next fails at once with EAGAIN; when the server resumes, every"
                    + " queued connection is served.", "10.1", "10.2"),
    R10_4("10.4", MUST, UNIX, "Starts over a stale socket file",
            "After the server is killed with SIGKILL, leaving its socket file behind, a new server started on the same path"
                    + " listens within the start-up bound and greets.", "10.1", "10.2"),
    R10_5("10.5", MUST, UNIX, "Never takes a live server's path",
            "A second server started on the path of a live one exits with a non-zero status within the start-up bound, and the"
                    + " first still listens on the same socket and greets.", "10.1", "10.2"),
    R10_6("10.6", MUST, UNIX, "Removes its socket file when stopped",
            "Stopped with SIGTERM, then SIGKILL after 5 s: a server that exits by itself leaves nothing at the path; one that"
                    + " had to be killed leaves nothing or its socket file, which no process can remove after SIGKILL.", "10.1"),
    R10_7("10.7", SHOULD, UNIX, "Exits promptly on SIGTERM",
            "The server exits within 5 s of SIGTERM (a process that runs as PID 1 must handle SIGTERM itself to do so).", "10.1"),
    R10_8("10.8", SHOULD, UNIX, "Lingers for a client that speaks first",
            "As 2.4: a client that sends a line before reading still receives the whole greeting and an orderly close (end of"
                    + " stream, not ECONNRESET) within 2 s.", "10.1", "10.2"),

    R11_1("11.1", MUST, UNIX_CLIENT, "Prints the greeting and exits 0",
            "Against a Unix-domain server at the path that sends the greeting and closes, the client prints output that contains"
                    + " the greeting and exits with status 0 within 10 s."),
    R11_2("11.2", MUST, UNIX_CLIENT, "Reports a missing socket",
            "With no file at the path (ENOENT), the client prints a message and exits with a non-zero status within 5 s."),
    R11_3("11.3", MUST, UNIX_CLIENT, "Reports a stale socket file",
            "With a socket file at the path that nobody listens on (ECONNREFUSED), the client prints a message and exits with a"
                    + " non-zero status within 5 s."),
    R11_4("11.4", MUST, UNIX_CLIENT, "Gives up on a silent server",
            "Against a server that accepts the connection but never sends nor closes, the client exits with a non-zero status"
                    + " within 10 s."),
    R11_5("11.5", SHOULD, UNIX_CLIENT, "Tells a missing socket from a stale one",
            "The client's exit status for a missing socket (11.2) differs from its status for a stale socket file (11.3).",
            "11.2", "11.3"),
    R11_6("11.6", MUST, UNIX_CLIENT, "Prints the greeting it received",
            "Against a server at the path that sends a greeting chosen at random for the run, the client prints output that"
                    + " contains exactly that greeting, and exits with status 0: it prints what it received, not a text it knows.",
            "11.1"),
    R11_7("11.7", SHOULD, UNIX_CLIENT, "Sends nothing",
            "As 7.6: against a server at the path that sends the greeting and closes, the client sends no byte before it"
                    + " closes.", "11.1");

    private final String id;
    private final Level level;
    private final Area area;
    private final String title;
    private final String requirement;
    private final List<String> prerequisites;

    Rule(String id, Level level, Area area, String title, String requirement, String... prerequisites) {
        this.id = id;
        this.level = level;
        this.area = area;
        this.title = title;
        this.requirement = requirement;
        this.prerequisites = List.of(prerequisites);
    }

    public String id() {
        return id;
    }

    public Level level() {
        return level;
    }

    public Area area() {
        return area;
    }

    public String title() {
        return title;
    }

    public String requirement() {
        return requirement;
    }

    /** Rules whose failure makes this one meaningless: it is then skipped, so a fault is reported once. */
    public List<Rule> prerequisites() {
        return prerequisites.stream().map(p -> byId(p).orElseThrow()).toList();
    }

    /** Name prefix of the check method: reactive-streams TCK style, required_ for MUST, recommended_ for SHOULD. */
    public String methodPrefix() {
        return (level == MUST ? "required" : "recommended") + "_spec" + area.section()
                + String.format("%02d", Integer.parseInt(id.substring(id.indexOf('.') + 1))) + "_";
    }

    public static Optional<Rule> byId(String id) {
        return Arrays.stream(values()).filter(r -> r.id.equals(id)).findFirst();
    }

    @Override
    public String toString() {
        return id + " " + level + " (" + area.id() + ") " + title;
    }
}
