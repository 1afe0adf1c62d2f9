package dev.greeter.conformance.checks;

import static dev.greeter.conformance.run.Check.check;

import dev.greeter.conformance.lab.Lab;
import dev.greeter.conformance.probe.ProbeReply.ExchangeResult;
import dev.greeter.conformance.probe.ProbeReply.Listener;
import dev.greeter.conformance.probe.ProbeReply.Outcome;
import dev.greeter.conformance.probe.ProbeReply;
import dev.greeter.conformance.run.Finding;
import dev.greeter.conformance.run.Results;
import dev.greeter.conformance.run.Section;
import dev.greeter.conformance.spec.Area;
import dev.greeter.conformance.spec.Rule;
import java.util.ArrayList;
import java.util.List;

/**
 * Freezes the server (its container paused: the kernel still completes handshakes, nobody accepts),
 * connects one attempt after another, resumes it, and reads what the queued connections get.
 * One attempt at a time, so each handshake's final ACK is queued before the next SYN arrives.
 */
final class BacklogChecks extends ServerChecks {

    static final Section<BacklogChecks> SECTION = Section.of(Area.BACKLOG, BacklogChecks::new,
            check(Rule.R4_1, "queuesBacklogPlusOneHandshakesWhileNotAccepting", BacklogChecks::queuesBacklogPlusOneHandshakesWhileNotAccepting),
            check(Rule.R4_2, "servesEveryQueuedConnectionOnResuming", BacklogChecks::servesEveryQueuedConnectionOnResuming));

    /** Attempts past the expected queue length, each of which must time out. */
    static final int BEYOND = 2;

    private Frozen frozen;

    BacklogChecks(Lab lab, Results results) {
        super(lab, results);
    }

    private record Frozen(int queueLength, int somaxconn, ProbeReply.Opened opened, List<Listener> whilePaused,
                          ProbeReply.Drained drained) {
    }

    @Override
    public void setUp() {
        // A fresh server after an interruption is frozen anew: nothing seen of the old one carries over.
        frozen = null;
        super.setUp();
    }

    private Frozen frozen() {
        if (frozen == null) {
            int somaxconn = stage.sockets().somaxconn();
            // The kernel caps listen(2)'s backlog at net.core.somaxconn, then queues one more than that.
            int queueLength = Math.min(config.backlog(), somaxconn) + 1;
            stage.server().pause();
            ProbeReply.Opened opened;
            List<Listener> whilePaused;
            try {
                opened = stage.clients().open(queueLength + BEYOND, config.bounds().backlogDrop());
                whilePaused = stage.sockets().listeners();
            } finally {
                stage.server().unpause();
            }
            frozen = new Frozen(queueLength, somaxconn, opened, whilePaused, stage.clients().drain(config.bounds().drain((int) opened.connected())));
        }
        return frozen;
    }

    Finding queuesBacklogPlusOneHandshakesWhileNotAccepting() {
        Frozen f = frozen();
        List<Outcome> attempts = f.opened().attempts();
        boolean holds = attempts.subList(0, f.queueLength()).stream().allMatch(o -> o == Outcome.CONNECTED)
                && attempts.subList(f.queueLength(), attempts.size()).stream().allMatch(o -> o == Outcome.TIMEOUT);
        String expected = "with the server frozen and backlog " + config.backlog() + " declared: attempts 1-" + f.queueLength()
                + " complete their handshake, attempts " + (f.queueLength() + 1) + "-" + attempts.size()
                + " time out after " + config.bounds().backlogDrop().toMillis() + " ms (SYN dropped, not refused)";
        String observed = summarize(attempts) + "; listen socket while frozen: "
                + (f.whilePaused().isEmpty() ? "none" : f.whilePaused().get(0).toString());
        return Finding.require(holds, expected, observed, trace(f));
    }

    Finding servesEveryQueuedConnectionOnResuming() {
        Frozen f = frozen();
        List<ExchangeResult> drained = f.drained().results();
        long served = drained.stream().filter(ExchangeResult::served).count();
        List<String> trace = new ArrayList<>(trace(f));
        drained.stream().filter(r -> !r.served()).findFirst().ifPresent(r -> {
            trace.add("first queued connection not served:");
            trace.addAll(r.trace());
        });
        return Finding.require(!drained.isEmpty() && served == drained.size(),
                "each of the " + drained.size() + " connections queued while frozen is served after the server resumes, within "
                        + config.bounds().drain(drained.size()).toMillis() + " ms",
                served + " of " + drained.size() + " queued connections served after resuming"
                        + drained.stream().filter(r -> !r.served()).findFirst().map(r -> "; first unserved: " + Wire.describe(r)).orElse(""),
                trace);
    }

    private static String summarize(List<Outcome> attempts) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < attempts.size(); i++) {
            sb.append(i == 0 ? "" : ", ").append(i + 1).append(":").append(attempts.get(i).name().toLowerCase(java.util.Locale.ROOT));
        }
        return "attempts " + sb;
    }

    private static List<String> trace(Frozen f) {
        List<String> trace = new ArrayList<>();
        trace.add("server container paused (frozen); net.core.somaxconn = " + f.somaxconn());
        List<Outcome> attempts = f.opened().attempts();
        for (int i = 0; i < attempts.size(); i++) {
            if (i < 3 || i >= attempts.size() - 4) {
                trace.add("attempt " + (i + 1) + ": " + attempts.get(i) + " after " + f.opened().millis().get(i) + " ms");
            } else if (i == 3) {
                trace.add("...");
            }
        }
        trace.add("server container resumed; probe reads the queued connections");
        return trace;
    }
}
