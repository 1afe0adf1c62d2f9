package dev.greeter.conformance.checks;

import dev.greeter.conformance.lab.ImplementationExited;
import dev.greeter.conformance.lab.ImplementationObstructed;
import dev.greeter.conformance.lab.Lab;
import dev.greeter.conformance.lab.ServerStage;
import dev.greeter.conformance.run.Finding;
import dev.greeter.conformance.run.Results;
import dev.greeter.conformance.run.Violation;
import dev.greeter.conformance.spec.Transport;
import java.util.List;
import java.util.Optional;

/**
 * TCP server areas. An area judges the server the previous area of its lane handed on (every rule judged on it passed,
 * see lab/Handovers), or a new one; so a fault shows in the rule that covers it, and the next area meets a server no
 * failed rule touched. The server's listening socket is watched from the moment it is ready: if the server exits,
 * stops listening or restarts during a rule, that rule fails with the account, and the next rule gets a new server.
 */
abstract class ServerChecks extends StagedChecks<ServerStage> {

    ServerChecks(Lab lab, Results results) {
        super(lab, results);
    }

    /** The server the previous area of the lane handed on, if it still accepts; else a new one. */
    @Override
    public void setUp() {
        closeStage();
        stage = handedOnAndAccepting().orElseGet(this::listeningServer);
    }

    /**
     * The server handed on, once it shows it still takes connections off its accept queue (and is watched from here).
     * One that does not is let go without a verdict (no rule of this area was judged on it yet) and a new one judges
     * this area: whatever an earlier area left in it stays out of this one.
     */
    private Optional<ServerStage> handedOnAndAccepting() {
        Optional<ServerStage> handed = lab.handedOn(Transport.TCP);
        if (handed.isPresent()) {
            ServerStage s = handed.get();
            try {
                if (s.awaitAccepting().ready()) {
                    return handed;
                }
            } catch (RuntimeException e) {
                // The implementation's doing (it exited, it took the probe's ports) fails the rule about to be judged,
                // as a new server's would; anything else is the harness's.
                if (!(e instanceof ImplementationExited || e instanceof ImplementationObstructed)) {
                    s.distrust();
                }
                s.close();
                throw e;
            }
            s.close();
        }
        return Optional.empty();
    }

    /** A new server that listens and accepts, or a {@link Violation} saying what it did instead. */
    protected ServerStage listeningServer() {
        ServerStage fresh = lab.serverStage();
        ServerStage.Readiness readiness;
        try {
            fresh.startWatchingThePort();
            readiness = fresh.awaitAccepting();
        } catch (RuntimeException e) {
            // Not the area's stage yet, so nothing else would close it. The implementation's doing (it exited, it took the
            // probe's ports) leaves its holder to be cleared like any other; anything else is the harness's, and what it
            // left in the namespace is unknown.
            if (!(e instanceof ImplementationExited || e instanceof ImplementationObstructed)) {
                fresh.distrust();
            }
            fresh.close();
            throw e;
        }
        if (!readiness.ready()) {
            // The implementation's doing: its holder is handed on only if clearing finds nothing of it left.
            fresh.close();
            throw new Violation(new Finding("a server that listens on port " + config.port() + " and takes connections off its"
                    + " accept queue within " + config.bounds().startup().toMillis() + " ms of starting, and keeps doing so,"
                    + " so that this rule can be judged", readiness.account(), List.of()));
        }
        return fresh;
    }
}
