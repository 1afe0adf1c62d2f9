package dev.greeter.conformance.checks;

import static dev.greeter.conformance.run.Check.check;

import static dev.greeter.conformance.spec.Defaults.UDP_MAX_PAYLOAD;
import static dev.greeter.conformance.spec.Defaults.UDP_REQUEST_BYTES;

import dev.greeter.conformance.lab.Lab;
import dev.greeter.conformance.probe.ProbeReply.Datagram;
import dev.greeter.conformance.probe.ProbeReply.Listener;
import dev.greeter.conformance.probe.ProbeReply.UdpPeerResult;
import dev.greeter.conformance.probe.ProbeReply.UdpRoundResult;
import dev.greeter.conformance.probe.ProbeRequest.UdpPeer;
import dev.greeter.conformance.run.Finding;
import dev.greeter.conformance.run.Observed;
import dev.greeter.conformance.run.Results;
import dev.greeter.conformance.run.Section;
import dev.greeter.conformance.spec.Area;
import dev.greeter.conformance.spec.Rule;
import dev.greeter.conformance.run.Violation;
import dev.greeter.conformance.spec.Transport;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * SPEC section 8: one UDP server for the area, in the network namespace of its holder, whose bound
 * socket (/proc/net/udp, by inode) is watched after every rule as a TCP server's listening socket is.
 * The probe's peers send from sockets of their own and read what comes back to each.
 */
final class UdpChecks extends ServerChecks {

    static final Section<UdpChecks> SECTION = Section.of(Area.UDP, UdpChecks::new,
            check(Rule.R8_1, "bindsTheDeclaredUdpPortOnAllInterfaces", UdpChecks::bindsTheDeclaredUdpPortOnAllInterfaces),
            check(Rule.R8_2, "repliesWithExactlyTheGreetingOnce", UdpChecks::repliesWithExactlyTheGreetingOnce),
            check(Rule.R8_3, "neverRepliesWithMoreThanItReceived", UdpChecks::neverRepliesWithMoreThanItReceived),
            check(Rule.R8_4, "servesPeersIndependently", UdpChecks::servesPeersIndependently),
            check(Rule.R8_5, "keepsServingAfterGarbageOversizedAndEmptyDatagrams", UdpChecks::keepsServingAfterGarbageOversizedAndEmptyDatagrams),
            check(Rule.R8_6, "refusesAfterItStops", UdpChecks::refusesAfterItStops),
            check(Rule.R8_7, "exitsPromptlyOnSigterm", UdpChecks::exitsPromptlyOnSigterm),
            check(Rule.R8_8, "isReachableOverIpv6", UdpChecks::isReachableOverIpv6));


    /** Peers that send at once in 8.4. */
    static final int PEERS = 20;
    /** Datagrams of random bytes in 8.5, each of a random length up to 1500 bytes. */
    static final int GARBAGE = 20;
    /** After the replies expected, how long a reply too many is waited for: a server sends it at once, if at all. */
    private static final Duration SETTLE = Duration.ofMillis(300);

    private Optional<Listener> bound;
    private Stopping stopping;

    UdpChecks(Lab lab, Results results) {
        super(lab, results);
    }

    @Override
    public void setUp() {
        // Binding is judged by 8.1, so start without waiting for it.
        close();
        stage = lab.serverStage(Transport.UDP);
        stage.start();
        bound = null;
        stopping = null;
    }

    private Optional<Listener> bound() {
        if (bound == null) {
            bound = stage.sockets().awaitListening();
            bound.ifPresent(stage.sockets()::watch);
        }
        return bound;
    }

    /** The bound socket a rule after 8.1 needs, or a FAIL of that rule saying what the server did instead. */
    private Listener requireBound() {
        return bound().orElseThrow(() -> new Violation(new Finding("a UDP socket bound to port " + config.port() + " within "
                + config.bounds().startup().toMillis() + " ms of starting the server, so that this rule can be judged",
                "no UDP socket on port " + config.port() + "; " + stage.server().describe(), List.of())));
    }

    private int replyBoundMs() {
        return (int) config.bounds().greeting().toMillis();
    }

    private int settleMs() {
        return (int) Math.round(SETTLE.toMillis() * config.timeScale());
    }

    private static UdpPeer request(int bytes, int expectReplies) {
        return new UdpPeer(List.of(bytes), false, false, false, expectReplies);
    }

    Finding bindsTheDeclaredUdpPortOnAllInterfaces() {
        String expected = "a UDP socket bound to the wildcard address (0.0.0.0 or ::) on port " + config.port() + " within "
                + config.bounds().startup().toSeconds() + " s of starting the server, and a " + UDP_REQUEST_BYTES
                + "-byte request from another container answered with the greeting";
        Optional<Listener> found = bound();
        if (found.isEmpty()) {
            List<Listener> elsewhere = stage.sockets().allListeners();
            String observed = "no UDP socket on port " + config.port()
                    + (elsewhere.isEmpty() ? "" : "; bound instead to " + elsewhere) + "; " + stage.server().describe();
            return Finding.require(false, expected, Observed.withHints(observed, Hints.tcpInsteadOfUdp(stage.sockets().tcpListeners(),
                    config.port()), Hints.otherPort(elsewhere, config.port()), exitedAtOnce("UDP")), List.of());
        }
        Listener l = found.get();
        UdpRoundResult remote = stage.datagrams().roundFromAnotherContainer(List.of(request(UDP_REQUEST_BYTES, 1)), replyBoundMs(), 0);
        UdpPeerResult peer = remote.peers().get(0);
        String fromAnother = describe(peer);
        List<String> trace = remote.trace();
        boolean refused = peer.refused();
        if (greetings(peer) == 0 && !refused && l.address().equals("::")) {
            // Unanswered at a `::` socket: an unconnected peer hears no ICMP error, so a connected one asks again, and a
            // refusal shows the socket takes no IPv4 (IPV6_V6ONLY). Only ever once the verdict is settled.
            UdpRoundResult again = stage.datagrams().roundFromAnotherContainer(List.of(new UdpPeer(List.of(UDP_REQUEST_BYTES), false, false,
                    true, 1)), replyBoundMs(), 0);
            refused = again.peers().get(0).refused();
            fromAnother += "; a connected peer's request: " + describe(again.peers().get(0));
            trace = java.util.stream.Stream.concat(trace.stream(), again.trace().stream()).toList();
        }
        String observed = "bound to " + l + BoundScope.of(l, refused) + "; from another container: " + fromAnother;
        return Finding.require(l.wildcard() && greetings(peer) > 0, expected, observed, trace);
    }

    Finding isReachableOverIpv6() {
        String expected = "a " + UDP_REQUEST_BYTES + "-byte request from another container to port " + config.port()
                + " at the server's IPv6 address on the lab network answered with the greeting within " + replyBoundMs() + " ms";
        if (stopping != null) {
            // 8.6 and 8.7, judged before this rule, stopped the area's server (rules run in rule order): a fresh one.
            setUp();
        }
        Optional<Listener> found = bound();
        if (found.isEmpty()) {
            return Finding.require(false, expected, "no UDP socket on port " + config.port() + "; " + stage.server().describe(), List.of());
        }
        // As 8.1's request (unconnected: whichever port the reply comes from is 8.2's question, not this rule's).
        UdpRoundResult r = stage.datagrams().roundFromAnotherContainerOverIpv6(List.of(request(UDP_REQUEST_BYTES, 1)), replyBoundMs(), 0);
        UdpPeerResult peer = r.peers().get(0);
        List<Listener> all = stage.sockets().allListeners().stream().filter(l -> l.port() == config.port()).toList();
        String observed = "bound to " + (all.isEmpty() ? List.of(found.get()) : all) + "; from another container to ["
                + stage.ipv6Address() + "]:" + config.port() + ": " + describe(peer)
                + (all.stream().noneMatch(Listener::ipv6) ? " (an IPv4 socket only: bind :: with IPV6_V6ONLY off to take both)" : "");
        return Finding.require(greetings(peer) > 0, expected, observed, r.trace());
    }

    Finding repliesWithExactlyTheGreetingOnce() {
        requireBound();
        UdpRoundResult r = stage.datagrams().round(List.of(request(UDP_REQUEST_BYTES, 1)), replyBoundMs(), settleMs());
        UdpPeerResult peer = r.peers().get(0);
        String expected = "one datagram holding exactly \"" + config.greeting() + "\" (" + config.greetingBytes().length
                + " bytes), from " + stage.sockets().target() + " port " + config.port() + ", within " + replyBoundMs()
                + " ms, and no other within " + settleMs() + " ms";
        boolean once = peer.datagrams() == 1 && peer.received().size() == 1;
        boolean exact = once && isGreeting(peer.received().get(0));
        boolean fromThePort = once && fromTarget(peer.received().get(0));
        return Finding.require(once && exact && fromThePort, expected, "a " + UDP_REQUEST_BYTES + "-byte request: "
                + describe(peer), r.trace());
    }

    Finding neverRepliesWithMoreThanItReceived() {
        requireBound();
        int g = config.greetingBytes().length;
        List<Integer> shorter = List.of(0, 1, g - 1).stream().distinct().filter(n -> n < g).toList();
        List<UdpPeer> peers = new ArrayList<>();
        shorter.forEach(n -> peers.add(request(n, 0)));
        // Last, and the round's end: once it is answered, a serial server has had the short ones.
        peers.add(request(g, 1));
        UdpRoundResult r = stage.datagrams().round(peers, replyBoundMs(), settleMs());
        List<String> wrong = new ArrayList<>();
        for (int i = 0; i < peers.size(); i++) {
            int sent = peers.get(i).sizes().get(0);
            UdpPeerResult p = r.peers().get(i);
            long replied = p.bytes();
            if (replied > sent) {
                wrong.add("a " + sent + "-byte request got " + replied + " bytes back (" + describe(p) + ")");
            }
        }
        UdpPeerResult full = r.peers().get(peers.size() - 1);
        if (full.datagrams() == 0) {
            wrong.add("a " + g + "-byte request (as long as the greeting) got no reply");
        }
        String expected = "no reply to requests of " + shorter + " bytes (shorter than the " + g + "-byte greeting), a reply to a "
                + g + "-byte request, and never more bytes back than the request held";
        return Finding.require(wrong.isEmpty(), expected, wrong.isEmpty() ? "no reply to " + shorter + " bytes; "
                + g + " bytes: " + describe(full) : String.join("; ", wrong), r.trace());
    }

    Finding servesPeersIndependently() {
        requireBound();
        List<UdpPeer> first = new ArrayList<>();
        // A peer gone before its reply: the server's reply to it draws ICMP port-unreachable. The server is
        // paused while the peers send, so the departed peer is surely gone when the server reaches it (a server
        // on loopback otherwise answers before the probe has closed the socket), and the 20 wait together.
        first.add(new UdpPeer(List.of(UDP_REQUEST_BYTES), false, true, false, 0));
        first.addAll(Collections.nCopies(PEERS, request(UDP_REQUEST_BYTES, 1)));
        stage.server().pause();
        try {
            stage.datagrams().send(first);
        } finally {
            stage.server().unpause();
        }
        UdpRoundResult together = stage.datagrams().collect(replyBoundMs(), settleMs());
        UdpRoundResult next = stage.datagrams().round(List.of(request(UDP_REQUEST_BYTES, 1)), replyBoundMs(), 0);
        List<UdpPeerResult> atOnce = together.peers().subList(1, first.size());
        long served = atOnce.stream().filter(this::onlyTheGreeting).count();
        UdpPeerResult after = next.peers().get(0);
        String expected = "a peer that closes its socket at once, then " + PEERS + " peers, all sent while the server was paused:"
                + " after it resumes, each of the " + PEERS + " gets exactly one datagram, the greeting, within " + replyBoundMs()
                + " ms; then the next peer is answered too";
        String observed = served + " of " + PEERS + " peers got exactly the greeting, once"
                + atOnce.stream().filter(p -> !onlyTheGreeting(p)).findFirst()
                        .map(p -> " (first that did not, port " + p.localPort() + ": " + describe(p) + ")").orElse("")
                + "; the next peer: " + describe(after);
        List<String> trace = new ArrayList<>(List.of("server paused; the peers send; server resumed"));
        trace.addAll(together.trace());
        trace.addAll(next.trace());
        return Finding.require(served == PEERS && greetings(after) > 0, expected, observed, trace);
    }

    Finding keepsServingAfterGarbageOversizedAndEmptyDatagrams() {
        Listener socket = requireBound();
        java.util.Random random = new java.util.Random();
        List<Integer> sizes = new ArrayList<>(List.of(UDP_MAX_PAYLOAD));
        IntStream.range(0, GARBAGE).forEach(i -> sizes.add(1 + random.nextInt(1500)));
        sizes.addAll(List.of(0, 0, 0));
        // The garbage peer reads what it is sent until the round ends: a reply to it never meets a closed port.
        UdpPeer garbage = new UdpPeer(sizes, true, false, false, 0);
        UdpRoundResult r = stage.datagrams().round(List.of(garbage, request(UDP_REQUEST_BYTES, 1)), replyBoundMs(), settleMs());
        UdpPeerResult next = r.peers().get(1);
        boolean sameSocket = stage.sockets().stillUp();
        String expected = "after a " + UDP_MAX_PAYLOAD + "-byte datagram, " + GARBAGE + " of random bytes and 3 empty ones,"
                + " the next " + UDP_REQUEST_BYTES + "-byte request gets the greeting within " + replyBoundMs()
                + " ms, from the same socket (" + socket.inode() + ")";
        String observed = "the next request: " + describe(next) + (sameSocket ? "; same socket" : "; " + stage.server().describe());
        return Finding.require(greetings(next) > 0 && sameSocket, expected, observed, r.trace());
    }

    /** What was seen from SIGTERM until the server exited, and after: shared by 8.6 and 8.7, as 5.2 and 5.3 share theirs. */
    private record Stopping(String dropped, int attempts, Exit exit, UdpPeerResult after, List<String> trace) {
    }

    private Stopping stopping() {
        if (stopping != null) {
            return stopping;
        }
        requireBound();
        Duration grace = config.bounds().stop();
        int hang = (int) config.bounds().hang().toMillis();
        List<String> trace = new ArrayList<>();
        long start = sigterm(trace);
        String dropped = null;
        int attempts = 0;
        while (System.nanoTime() - start < grace.toNanos() && stage.server().running()) {
            UdpPeerResult p = stage.datagrams().round(List.of(connected(1)), hang, 0).peers().get(0);
            attempts++;
            // Silent: dropped while the port was held, unless the server let go of it (exited, closed) meanwhile.
            if (!p.refused() && p.datagrams() == 0 && stage.server().running() && !stage.sockets().listeners().isEmpty()) {
                dropped = "+" + (System.nanoTime() - start) / 1_000_000 + " ms attempt " + attempts + ": no reply within " + hang
                        + " ms, and the server still holds port " + config.port();
                trace.add(dropped);
                break;
            }
        }
        Exit exit = awaitExitOrKill(start, trace);
        UdpPeerResult after = stage.datagrams().round(List.of(connected(1)), hang, 0).peers().get(0);
        trace.add("after exit: " + describe(after));
        stopping = new Stopping(dropped, attempts, exit, after, trace);
        return stopping;
    }

    Finding refusesAfterItStops() {
        Stopping s = stopping();
        int hang = (int) config.bounds().hang().toMillis();
        String expected = "from SIGTERM until the server has exited (SIGKILL after " + config.bounds().stop().toMillis() + " ms),"
                + " every request is answered or refused within " + hang + " ms; after exit a request from a connected socket is"
                + " refused (ICMP port-unreachable)";
        String observed = (s.dropped() != null ? "a request during the stop was dropped: " + s.dropped()
                : s.attempts() + " requests during the stop answered or refused") + "; the server "
                + (s.exit().byItself() ? "exited " + s.exit().millis() + " ms after SIGTERM" : "was killed")
                + "; after exit: " + describe(s.after());
        return Finding.require(s.dropped() == null && s.after().refused(), expected, observed, s.trace());
    }

    Finding exitsPromptlyOnSigterm() {
        Stopping s = stopping();
        return exitsPromptly(s.exit(), s.trace());
    }

    /** A peer on a connected socket (which sees ICMP port-unreachable as refused) that waits for {@code expect} replies. */
    private static UdpPeer connected(int expect) {
        return new UdpPeer(List.of(UDP_REQUEST_BYTES), false, false, true, expect);
    }

    private boolean isGreeting(Datagram d) {
        return d.length() == config.greetingBytes().length && Arrays.equals(d.head(), config.greetingBytes());
    }

    /** Exactly one datagram came, the greeting. */
    private boolean onlyTheGreeting(UdpPeerResult p) {
        return p.datagrams() == 1 && p.received().size() == 1 && isGreeting(p.received().get(0));
    }

    private long greetings(UdpPeerResult p) {
        return p.received().stream().filter(this::isGreeting).count();
    }

    /** From the address the peer sent to, and the declared port. */
    private boolean fromTarget(Datagram d) {
        try {
            return d.fromPort() == config.port() && InetAddress.getByName(d.from()).equals(InetAddress.getByName(stage.sockets().target()));
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** One line: what a peer got back. */
    static String describe(UdpPeerResult p) {
        if (p.refused()) {
            return "refused (ICMP port-unreachable)";
        }
        if (p.datagrams() == 0) {
            return "no reply";
        }
        List<String> each = p.received().stream().limit(3).map(d -> d.length() + " bytes " + Wire.quote(d.head()) + " from "
                + d.from() + ":" + d.fromPort() + " after " + d.millis() + " ms").toList();
        // A flood is told by its count and size: the probe keeps only the first datagrams.
        return p.datagrams() + (p.datagrams() == 1 ? " datagram" : " datagrams") + (p.datagrams() > 3 ? " (" + p.bytes()
                + " bytes in all), first: " : ": ") + String.join("; ", each) + (p.datagrams() > 3 ? "; ..." : "");
    }
}
