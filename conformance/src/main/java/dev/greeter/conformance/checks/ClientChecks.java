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
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** The client under test against the harness's scripted server, one run per rule. */
final class ClientChecks extends ClientAreaChecks {

    static final Section<ClientChecks> SECTION = Section.of(Area.CLIENT, ClientChecks::new,
            check(Rule.R7_1, "printsTheGreetingAndExitsZero", ClientChecks::printsTheGreetingAndExitsZero),
            check(Rule.R7_2, "readsAGreetingSplitAcrossSegments", ClientChecks::readsAGreetingSplitAcrossSegments),
            check(Rule.R7_3, "reportsARefusedConnection", ClientChecks::reportsARefusedConnection),
            check(Rule.R7_4, "givesUpOnASilentServer", ClientChecks::givesUpOnASilentServer),
            check(Rule.R7_5, "printsTheGreetingItReceived", ClientChecks::printsTheGreetingItReceived)).eachRuleApart();

    ClientChecks(Lab lab, Results results) {
        super(lab, results);
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
        Duration bound = config.bounds().client();
        String greeting = randomGreeting(config.greetingBytes().length, random);
        ClientRun run = stage.run(ServeMode.GREET, greeting.getBytes(StandardCharsets.US_ASCII), bound);
        return Finding.require(run.exited() && run.exitCode() == 0 && run.output().contains(greeting) && run.server().accepted() > 0,
                "against a server that sends \"" + greeting + "\" (chosen at random for this run, in place of the declared"
                        + " greeting), the client prints output containing it and exits 0 within " + bound.toMillis() + " ms",
                describe(run, bound), trace(run, bound));
    }

    /**
     * A greeting of {@code length} characters that no client can know in advance: words of random
     * letters between single spaces, starting and ending with a letter (a client may trim its output).
     */
    static String randomGreeting(int length, java.util.Random random) {
        String letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
        StringBuilder sb = new StringBuilder();
        int n = Math.max(2, length);
        for (int i = 0; i < n; i++) {
            boolean space = i > 0 && i < n - 1 && sb.charAt(i - 1) != ' ' && random.nextInt(6) == 0;
            sb.append(space ? ' ' : letters.charAt(random.nextInt(letters.length())));
        }
        return sb.toString();
    }

    Finding givesUpOnASilentServer() {
        Duration bound = config.bounds().client();
        ClientRun run = stage.run(ServeMode.SILENT, bound);
        return Finding.require(run.exited() && run.exitCode() != 0 && run.server().accepted() > 0,
                "against a server that accepts but never sends nor closes, the client exits non-zero within "
                        + bound.toMillis() + " ms", describe(run, bound), trace(run, bound));
    }
}
