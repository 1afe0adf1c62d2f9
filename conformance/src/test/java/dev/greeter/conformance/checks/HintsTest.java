package dev.greeter.conformance.checks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.greeter.conformance.probe.ProbeReply.Listener;
import dev.greeter.conformance.probe.ProbeReply.UnixSocket;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** Which setup mistake a failed observation points at: each hint from what a check saw, and none where it saw no sign of one. */
class HintsTest {

    private static final int PORT = 40674;

    private static Listener tcp(String address, int port) {
        return new Listener(address, port, 0, address.contains(":"), 1000 + port);
    }

    @Test
    void aTcpListenerOnTheDeclaredPortOfAUdpServerAsksForTheUdpTransport() {
        assertThat(Hints.tcpInsteadOfUdp(List.of(tcp("0.0.0.0", PORT)), PORT)).as("a TCP server where UDP was judged")
                .hasValueSatisfying(h -> assertThat(h).contains("TCP listener is on port " + PORT)
                        .contains("did you mean --server-args \"... --transport udp\"?"));
        assertThat(Hints.tcpInsteadOfUdp(List.of(tcp("0.0.0.0", 8080)), PORT)).as("TCP on some other port says nothing of UDP").isEmpty();
        assertThat(Hints.tcpInsteadOfUdp(List.of(), PORT)).isEmpty();
    }

    @Test
    void aListenerOnAnotherPortNamesItAndBothWaysOut() {
        assertThat(Hints.otherPort(List.of(tcp("0.0.0.0", 8080)), PORT)).hasValue("the server listens on port 8080, not " + PORT
                + ": if that is its port, run with --port 8080; else give it port " + PORT + " with --server-args");
        assertThat(Hints.otherPort(List.of(tcp("0.0.0.0", 8080), tcp("::", 8080), tcp("0.0.0.0", 9090)), PORT))
                .as("each port once, the first suggested").hasValueSatisfying(h -> assertThat(h)
                        .startsWith("the server listens on ports [8080, 9090], not " + PORT).contains("--port 8080"));
        assertThat(Hints.otherPort(List.of(tcp("127.0.0.1", PORT)), PORT)).as("the declared port itself is not elsewhere").isEmpty();
        assertThat(Hints.otherPort(List.of(), PORT)).isEmpty();
    }

    @Test
    void aUnixSocketAtAnotherPathNamesIt() {
        String declared = "/run/greeter/greeter.sock";
        assertThat(Hints.otherPath(List.of(new UnixSocket("/tmp/other.sock", 7, true)), declared)).hasValue("the server listens at"
                + " /tmp/other.sock, not " + declared + ": if that is its socket, run with --path /tmp/other.sock; else give it the path"
                + " with --server-args");
        assertThat(Hints.otherPath(List.of(new UnixSocket(declared, 7, true)), declared)).isEmpty();
        assertThat(Hints.otherPath(List.of(new UnixSocket("", 7, true)), declared)).as("an unnamed socket is no path").isEmpty();
        assertThat(Hints.otherPath(List.of(new UnixSocket("@abstract", 8, true), new UnixSocket("/tmp/other.sock", 7, true)), declared))
                .as("an abstract socket's name is no path").hasValueSatisfying(h -> assertThat(h).contains("--path /tmp/other.sock"));
    }

    @Test
    void aServerThatExitedWithinASecondOfStartingAsksWhatTheImageRuns() {
        assertThat(Hints.exitedAtOnce(OptionalLong.of(40), "UDP", false)).hasValue("the server container exited 40 ms after it"
                + " started, before listening: does the image's default command start a UDP server? If not, give the command with --server-args");
        assertThat(Hints.exitedAtOnce(OptionalLong.of(40), "TCP", true)).as("arguments given: those are in question")
                .hasValue("the server container exited 40 ms after it started, before listening: do the --server-args start a TCP server?");
        assertThat(Hints.exitedAtOnce(OptionalLong.of(Hints.AT_ONCE.toMillis()), "TCP", false)).as("at the bound").isPresent();
        assertThat(Hints.exitedAtOnce(OptionalLong.of(Hints.AT_ONCE.toMillis() + 1), "TCP", false)).as("ran a while: a crash, no setup mistake").isEmpty();
        assertThat(Hints.exitedAtOnce(OptionalLong.empty(), "TCP", false)).as("still running").isEmpty();
    }

    @Test
    void aClientThatFailedAtOnceWithAUsageMessageIsToldToCheckItsArguments() {
        String expected = "the client exited at once with status 2 and printed a usage message: check --client-args";
        assertThat(Hints.usageError(true, 2L, 120, "Unknown option: '--frobnicate'\nUsage: greeter client [--port N]\n")).hasValue(expected);
        assertThat(Hints.usageError(true, 2L, 120, "greeter: unrecognized option '--x'")).hasValue(expected);
        assertThat(Hints.usageError(true, 2L, 120, "flag provided but not defined: -frobnicate")).hasValue(expected);
        assertThat(Hints.usageError(true, 1L, 120, "connect: Connection refused")).as("a failure that is no usage error").isEmpty();
        assertThat(Hints.usageError(true, 0L, 120, "usage: greeter")).as("exited 0").isEmpty();
        assertThat(Hints.usageError(true, 2L, Hints.USAGE_WITHIN.toMillis() + 1, "usage: greeter")).as("not at once").isEmpty();
        assertThat(Hints.usageError(false, null, 5000, "usage: greeter")).as("still running").isEmpty();
        assertThat(Hints.usageError(true, 1L, 120, "reusage of buffer")).as("a word holding usage").isEmpty();
    }
}
