package dev.greeter.conformance.checks;

import static dev.greeter.conformance.run.Check.check;

import static dev.greeter.conformance.spec.Defaults.UDP_REQUEST_BYTES;

import dev.greeter.conformance.lab.ClientStage.DatagramClientRun;
import dev.greeter.conformance.lab.Lab;
import dev.greeter.conformance.probe.ProbeRequest.DatagramServeMode;
import dev.greeter.conformance.probe.ProbeRequest.ServeUdp;
import dev.greeter.conformance.run.Finding;
import dev.greeter.conformance.run.Results;
import dev.greeter.conformance.run.Section;
import dev.greeter.conformance.spec.Area;
import dev.greeter.conformance.spec.Rule;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/** SPEC section 9: the UDP client under test against the harness's scripted UDP server, one run per rule. */
final class UdpClientChecks extends ClientAreaChecks {

    static final Section<UdpClientChecks> SECTION = Section.of(Area.UDP_CLIENT, UdpClientChecks::new,
            check(Rule.R9_1, "printsTheGreetingAndExitsZero", UdpClientChecks::printsTheGreetingAndExitsZero),
            check(Rule.R9_2, "padsItsRequest", UdpClientChecks::padsItsRequest),
            check(Rule.R9_3, "retriesALostReply", UdpClientChecks::retriesALostReply),
            check(Rule.R9_4, "acceptsOnlyTheServersReply", UdpClientChecks::acceptsOnlyTheServersReply),
            check(Rule.R9_5, "reportsARefusedPort", UdpClientChecks::reportsARefusedPort),
            check(Rule.R9_6, "givesUpOnASilentServer", UdpClientChecks::givesUpOnASilentServer),
            check(Rule.R9_7, "printsTheGreetingItReceived", UdpClientChecks::printsTheGreetingItReceived)).eachRuleApart()
            // The client decides when it gives up on the silent server (up to 10 s): the other runs go beside it.
            .startingFirst(Rule.R9_6);


    UdpClientChecks(Lab lab, Results results) {
        super(lab, results);
    }

    private DatagramClientRun run(DatagramServeMode mode, byte[] decoy) {
        ServeUdp serve = mode == null ? null : new ServeUdp(config.port(), mode, config.greetingBytes(), decoy);
        return stage.runAgainstDatagrams(serve, bound());
    }

    private Duration bound() {
        return config.bounds().client();
    }

    private boolean printedTheGreeting(DatagramClientRun run) {
        return run.exited() && run.exitCode() == 0 && run.output().contains(config.greeting()) && run.server().requests() > 0;
    }

    Finding printsTheGreetingAndExitsZero() {
        DatagramClientRun run = run(DatagramServeMode.GREET, null);
        return Finding.require(printedTheGreeting(run), "against a server that answers every request with the greeting, the client"
                + " prints output containing \"" + config.greeting() + "\" and exits 0 within " + bound().toMillis() + " ms",
                describe(run, bound()), trace(run, bound()));
    }

    Finding padsItsRequest() {
        DatagramClientRun run = run(DatagramServeMode.GREET, null);
        // The shortest of all, not of the first few kept: a client that floods is judged on every request.
        return Finding.require(run.server().requests() > 0 && run.server().shortest() >= UDP_REQUEST_BYTES,
                "every request the client sends is at least " + UDP_REQUEST_BYTES + " bytes", describe(run, bound()), trace(run, bound()));
    }

    Finding retriesALostReply() {
        DatagramClientRun run = run(DatagramServeMode.IGNORE_FIRST, null);
        return Finding.require(printedTheGreeting(run) && run.server().requests() >= 2,
                "against a server that ignores the first request and answers the next, the client sends again, prints output"
                        + " containing \"" + config.greeting() + "\" and exits 0 within " + bound().toMillis() + " ms",
                describe(run, bound()), trace(run, bound()));
    }

    Finding acceptsOnlyTheServersReply() {
        String decoy = decoy();
        DatagramClientRun run = run(DatagramServeMode.DECOY, decoy.getBytes(StandardCharsets.US_ASCII));
        return Finding.require(printedTheGreeting(run) && !run.output().contains(decoy),
                "against a server that first sends \"" + decoy + "\" from another port, then the greeting from port " + config.port()
                        + ", the client prints output containing \"" + config.greeting() + "\" and not the decoy, and exits 0",
                describe(run, bound()), trace(run, bound()));
    }

    /** A text as long as the greeting that neither contains it nor is contained in it, chosen at random for the run. */
    private String decoy() {
        while (true) {
            String d = randomGreeting(config.greetingBytes().length, random);
            if (!d.contains(config.greeting()) && !config.greeting().contains(d)) {
                return d;
            }
        }
    }

    Finding reportsARefusedPort() {
        DatagramClientRun run = run(null, null);
        return Finding.require(run.exited() && run.exitCode() != 0 && !run.output().isBlank(),
                "with nothing bound on UDP port " + config.port() + " (ICMP port-unreachable), the client prints a message and exits"
                        + " non-zero within " + bound().toMillis() + " ms", describe(run, bound()), trace(run, bound()));
    }

    Finding givesUpOnASilentServer() {
        DatagramClientRun run = run(DatagramServeMode.SILENT, null);
        return Finding.require(run.exited() && run.exitCode() != 0 && run.server().requests() > 0,
                "against a server that receives every request and never replies, the client exits non-zero within "
                        + bound().toMillis() + " ms", describe(run, bound()), trace(run, bound()));
    }

    Finding printsTheGreetingItReceived() {
        return printsTheGreetingItReceived("answers every request with", (greeting, bound) -> stage.runAgainstDatagrams(
                new ServeUdp(config.port(), DatagramServeMode.GREET, greeting, null), bound));
    }
}
