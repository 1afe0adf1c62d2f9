package dev.greeter.conformance.checks;

import dev.greeter.conformance.lab.Lab;
import dev.greeter.conformance.lab.ServerStage;
import dev.greeter.conformance.run.Finding;
import dev.greeter.conformance.run.Results;
import dev.greeter.conformance.run.Violation;
import java.util.List;

/**
 * Server areas: each gets a fresh server, so one fault shows in the rule that covers it and nowhere
 * else. The server's listening socket is watched from the moment it is ready: if the server exits,
 * stops listening or restarts during a rule, that rule fails with the account, and the next rule gets
 * a fresh server.
 */
abstract class ServerChecks extends StagedChecks<ServerStage> {

    ServerChecks(Lab lab, Results results) {
        super(lab, results);
    }

    @Override
    public void setUp() {
        closeStage();
        stage = listeningServer();
    }

    /** A new server that listens and accepts, or a {@link Violation} saying what it did instead. */
    protected ServerStage listeningServer() {
        ServerStage fresh = lab.serverStage();
        fresh.server().start();
        ServerStage.Readiness readiness = fresh.awaitAccepting();
        if (!readiness.ready()) {
            fresh.close();
            throw new Violation(new Finding("a server that listens on port " + config.port() + " and takes connections off its"
                    + " accept queue within " + config.bounds().startup().toMillis() + " ms of starting, and keeps doing so,"
                    + " so that this rule can be judged", readiness.account(), List.of()));
        }
        return fresh;
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
            if (!stage.server().awaitExit(java.time.Duration.ofSeconds(10))) {
                throw new dev.greeter.conformance.config.HarnessException("the server container did not exit even after SIGKILL");
            }
        }
        return new Exit(exited, exitMillis);
    }

    /** How a stop ended: by the server exiting ({@code byItself}) or by SIGKILL, {@code millis} after SIGTERM. */
    protected record Exit(boolean byItself, long millis) {
    }

}
