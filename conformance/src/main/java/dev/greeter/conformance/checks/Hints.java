package dev.greeter.conformance.checks;

import dev.greeter.conformance.probe.ProbeReply.Listener;
import dev.greeter.conformance.probe.ProbeReply.UnixSocket;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * The setup mistake a failed observation points at, as one line for {@link dev.greeter.conformance.run.Observed#withHints}:
 * what was seen makes the mistake likely, never certain, so a hint asks or suggests, and is chosen only once the
 * verdict is settled. Each is a pure function of what the check saw.
 */
final class Hints {

    /** A process that exits within this long of starting did not get as far as serving or connecting. */
    static final Duration AT_ONCE = Duration.ofSeconds(1);
    /** A client's usage error takes longer than a crash only by its printing: a little more than at once. */
    static final Duration USAGE_WITHIN = Duration.ofSeconds(2);
    /** What programs print when their arguments are wrong (getopt, argparse, picocli, Go's flag, clap). */
    private static final Pattern USAGE = Pattern.compile(
            "(?i)\\busage\\b|unknown (option|flag|argument|command)|unrecognized (option|argument)|invalid (option|argument)"
                    + "|illegal option|flag provided but not defined|no such option|unexpected argument|missing (required )?(option|argument)");

    private Hints() {
    }

    /** 8.1: nothing bound to the UDP port, but a TCP listener on it: the server was started for TCP. */
    static Optional<String> tcpInsteadOfUdp(List<Listener> tcpListeners, int port) {
        return tcpListeners.stream().filter(l -> l.port() == port).findFirst().map(l -> "a TCP listener is on port " + port + " ("
                + l + ") where a UDP socket was expected: did you mean --server-args \"... --transport udp\"?");
    }

    /** 1.1 and 8.1: nothing on the declared port, but a socket of the same transport on another one. */
    static Optional<String> otherPort(List<Listener> elsewhere, int port) {
        List<Integer> ports = elsewhere.stream().map(Listener::port).filter(p -> p != port).distinct().toList();
        if (ports.isEmpty()) {
            return Optional.empty();
        }
        String where = ports.size() == 1 ? "port " + ports.get(0) : "ports " + ports;
        return Optional.of("the server listens on " + where + ", not " + port + ": if " + (ports.size() == 1 ? "that" : "one")
                + " is its port, run with --port " + ports.get(0) + "; else give it port " + port + " with --server-args");
    }

    /** 10.1: nothing listening at the declared path, but a listening socket at another. */
    static Optional<String> otherPath(List<UnixSocket> elsewhere, String path) {
        // A path in the file system: an abstract socket's name ("@...") or an unnamed one is no --path.
        return elsewhere.stream().filter(s -> s.path().startsWith("/") && !s.path().equals(path)).findFirst()
                // The probe escaped the name (UnixTable.display): it is shown as it came.
                .map(s -> "the server listens at " + s.path() + ", not " + path + ": if that is its socket, run with --path " + s.path()
                        + "; else give it the path with --server-args");
    }

    /**
     * A server with nothing listening that had already exited within {@link #AT_ONCE} of starting: an image whose
     * default command is not the server (or needs arguments), or arguments that do not start one. {@code lifetime} is
     * empty while it runs.
     */
    static Optional<String> exitedAtOnce(OptionalLong lifetimeMillis, String transport, boolean argsGiven) {
        if (lifetimeMillis.isEmpty() || lifetimeMillis.getAsLong() > AT_ONCE.toMillis()) {
            return Optional.empty();
        }
        return Optional.of("the server container exited " + lifetimeMillis.getAsLong() + " ms after it started, before listening: "
                + (argsGiven ? "do the --server-args start a " + transport + " server?"
                : "does the image's default command start a " + transport + " server? If not, give the command with --server-args"));
    }

    /** A client that failed at once and printed what programs print when their arguments are wrong. */
    static Optional<String> usageError(boolean exited, Long exitCode, long millis, String output) {
        if (!exited || exitCode == null || exitCode == 0 || millis > USAGE_WITHIN.toMillis() || !USAGE.matcher(output).find()) {
            return Optional.empty();
        }
        return Optional.of("the client exited at once with status " + exitCode + " and printed a usage message: check --client-args");
    }
}
