package dev.greeter.conformance.checks;

import static dev.greeter.conformance.run.Check.check;

import dev.greeter.conformance.lab.ClientStage.ClientRun;
import dev.greeter.conformance.lab.Lab;
import dev.greeter.conformance.probe.ProbeRequest.ServeMode;
import dev.greeter.conformance.run.Finding;
import dev.greeter.conformance.run.Results;
import dev.greeter.conformance.run.Section;
import dev.greeter.conformance.spec.Area;
import dev.greeter.conformance.spec.Rule;
import java.time.Duration;

/** The client under test against the harness's scripted server, one run per rule, but 7.6 asks what the client sent in 7.1's run. */
final class ClientChecks extends ClientAreaChecks {

    static final Section<ClientChecks> SECTION = Section.of(Area.CLIENT, ClientChecks::new,
            check(Rule.R7_1, "printsTheGreetingAndExitsZero", ClientChecks::printsTheGreetingAndExitsZero),
            check(Rule.R7_2, "readsAGreetingSplitAcrossSegments", ClientChecks::readsAGreetingSplitAcrossSegments),
            check(Rule.R7_3, "reportsARefusedConnection", ClientChecks::reportsARefusedConnection),
            check(Rule.R7_4, "givesUpOnASilentServer", ClientChecks::givesUpOnASilentServer),
            check(Rule.R7_5, "printsTheGreetingItReceived", ClientChecks::printsTheGreetingItReceived),
            check(Rule.R7_6, "sendsNothing", ClientChecks::sendsNothing)).eachRuleApart().judgedTogether(Rule.R7_1, Rule.R7_6)
            // The client decides when it gives up on the silent server (up to 10 s): the other runs go beside it.
            .startingFirst(Rule.R7_4);

    /** The run against a server that greets and closes: 7.1 judges what the client printed, 7.6 what it sent. */
    private ClientRun greeted;

    ClientChecks(Lab lab, Results results) {
        super(lab, results);
    }

    private Finding printsGreeting(ServeMode mode, String serverBehaviour) {
        Duration bound = config.bounds().client();
        ClientRun run = mode == ServeMode.GREET ? greeted(bound) : stage.run(mode, bound);
        return Finding.require(run.exited() && run.exitCode() == 0 && run.output().contains(config.greeting())
                        && run.server().accepted() > 0,
                "against a server that " + serverBehaviour + ", the client connects, prints output containing \""
                        + config.greeting() + "\" and exits 0 within " + bound.toMillis() + " ms",
                describe(run, bound), trace(run, bound));
    }

    Finding printsTheGreetingAndExitsZero() {
        return printsGreeting(ServeMode.GREET, "sends the greeting and closes");
    }

    Finding readsAGreetingSplitAcrossSegments() {
        return printsGreeting(ServeMode.SPLIT, "sends the greeting in 3 segments 150 ms apart, then closes");
    }

    Finding reportsARefusedConnection() {
        Duration bound = config.bounds().clientRefused();
        ClientRun run = stage.run(null, bound);
        return Finding.require(run.exited() && run.exitCode() != 0 && !run.output().isBlank(),
                "with nothing listening on port " + config.port() + ", the client prints a message and exits non-zero within "
                        + bound.toMillis() + " ms", describe(run, bound), trace(run, bound));
    }

    Finding printsTheGreetingItReceived() {
        return printsTheGreetingItReceived("sends", (greeting, bound) -> stage.run(ServeMode.GREET, greeting, bound));
    }

    Finding givesUpOnASilentServer() {
        Duration bound = config.bounds().client();
        ClientRun run = stage.run(ServeMode.SILENT, bound);
        return Finding.require(run.exited() && run.exitCode() != 0 && run.server().accepted() > 0,
                "against a server that accepts but never sends nor closes, the client exits non-zero within "
                        + bound.toMillis() + " ms", describe(run, bound), trace(run, bound));
    }

    Finding sendsNothing() {
        Duration bound = config.bounds().client();
        return sentNothing(greeted(bound), bound, "sends the greeting and closes");
    }

    private ClientRun greeted(Duration bound) {
        if (greeted == null) {
            greeted = stage.run(ServeMode.GREET, bound);
        }
        return greeted;
    }
}
