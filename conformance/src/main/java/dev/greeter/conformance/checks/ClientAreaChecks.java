package dev.greeter.conformance.checks;

import dev.greeter.conformance.lab.ClientStage;
import dev.greeter.conformance.lab.ClientStage.ClientRun;
import dev.greeter.conformance.lab.Lab;
import dev.greeter.conformance.run.AreaChecks;
import dev.greeter.conformance.run.Results;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Client areas, whatever the transport: the client under test against the harness's scripted server, one run per rule. */
abstract class ClientAreaChecks extends AreaChecks {

    protected ClientStage stage;
    protected final java.security.SecureRandom random = new java.security.SecureRandom();

    ClientAreaChecks(Lab lab, Results results) {
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

    static String describe(ClientRun run, Duration bound) {
        String exit = run.exited() ? "exited with status " + run.exitCode() + " " + run.after()
                : "still running after " + bound.toMillis() + " ms (killed)";
        return exit + "; stdout " + Wire.quote(run.stdout().getBytes(StandardCharsets.UTF_8))
                + ", stderr " + Wire.quote(run.stderr().getBytes(StandardCharsets.UTF_8))
                + "; connections seen by the harness's server: " + run.server().accepted();
    }

    static List<String> trace(ClientRun run, Duration bound) {
        List<String> trace = new ArrayList<>(run.server().trace());
        trace.add("client " + describe(run, bound));
        return trace;
    }
}
