package dev.greeter.conformance.checks;

import dev.greeter.conformance.lab.Lab;
import dev.greeter.conformance.lab.ServerStage;
import dev.greeter.conformance.run.AreaChecks;
import dev.greeter.conformance.run.Results;
import dev.greeter.conformance.run.Skip;
import dev.greeter.conformance.run.SuiteRunner;
import dev.greeter.conformance.spec.Area;
import dev.greeter.conformance.spec.Rule;

/** Server areas: each gets a fresh server, so one fault shows in the rule that covers it and nowhere else. */
abstract class ServerChecks extends AreaChecks {

    protected ServerStage stage;

    ServerChecks(Lab lab, Results results) {
        super(lab, results);
    }

    @Override
    public void open() {
        stage = listeningServer();
    }

    /** A new server that listens and accepts, or a skip saying why not. */
    protected ServerStage listeningServer() {
        requireServing();
        ServerStage fresh = lab.serverStage();
        fresh.startServer();
        if (!fresh.awaitAccepting()) {
            String why = fresh.describe();
            fresh.close();
            throw new Skip("the server did not listen and accept on port " + config.port() + " within "
                    + config.bounds().startup().toSeconds() + " s (" + why + ")");
        }
        return fresh;
    }

    /**
     * Rules past the greeting judge whether clients are served at all; for a server that does not
     * listen (1.1) or does not greet unprompted (2.1) that question has one answer, already reported.
     */
    protected void requireServing() {
        if (results.failed(Rule.R1_1)) {
            throw new Skip("the server does not listen on port " + config.port() + " (rule 1.1 failed)");
        }
        if (area() != Area.GREETING && results.failed(Rule.R2_1)) {
            throw new Skip("the server does not greet clients unprompted (rule 2.1 failed)");
        }
    }

    /** The area of this class's checks. */
    protected Area area() {
        return SuiteRunner.checks(getClass()).keySet().iterator().next().area();
    }

    @Override
    public void close() {
        if (stage != null) {
            stage.close();
            stage = null;
        }
    }
}
