package dev.greeter.conformance.checks;

import dev.greeter.conformance.config.HarnessException;
import dev.greeter.conformance.lab.Lab;
import dev.greeter.conformance.lab.Stage;
import dev.greeter.conformance.run.AreaChecks;
import dev.greeter.conformance.run.Finding;
import dev.greeter.conformance.run.Results;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Server areas, whatever the transport: a server that broke off during a rule (exited, stopped listening,
 * restarted) fails that rule with the account, and the next rule gets a fresh one.
 */
abstract class StagedChecks<S extends Stage> extends AreaChecks {

    protected S stage;
    /** Whether the stage may go on to the next area of its lane: every rule judged on it passed, the harness never failed. */
    private boolean handOn = true;

    StagedChecks(Lab lab, Results results) {
        super(lab, results);
    }

    @Override
    public Optional<Interruption> interruption() {
        if (stage == null) {
            return Optional.empty();
        }
        Optional<Interruption> broke = stage.brokeOff().map(what -> new Interruption(what, List.of("after the rule: " + what)));
        if (broke.isPresent()) {
            // The implementation's doing, not the harness's: its server is not handed to another area, and its holder
            // only if clearing finds nothing of it left (Handovers#cleared), as after any implementation.
            handOn = false;
            closeStage();
        }
        return broke;
    }

    /** The hint for a server with nothing listening that exited at once ({@link Hints#exitedAtOnce}), if it did. */
    protected Optional<String> exitedAtOnce(String transport) {
        return Hints.exitedAtOnce(stage.server().lifetimeMillis(), transport, !config.serverArgs().isEmpty());
    }

    /**
     * Begins a stop as {@code docker stop -t 5} does it: no more watching (the harness stops the server itself),
     * then SIGTERM, noted in {@code trace}. Returns when it was sent, for {@link #awaitExitOrKill}.
     */
    protected long sigterm(List<String> trace) {
        stage.unwatch();
        long start = System.nanoTime();
        stage.server().signal("SIGTERM");
        trace.add("+0 ms SIGTERM sent to the server");
        return start;
    }

    /**
     * The end of a stop the harness began with SIGTERM at {@code start}: waits out the rest of the stop bound
     * for the server to exit, else kills it; notes either in {@code trace}.
     */
    protected Exit awaitExitOrKill(long start, List<String> trace) {
        boolean exited = stage.server().awaitExit(config.bounds().stop().minusNanos(System.nanoTime() - start));
        long exitMillis = (System.nanoTime() - start) / 1_000_000;
        if (exited) {
            trace.add("+" + exitMillis + " ms server exited (" + stage.server().describe() + ")");
        } else {
            trace.add("+" + exitMillis + " ms still running: SIGKILL sent");
            stage.server().kill();
            if (!stage.server().awaitExit(Duration.ofSeconds(10))) {
                throw new HarnessException("the server container did not exit even after SIGKILL");
            }
        }
        return new Exit(exited, exitMillis);
    }

    /** How a stop ended: by the server exiting ({@code byItself}) or by SIGKILL, {@code millis} after SIGTERM. */
    protected record Exit(boolean byItself, long millis) {
    }

    /**
     * 5.3, 8.7 and 10.7, whatever the transport: the server exited within the stop bound of SIGTERM. Their MUST
     * twins (5.2, 8.6, 10.6) judge what clients see of the same stop, so that a server that ignores SIGTERM fails
     * a SHOULD only, over every transport.
     */
    protected Finding exitsPromptly(Exit exit, List<String> trace) {
        long bound = config.bounds().stop().toMillis();
        return Finding.require(exit.byItself(), "exits within " + bound + " ms of SIGTERM", exit.byItself()
                ? "exited " + exit.millis() + " ms after SIGTERM" : "still running " + bound + " ms after SIGTERM; SIGKILL was needed", trace);
    }

    @Override
    public void distrust() {
        handOn = false;
        if (stage != null) {
            stage.distrust();
        }
    }

    @Override
    public void notPassed() {
        handOn = false;
    }

    protected void closeStage() {
        if (stage != null) {
            stage.close();
            stage = null;
        }
    }

    /** The stage goes on to the next area of its lane when it may ({@link Lab#handOn}), else it is closed. */
    @Override
    public void close() {
        if (stage != null && handOn) {
            S done = stage;
            stage = null;
            lab.handOn(done);
        } else {
            closeStage();
        }
    }
}
