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
        ServerStage.Readiness readiness;
        try {
            fresh.server().start();
            readiness = fresh.awaitAccepting();
        } catch (RuntimeException e) {
            // Not the area's stage yet, so nothing else would close it; what the failure left in it is unknown.
            fresh.distrust();
            fresh.close();
            throw e;
        }
        if (!readiness.ready()) {
            fresh.distrust();
            fresh.close();
            throw new Violation(new Finding("a server that listens on port " + config.port() + " and takes connections off its"
                    + " accept queue within " + config.bounds().startup().toMillis() + " ms of starting, and keeps doing so,"
                    + " so that this rule can be judged", readiness.account(), List.of()));
        }
        return fresh;
    }
}
