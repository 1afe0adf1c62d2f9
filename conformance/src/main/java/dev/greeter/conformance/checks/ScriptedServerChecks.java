package dev.greeter.conformance.checks;

import dev.greeter.conformance.lab.ClientStage;
import dev.greeter.conformance.lab.Lab;
import dev.greeter.conformance.run.AreaChecks;
import dev.greeter.conformance.run.Results;

/** Client areas: the client under test in the namespace of the harness's scripted server, a fresh holder per area. */
abstract class ScriptedServerChecks extends AreaChecks {

    protected ClientStage stage;
    protected final java.security.SecureRandom random = new java.security.SecureRandom();

    ScriptedServerChecks(Lab lab, Results results) {
        super(lab, results);
    }

    @Override
    public void setUp() {
        close();
        stage = lab.clientStage();
    }

    @Override
    public void close() {
        if (stage != null) {
            stage.close();
            stage = null;
        }
    }
}
