package dev.greeter.conformance.checks;

import dev.greeter.conformance.lab.ClientStage;
import dev.greeter.conformance.lab.ClientStage.ClientRun;
import dev.greeter.conformance.lab.Lab;
import dev.greeter.conformance.probe.ProbeRequest.ServeMode;
import dev.greeter.conformance.run.AreaChecks;
import dev.greeter.conformance.run.Finding;
import dev.greeter.conformance.run.Results;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The client under test against the harness's scripted server, one run per rule. */
public final class ClientChecks extends AreaChecks {

    private ClientStage stage;

    public ClientChecks(Lab lab, Results results) {
        super(lab, results);
    }

    @Override
    public void open() {
        stage = lab.clientStage();
    }

    @Override
    public void close() {
        if (stage != null) {
            stage.close();
        }
    }

    private static String describe(ClientRun run, Duration bound) {
        String exit = run.exited() ? "exited with status " + run.exitCode() + " after " + run.millis() + " ms"
                : "still running after " + bound.toMillis() + " ms (killed)";
        return exit + "; stdout " + Wire.quote(run.stdout().getBytes(java.nio.charset.StandardCharsets.UTF_8))
                + ", stderr " + Wire.quote(run.stderr().getBytes(java.nio.charset.StandardCharsets.UTF_8))
                + "; connections seen by the harness's server: " + run.server().accepted();
    }

    private static List<String> trace(ClientRun run, Duration bound) {
        List<String> trace = new ArrayList<>(run.server().trace());
        trace.add("client " + describe(run, bound));
        return trace;
    }

    private Finding printsGreeting(ServeMode mode, String serverBehaviour) {
        Duration bound = config.bounds().client();
        ClientRun run = stage.run(mode, bound);
        return Finding.require(run.exited() && run.exitCode() == 0 && run.output().contains(config.greeting())
                        && run.server().accepted() > 0,
                "against a server that " + serverBehaviour + ", the client connects, prints output containing \""
                        + config.greeting() + "\" and exits 0 within " + bound.toMillis() + " ms",
                describe(run, bound), trace(run, bound));
    }

    public Finding required_spec701_printsTheGreetingAndExitsZero() {
        return printsGreeting(ServeMode.GREET, "sends the greeting and closes");
    }

    public Finding required_spec702_readsAGreetingSplitAcrossSegments() {
        return printsGreeting(ServeMode.SPLIT, "sends the greeting in 3 segments 150 ms apart, then closes");
    }

    public Finding required_spec703_reportsARefusedConnection() {
        Duration bound = config.bounds().clientRefused();
        ClientRun run = stage.run(null, bound);
        return Finding.require(run.exited() && run.exitCode() != 0 && !run.output().isBlank(),
                "with nothing listening on port " + config.port() + ", the client prints a message and exits non-zero within "
                        + bound.toMillis() + " ms", describe(run, bound), trace(run, bound));
    }

    public Finding required_spec704_givesUpOnASilentServer() {
        Duration bound = config.bounds().client();
        ClientRun run = stage.run(ServeMode.SILENT, bound);
        return Finding.require(run.exited() && run.exitCode() != 0 && run.server().accepted() > 0,
                "against a server that accepts but never sends nor closes, the client exits non-zero within "
                        + bound.toMillis() + " ms", describe(run, bound), trace(run, bound));
    }
}
