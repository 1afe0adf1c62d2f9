package dev.greeter.conformance.checks;

import dev.greeter.conformance.lab.Lab;
import dev.greeter.conformance.lab.ServerStage;
import dev.greeter.conformance.run.AreaChecks;
import dev.greeter.conformance.run.Results;
import dev.greeter.conformance.run.Skip;
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

    /** A new server, listening, or a skip saying why not. */
    protected ServerStage listeningServer() {
        if (results.failed(Rule.R1_1)) {
            throw new Skip("the server does not listen on port " + config.port() + " (rule 1.1 failed)");
        }
        ServerStage fresh = lab.serverStage();
        fresh.startServer();
        if (fresh.awaitListening().isEmpty()) {
            String why = fresh.describe();
            fresh.close();
            throw new Skip("the server did not listen on port " + config.port() + " within "
                    + config.bounds().startup().toSeconds() + " s (" + why + ")");
        }
        return fresh;
    }

    @Override
    public void close() {
        if (stage != null) {
            stage.close();
            stage = null;
        }
    }
}
