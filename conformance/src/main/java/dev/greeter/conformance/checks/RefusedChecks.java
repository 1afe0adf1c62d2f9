package dev.greeter.conformance.checks;

import static dev.greeter.conformance.run.Check.check;

import dev.greeter.conformance.lab.Lab;
import dev.greeter.conformance.lab.ServerStage;
import dev.greeter.conformance.probe.ProbeReply.End;
import dev.greeter.conformance.probe.ProbeReply.ExchangeResult;
import dev.greeter.conformance.probe.ProbeReply.Outcome;
import dev.greeter.conformance.run.Finding;
import dev.greeter.conformance.run.Results;
import dev.greeter.conformance.run.Section;
import dev.greeter.conformance.run.Violation;
import dev.greeter.conformance.spec.Area;
import dev.greeter.conformance.spec.Rule;
import dev.greeter.conformance.spec.Transport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Watches the port from inside the server's network namespace (which outlives the server) while the
 * server starts and while it stops: at every moment a connection must be refused or served. The start is the one
 * of the server the lane hands this area (every TCP start is watched so, {@link ServerStage#startWatchingThePort}); the
 * lane judges this area last, since it stops that server.
 */
final class RefusedChecks extends ServerChecks {

    static final Section<RefusedChecks> SECTION = Section.of(Area.REFUSED, RefusedChecks::new,
            check(Rule.R5_1, "refusesUntilItServes", RefusedChecks::refusesUntilItServes),
            check(Rule.R5_2, "refusesAfterItStopsNeverHangs", RefusedChecks::refusesAfterItStopsNeverHangs),
            check(Rule.R5_3, "exitsPromptlyOnSigterm", RefusedChecks::exitsPromptlyOnSigterm));

    private Stopping stopping;
    private Violation notServing;

    RefusedChecks(Lab lab, Results results) {
        super(lab, results);
    }

    /** The server handed on with its start on record, else a new stage whose server 5.1 (or the stop) starts. */
    @Override
    public void setUp() {
        closeStage();
        Optional<ServerStage> handed = lab.handedOn(Transport.TCP);
        if (handed.isPresent() && handed.get().startSeen().isEmpty()) {
            handed.get().close();
            handed = Optional.empty();
        }
        stage = handed.orElseGet(() -> lab.serverStage());
        stopping = null;
        notServing = null;
    }

    private ExchangeResult tryOnce() {
        return stage.clients().attempt(stage.clients().hangAttempt());
    }

    Finding refusesUntilItServes() {
        ServerStage.StartSeen seen = stage.startSeen().orElseGet(stage::startWatchingThePort);
        List<String> trace = new ArrayList<>();
        trace.add("before the server is started: " + Wire.describe(seen.before()));
        String expected = "every attempt from the server's start is refused at once until one is served; the first"
                + " accepted connection is served within " + config.bounds().hang().toMillis() + " ms";
        if (seen.listeningAtMillis() >= 0) {
            trace.add("+" + seen.listeningAtMillis() + " ms the port listens");
        }
        ExchangeResult r = seen.first();
        if (seen.obstructed() != null) {
            return Finding.require(false, expected, seen.obstructed(), trace);
        }
        if (r == null) {
            return Finding.require(false, expected, (seen.listeningAtMillis() < 0 ? "the port never listened"
                    : seen.refused() + " attempts refused after it listened") + "; nothing accepted a connection within "
                    + config.bounds().startup().toMillis() + " ms of starting the server; " + seen.serverAtEnd(), trace);
        }
        trace.add(seen.refused() + " attempts refused after it listened; then, " + seen.firstAtMillis() + " ms after start:");
        trace.addAll(r.trace());
        String observed = "listening " + seen.listeningAtMillis() + " ms after start; " + seen.refused()
                + " attempts refused, then an accepted connection: " + Wire.describe(r);
        if (r.outcome() == Outcome.TIMEOUT) {
            observed = "listening " + seen.listeningAtMillis() + " ms after start; " + seen.refused()
                    + " attempts refused, then an attempt timed out: the port queues connections nobody accepts";
        }
        if (r.served() && stage.server().running()) {
            stage.sockets().awaitListening().ifPresent(stage.sockets()::watch);
        }
        return Finding.require(r.served(), expected, observed, trace);
    }

    /** What was seen from SIGTERM until the server exited, shared by 5.2 and 5.3. */
    private record Stopping(ExchangeResult hanging, int attempts, Exit exit, ExchangeResult after, List<String> trace) {
    }

    private Stopping stopping() {
        if (stopping != null) {
            return stopping;
        }
        if (notServing != null) {
            // 5.3 after 5.2 found the server not serving: the same finding, not another start-up wait.
            throw notServing;
        }
        if (stage.startSeen().isEmpty()) {
            stage.startWatchingThePort();
        }
        try {
            awaitServing();
        } catch (Violation v) {
            notServing = v;
            throw v;
        }
        List<String> trace = new ArrayList<>();
        Duration grace = config.bounds().stop();
        long start = sigterm(trace);
        ExchangeResult hanging = null;
        int attempts = 0;
        boolean refusedSeen = false;
        // Until the server has exited: one that closes its port, then listens again without serving, hangs too.
        while (System.nanoTime() - start < grace.toNanos()) {
            ExchangeResult r = tryOnce();
            attempts++;
            if (r.outcome() == Outcome.REFUSED) {
                if (!refusedSeen) {
                    trace.add("+" + (System.nanoTime() - start) / 1_000_000 + " ms attempt " + attempts + ": refused");
                    refusedSeen = true;
                }
                if (!stage.server().running()) {
                    break;
                }
                continue;
            }
            if (r.outcome() == Outcome.TIMEOUT || (r.outcome() == Outcome.CONNECTED && !r.served() && r.end() == End.BOUND)) {
                hanging = r;
                trace.add("+" + (System.nanoTime() - start) / 1_000_000 + " ms attempt " + attempts + " hung:");
                trace.addAll(r.trace());
                break;
            }
        }
        Exit exit = awaitExitOrKill(start, trace);
        ExchangeResult after = tryOnce();
        trace.add("after exit: " + Wire.describe(after));
        stopping = new Stopping(hanging, attempts, exit, after, trace);
        return stopping;
    }

    /**
     * SIGTERM is sent to a server that serves: one that is still starting (5.1 may have failed it for
     * that) gets the start-up bound to begin serving, so its stop is judged on its own merits.
     */
    private void awaitServing() {
        long deadline = System.nanoTime() + config.bounds().startup().toNanos();
        ExchangeResult last = null;
        while (System.nanoTime() < deadline && stage.server().running()) {
            if (stage.sockets().awaitListening().isPresent()) {
                last = stage.clients().serve();
                if (last.served()) {
                    return;
                }
            }
        }
        throw new Violation(new Finding("a server that serves, so that its stop can be observed",
                "the server did not serve a client within " + config.bounds().startup().toMillis() + " ms of starting"
                        + (last == null ? "" : " (last attempt: " + Wire.describe(last) + ")") + "; " + stage.server().describe(), List.of()));
    }

    Finding refusesAfterItStopsNeverHangs() {
        Stopping s = stopping();
        String observed;
        if (s.hanging() != null) {
            observed = "an attempt during the stop " + (s.hanging().outcome() == Outcome.TIMEOUT ? "timed out" : "was accepted and then "
                    + Wire.describe(s.hanging()));
        } else {
            observed = s.attempts() + " attempts during the stop served or refused; after exit: " + Wire.describe(s.after());
        }
        return Finding.require(s.hanging() == null && s.after().outcome() == Outcome.REFUSED,
                "from SIGTERM to exit every attempt is served, reset or refused within " + config.bounds().hang().toMillis()
                        + " ms; after exit, connections are refused", observed, s.trace());
    }

    Finding exitsPromptlyOnSigterm() {
        Stopping s = stopping();
        return exitsPromptly(s.exit(), s.trace());
    }
}
