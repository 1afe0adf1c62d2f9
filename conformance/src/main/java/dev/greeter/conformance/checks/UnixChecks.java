package dev.greeter.conformance.checks;

import static dev.greeter.conformance.run.Check.check;

import dev.greeter.conformance.lab.ClientStage.ClientRun;
import dev.greeter.conformance.lab.Lab;
import dev.greeter.conformance.lab.UnixStage;
import dev.greeter.conformance.probe.ProbeReply.End;
import dev.greeter.conformance.probe.ProbeReply.ExchangeResult;
import dev.greeter.conformance.probe.ProbeReply.FileKind;
import dev.greeter.conformance.probe.ProbeReply.Outcome;
import dev.greeter.conformance.probe.ProbeReply.UnixSocket;
import dev.greeter.conformance.probe.ProbeReply;
import dev.greeter.conformance.probe.ProbeRequest;
import dev.greeter.conformance.run.Finding;
import dev.greeter.conformance.run.Observed;
import dev.greeter.conformance.run.Results;
import dev.greeter.conformance.run.Section;
import dev.greeter.conformance.run.Violation;
import dev.greeter.conformance.spec.Area;
import dev.greeter.conformance.spec.Rule;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Section 10: a Unix-domain server, observed from its network namespace (the kernel's socket diagnostics) and
 * through the socket directory the harness shares with it. One server serves the section's rules in order; the
 * rules that stop it (10.4 kills and replaces it, 10.6 stops it) stop watching it first. When a server
 * breaks off by itself, or a rule leaves none that listens, the next rule gets a fresh one.
 */
final class UnixChecks extends StagedChecks<UnixStage> {

    static final Section<UnixChecks> SECTION = Section.of(Area.UNIX, UnixChecks::new,
            check(Rule.R10_1, "listensOnTheDeclaredPath", UnixChecks::listensOnTheDeclaredPath),
            check(Rule.R10_2, "greetsAndClosesAsOverTcp", UnixChecks::greetsAndClosesAsOverTcp),
            check(Rule.R10_3, "queuesBacklogPlusOneConnectionsWhileNotAccepting", UnixChecks::queuesBacklogPlusOneConnectionsWhileNotAccepting),
            check(Rule.R10_4, "startsOverAStaleSocketFile", UnixChecks::startsOverAStaleSocketFile),
            check(Rule.R10_5, "neverTakesALiveServersPath", UnixChecks::neverTakesALiveServersPath),
            check(Rule.R10_6, "removesItsSocketFileWhenStopped", UnixChecks::removesItsSocketFileWhenStopped),
            check(Rule.R10_7, "exitsPromptlyOnSigterm", UnixChecks::exitsPromptlyOnSigterm),
            check(Rule.R10_8, "lingersForAClientThatSpeaksFirst", UnixChecks::lingersForAClientThatSpeaksFirst));

    /** Attempts past the expected queue length, each of which must fail with EAGAIN. */
    static final int BEYOND = 2;

    private Optional<UnixSocket> listening;
    private long startedNanos;
    private long listeningAfterMillis;
    private Stopped stopped;

    UnixChecks(Lab lab, Results results) {
        super(lab, results);
    }

    @Override
    public void setUp() {
        closeStage();
        stopped = null;
        stage = lab.unixStage();
        startedNanos = System.nanoTime();
        stage.server().start();
        listening = stage.awaitListening();
        listeningAfterMillis = (System.nanoTime() - startedNanos) / 1_000_000;
        listening.ifPresent(stage::watch);
    }

    private String listensExpected() {
        return "a listening Unix-domain stream socket bound to " + config.path() + " within "
                + config.bounds().startup().toMillis() + " ms of starting the server";
    }

    /** Why there is no listening socket on the path: the file there, where else something listens, the server's state. */
    private String notListening() {
        ProbeReply.UnixSockets state = stage.state();
        List<UnixSocket> elsewhere = state.listening().stream().filter(s -> !s.path().equals(config.path())).toList();
        int unlisted = state.listeningCount() - state.listening().size();
        String observed = "no listening socket bound to " + config.path() + " within " + config.bounds().startup().toMillis()
                + " ms; file at the path: " + state.file().name().toLowerCase(Locale.ROOT) + (elsewhere.isEmpty() ? ""
                : "; listening instead on " + elsewhere + (unlisted > 0 ? " and " + unlisted + " more" : "")) + "; " + stage.server().describe();
        return Observed.withHints(observed, Hints.otherPath(elsewhere, config.path()), exitedAtOnce("Unix-domain"));
    }

    /** The server's listening socket, or a {@link Violation} saying what it did instead, so this rule cannot be judged. */
    private UnixSocket ready() {
        // A rule after the stop that 10.6 and 10.7 judge (10.8) gets a new server.
        if (stage == null || stopped != null) {
            setUp();
        }
        if (listening.isEmpty()) {
            throw new Violation(new Finding(listensExpected() + ", so that this rule can be judged", notListening(), List.of()));
        }
        return listening.get();
    }

    Finding listensOnTheDeclaredPath() {
        if (stage == null) {
            setUp();
        }
        if (listening.isPresent()) {
            return Finding.require(true, listensExpected(), "listening on " + listening.get() + " " + listeningAfterMillis
                    + " ms after the server was started", List.of());
        }
        return Finding.require(false, listensExpected(), notListening(), List.of());
    }

    private boolean greeted(ExchangeResult r) {
        return r.outcome() == Outcome.CONNECTED && Arrays.equals(r.received(), config.greetingBytes()) && r.end() == End.FIN;
    }

    private String greetingExpected() {
        return "exactly the " + config.greetingBytes().length + " bytes " + Wire.quote(config.greetingBytes())
                + ", unprompted, then an orderly close (end of stream, no reset) within " + config.bounds().greeting().toMillis()
                + " ms of connecting";
    }

    Finding greetsAndClosesAsOverTcp() {
        ready();
        ExchangeResult r = stage.exchange();
        return Finding.require(greeted(r), "a client connecting to " + config.path() + " and sending nothing receives "
                + greetingExpected(), Wire.describe(r), r.trace());
    }

    Finding queuesBacklogPlusOneConnectionsWhileNotAccepting() {
        ready();
        int somaxconn = stage.somaxconn();
        // As for TCP, the kernel caps listen(2)'s backlog at net.core.somaxconn, then queues one more.
        int queueLength = Math.min(config.backlog(), somaxconn) + 1;
        stage.server().pause();
        ProbeReply.Opened opened;
        Optional<UnixSocket> whilePaused;
        try {
            opened = stage.open(queueLength + BEYOND);
            whilePaused = stage.listening();
        } finally {
            stage.server().unpause();
        }
        Duration bound = config.bounds().drain((int) opened.connected());
        ProbeReply.Drained drained = stage.drain(bound);
        List<Outcome> attempts = opened.attempts();
        long served = drained.results().stream().filter(ExchangeResult::served).count();
        boolean holds = attempts.subList(0, queueLength).stream().allMatch(o -> o == Outcome.CONNECTED)
                && attempts.subList(queueLength, attempts.size()).stream().allMatch(o -> o == Outcome.QUEUE_FULL)
                && served == drained.results().size();
        List<String> trace = new ArrayList<>();
        trace.add("server container paused (frozen); net.core.somaxconn = " + somaxconn);
        for (int i = 0; i < attempts.size(); i++) {
            trace.add("non-blocking connect " + (i + 1) + ": " + attempts.get(i) + " after " + opened.millis().get(i) + " ms");
        }
        trace.add("server container resumed; probe reads the queued connections");
        drained.results().stream().filter(r -> !r.served()).findFirst().ifPresent(r -> {
            trace.add("first queued connection not served:");
            trace.addAll(r.trace());
        });
        StringBuilder outcomes = new StringBuilder();
        for (int i = 0; i < attempts.size(); i++) {
            outcomes.append(i == 0 ? "" : ", ").append(i + 1).append(':').append(attempts.get(i).name().toLowerCase(Locale.ROOT));
        }
        return Finding.require(holds, "with the server frozen and backlog " + config.backlog() + " declared: connects 1-" + queueLength
                        + " complete, connects " + (queueLength + 1) + "-" + attempts.size() + " fail at once with EAGAIN; after"
                        + " resuming, each queued connection is served within " + bound.toMillis() + " ms",
                "connects " + outcomes + "; socket while frozen: " + whilePaused.map(String::valueOf).orElse("none") + "; " + served
                        + " of " + drained.results().size() + " queued connections served after resuming"
                        + drained.results().stream().filter(r -> !r.served()).findFirst().map(r -> "; first unserved: " + Wire.describe(r))
                        .orElse(""), trace);
    }

    Finding startsOverAStaleSocketFile() {
        UnixSocket before = ready();
        List<String> trace = new ArrayList<>();
        stage.unwatch();
        stage.server().kill();
        boolean died = stage.server().awaitExit(config.bounds().stop());
        FileKind left = stage.state().file();
        trace.add("SIGKILL to the server (socket " + before.inode() + "); " + (died ? "it exited" : "still running after "
                + config.bounds().stop().toMillis() + " ms") + "; file left at " + config.path() + ": " + left.name().toLowerCase(Locale.ROOT));
        if (left != FileKind.SOCKET) {
            // Only the kernel's own unlinking could have removed it; the rule is about a stale file, so there must be one.
            stage.local().call(new ProbeRequest.UnixServe(config.path(), ProbeRequest.UnixServeMode.STALE, new byte[0]),
                    ProbeReply.Done.class);
            stage.local().call(new ProbeRequest.StopServing(), ProbeReply.ServeReport.class);
            trace.add("the harness left a stale socket file at " + config.path() + " itself");
        }
        stage.server().startAnew();
        Optional<UnixSocket> again = stage.awaitListening();
        String expected = "after SIGKILL, with the stale socket file left at " + config.path() + ", a new server listens on a new socket"
                + " there within " + config.bounds().startup().toMillis() + " ms and a client receives " + greetingExpected();
        if (again.isEmpty()) {
            String observed = "the new server: " + notListening();
            trace.add(Observed.first(observed));
            closeStage();
            return Finding.require(false, expected, observed, trace);
        }
        ExchangeResult r = stage.exchange();
        trace.addAll(r.trace());
        boolean holds = again.get().inode() != before.inode() && greeted(r);
        if (holds) {
            listening = again;
            stage.watch(again.get());
        } else {
            closeStage();
        }
        return Finding.require(holds, expected, "the new server listens on " + again.get() + "; a client: " + Wire.describe(r), trace);
    }

    Finding neverTakesALiveServersPath() {
        UnixSocket first = ready();
        Duration bound = config.bounds().startup();
        // A second server that listens on the path has taken it: no need to wait for it to exit.
        ClientRun second = stage.runOnce(config.serverImage().orElseThrow(), config.serverArgs(), bound,
                () -> stage.state().sockets().stream().anyMatch(s -> s.listening() && s.inode() != first.inode()));
        ProbeReply.UnixSockets after = stage.state();
        Optional<UnixSocket> now = after.sockets().stream().filter(s -> s.listening() && s.inode() == first.inode()).findFirst();
        ExchangeResult r = stage.exchange();
        String secondDid = second.exited() ? "the second server exited with status " + second.exitCode() + " " + second.after()
                + lastLine(second) : "the second server was still running after " + second.millis() + " ms"
                + (after.sockets().stream().anyMatch(s -> s.inode() != first.inode()) ? "" : " (stopped by the harness)");
        List<String> trace = new ArrayList<>();
        trace.add("first server listening on " + first);
        trace.add(secondDid);
        trace.add("sockets bound to the path afterwards: " + after.sockets());
        trace.addAll(r.trace());
        return Finding.require(second.exited() && second.exitCode() != 0 && now.isPresent() && greeted(r),
                "a second server started on " + config.path() + " exits with a non-zero status within " + bound.toMillis()
                        + " ms; the first still listens on socket " + first.inode() + " and a client receives " + greetingExpected(),
                secondDid + "; first server's socket " + (now.isPresent() ? "still listening" : "gone") + "; a client: " + Wire.describe(r),
                trace);
    }

    private static String lastLine(ClientRun run) {
        String[] lines = run.output().strip().split("\n");
        return lines[lines.length - 1].isEmpty() ? "" : "; its last output: " + Wire.quote(lines[lines.length - 1].strip().getBytes(
                java.nio.charset.StandardCharsets.UTF_8));
    }

    /** How the stop of 10.6 and 10.7 ended, and what it left at the path. */
    private record Stopped(Exit exit, FileKind left, List<String> trace) {
    }

    /** Stops the server as docker stop -t 5 does (SIGTERM, SIGKILL after the stop bound), once for 10.6 and 10.7. */
    private Stopped stopped() {
        if (stopped != null) {
            return stopped;
        }
        ready();
        List<String> trace = new ArrayList<>();
        Exit exit = awaitExitOrKill(sigterm(trace), trace);
        FileKind left = stage.state().file();
        trace.add("file at " + config.path() + ": " + left.name().toLowerCase(Locale.ROOT));
        // The stage stays until the area ends: 10.7 judges this same stop, and its capture is the holder's.
        stopped = new Stopped(exit, left, trace);
        return stopped;
    }

    Finding removesItsSocketFileWhenStopped() {
        Stopped s = stopped();
        String left = "file at the path: " + s.left().name().toLowerCase(Locale.ROOT);
        // After SIGKILL the kernel leaves the socket file and no process can remove it; not exiting on SIGTERM is 10.7's.
        boolean holds = s.exit().byItself() ? s.left() == FileKind.NONE : s.left() != FileKind.OTHER;
        return Finding.require(holds, "stopped with SIGTERM (SIGKILL after " + config.bounds().stop().toMillis() + " ms): a server"
                        + " that exits by itself leaves nothing at " + config.path() + "; one that had to be killed, nothing or"
                        + " its socket file",
                (s.exit().byItself() ? "exited " + s.exit().millis() + " ms after SIGTERM; " : "still running "
                        + config.bounds().stop().toMillis() + " ms after SIGTERM, killed (10.7 judges that); ") + left, s.trace());
    }

    Finding exitsPromptlyOnSigterm() {
        Stopped s = stopped();
        return exitsPromptly(s.exit(), s.trace());
    }

    /** After 10.6 and 10.7 stopped the area's server, {@link #ready()} starts a fresh one. */
    Finding lingersForAClientThatSpeaksFirst() {
        ready();
        ExchangeResult r = stage.speakFirst(GreetingChecks.SPOKEN_LINE);
        return GreetingChecks.speakingClientFinding(r, config.greetingBytes(), config.bounds().greeting().toMillis(),
                "end of stream");
    }
}
