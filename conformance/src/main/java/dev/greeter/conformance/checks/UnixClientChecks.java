package dev.greeter.conformance.checks;

import static dev.greeter.conformance.run.Check.check;

import dev.greeter.conformance.lab.ClientStage.ClientRun;
import dev.greeter.conformance.lab.Lab;
import dev.greeter.conformance.probe.ProbeRequest.UnixServe;
import dev.greeter.conformance.probe.ProbeRequest.UnixServeMode;
import dev.greeter.conformance.run.Finding;
import dev.greeter.conformance.run.Results;
import dev.greeter.conformance.run.Section;
import dev.greeter.conformance.spec.Area;
import dev.greeter.conformance.spec.Rule;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Section 11: the client under test against the harness's scripted Unix-domain server, in the directory
 * the harness shares with it, one run per rule but where one run answers two rules: 11.7 asks what the client sent
 * in 11.1's run, and 11.5 compares the runs of 11.2 and 11.3 (made for it when those rules are not selected).
 */
final class UnixClientChecks extends ClientAreaChecks {

    static final Section<UnixClientChecks> SECTION = Section.of(Area.UNIX_CLIENT, UnixClientChecks::new,
            check(Rule.R11_1, "printsTheGreetingAndExitsZero", UnixClientChecks::printsTheGreetingAndExitsZero),
            check(Rule.R11_2, "reportsAMissingSocket", UnixClientChecks::reportsAMissingSocket),
            check(Rule.R11_3, "reportsAStaleSocketFile", UnixClientChecks::reportsAStaleSocketFile),
            check(Rule.R11_4, "givesUpOnASilentServer", UnixClientChecks::givesUpOnASilentServer),
            check(Rule.R11_5, "tellsAMissingSocketFromAStaleOne", UnixClientChecks::tellsAMissingSocketFromAStaleOne),
            check(Rule.R11_6, "printsTheGreetingItReceived", UnixClientChecks::printsTheGreetingItReceived),
            check(Rule.R11_7, "sendsNothing", UnixClientChecks::sendsNothing)).eachRuleApart()
            // One run judged two ways: what the client printed (11.1) and what it sent (11.7); 11.5 compares the runs of
            // 11.2 and 11.3 themselves.
            .judgedTogether(Rule.R11_1, Rule.R11_7).judgedTogether(Rule.R11_2, Rule.R11_3, Rule.R11_5)
            // The client decides when it gives up on the silent server (up to 10 s): the other runs go beside it.
            .startingFirst(Rule.R11_4);

    private final Map<UnixServeMode, ClientRun> runs = new EnumMap<>(UnixServeMode.class);

    UnixClientChecks(Lab lab, Results results) {
        super(lab, results);
    }

    private ClientRun run(UnixServeMode mode, Duration bound) {
        ClientRun run = stage.runAgainst(new UnixServe(config.path(), mode, config.greetingBytes()), bound);
        runs.put(mode, run);
        return run;
    }

    private static String what(UnixServeMode mode, String path) {
        return switch (mode) {
            case ABSENT -> "with no file at " + path + " (ENOENT)";
            case STALE -> "with a socket file at " + path + " that nobody listens on (ECONNREFUSED)";
            case GREET -> "against a server at " + path + " that sends the greeting and closes";
            case SILENT -> "against a server at " + path + " that accepts but never sends nor closes";
        };
    }

    Finding printsTheGreetingAndExitsZero() {
        Duration bound = config.bounds().client();
        ClientRun run = run(UnixServeMode.GREET, bound);
        return Finding.require(run.exited() && run.exitCode() == 0 && run.output().contains(config.greeting()) && run.server().accepted() > 0,
                what(UnixServeMode.GREET, config.path()) + ", the client prints output containing \"" + config.greeting()
                        + "\" and exits 0 within " + bound.toMillis() + " ms",
                describe(run, bound), trace(run, bound));
    }

    private Finding reports(UnixServeMode mode) {
        Duration bound = config.bounds().clientRefused();
        ClientRun run = run(mode, bound);
        return Finding.require(run.exited() && run.exitCode() != 0 && !run.output().isBlank(),
                what(mode, config.path()) + ", the client prints a message and exits non-zero within " + bound.toMillis() + " ms",
                describe(run, bound), trace(run, bound));
    }

    Finding reportsAMissingSocket() {
        return reports(UnixServeMode.ABSENT);
    }

    Finding reportsAStaleSocketFile() {
        return reports(UnixServeMode.STALE);
    }

    Finding givesUpOnASilentServer() {
        Duration bound = config.bounds().client();
        ClientRun run = run(UnixServeMode.SILENT, bound);
        return Finding.require(run.exited() && run.exitCode() != 0 && run.server().accepted() > 0,
                what(UnixServeMode.SILENT, config.path()) + ", the client exits non-zero within " + bound.toMillis() + " ms",
                describe(run, bound), trace(run, bound));
    }

    Finding tellsAMissingSocketFromAStaleOne() {
        Duration bound = config.bounds().clientRefused();
        ClientRun missing = runs.containsKey(UnixServeMode.ABSENT) ? runs.get(UnixServeMode.ABSENT) : run(UnixServeMode.ABSENT, bound);
        ClientRun stale = runs.containsKey(UnixServeMode.STALE) ? runs.get(UnixServeMode.STALE) : run(UnixServeMode.STALE, bound);
        return Finding.require(missing.exited() && stale.exited() && !missing.exitCode().equals(stale.exitCode()),
                "different exit statuses " + what(UnixServeMode.ABSENT, config.path()) + " and " + what(UnixServeMode.STALE, config.path()),
                "missing socket: " + exit(missing, bound) + "; stale socket file: " + exit(stale, bound),
                List.of("missing socket: " + brief(missing, bound, config.greeting()), "stale socket file: " + brief(stale, bound, config.greeting())));
    }

    private static String exit(ClientRun run, Duration bound) {
        return run.exited() ? "exit status " + run.exitCode() : "still running after " + bound.toMillis() + " ms";
    }

    Finding printsTheGreetingItReceived() {
        return printsTheGreetingItReceived("is at " + config.path() + " and sends, then closes,", (greeting, bound) -> stage.runAgainst(
                new UnixServe(config.path(), UnixServeMode.GREET, greeting), bound));
    }

    Finding sendsNothing() {
        Duration bound = config.bounds().client();
        ClientRun greeted = runs.containsKey(UnixServeMode.GREET) ? runs.get(UnixServeMode.GREET) : run(UnixServeMode.GREET, bound);
        return sentNothing(greeted, bound, "sends the greeting at " + config.path() + " and closes");
    }
}
