package dev.greeter.conformance.checks;

import static dev.greeter.conformance.run.Check.check;

import dev.greeter.conformance.lab.Lab;
import dev.greeter.conformance.probe.ProbeReply.BurstResult;
import dev.greeter.conformance.probe.ProbeReply.ExchangeResult;
import dev.greeter.conformance.probe.ProbeRequest.ClientAction;
import dev.greeter.conformance.run.Finding;
import dev.greeter.conformance.run.Results;
import dev.greeter.conformance.run.Section;
import dev.greeter.conformance.spec.Area;
import dev.greeter.conformance.spec.Rule;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Misbehaving clients, many and with varied timing, then a well-behaved one that must be served, by
 * the same server process on the same listening socket (the runner checks that after every rule).
 *
 * <p>A server that dies on a fraction of such clients dies at a random one; a few clients would miss
 * it. Each rule sends {@value #PER_TIMING} clients of each of its three timings, interleaved, up to
 * {@value #MOST_AT_ONCE} at a time (so some leave while others still wait in the accept queue): 150
 * in all. A server that dies on 1 in 10 of them survives them all with probability 0.9^150 {@literal <} 10^-6;
 * on 1 in 20 of them, 0.95^150 {@literal <} 10^-3. Against a correct server the burst takes well under a second.
 */
final class RobustnessChecks extends ServerChecks {

    static final Section<RobustnessChecks> SECTION = Section.of(Area.ROBUSTNESS, RobustnessChecks::new,
            check(Rule.R6_1, "survivesClientsThatReset", RobustnessChecks::survivesClientsThatReset),
            check(Rule.R6_2, "survivesClientsThatCloseEarly", RobustnessChecks::survivesClientsThatCloseEarly),
            check(Rule.R6_3, "survivesClientsThatSendDataFirst", RobustnessChecks::survivesClientsThatSendDataFirst),
            check(Rule.R6_4, "staysUp", RobustnessChecks::staysUp));

    static final int PER_TIMING = 50;
    static final int MOST_AT_ONCE = 4;
    static final byte[] CHATTER = "HELLO SERVER\r\nI talk first.\r\n".getBytes(StandardCharsets.US_ASCII);

    private final SecureRandom seeds = new SecureRandom();

    RobustnessChecks(Lab lab, Results results) {
        super(lab, results);
    }

    private Finding survives(List<ClientAction> timings, String misbehaviour) {
        List<ClientAction> actions = new ArrayList<>();
        for (int i = 0; i < PER_TIMING * timings.size(); i++) {
            actions.add(timings.get(i % timings.size()));
        }
        // Never more at once than the declared queue holds, so their handshakes are not dropped and retried.
        int atOnce = Math.max(1, Math.min(MOST_AT_ONCE, config.backlog() + 1));
        long seed = seeds.nextLong();
        BurstResult burst = stage.clients().burst(actions, CHATTER, atOnce, seed);
        // Clients that left at once may still wait in the accept queue: a slow server gets to them first.
        stage.sockets().awaitQueueTaken(config.bounds().drain(config.backlog() + 1));
        ExchangeResult next = stage.clients().serve();
        List<String> trace = new ArrayList<>();
        String clients = actions.size() + " misbehaving clients, " + atOnce + " at a time (timing seed " + seed + "): "
                + burst.connected() + " connected, " + burst.refused() + " refused, " + burst.timedOut() + " timed out";
        trace.add(clients);
        trace.addAll(burst.trace());
        trace.add("then the next client:");
        trace.addAll(next.trace());
        return Finding.require(next.served(), "after " + actions.size() + " clients that " + misbehaviour + ", up to " + atOnce
                        + " at a time, the server still runs on the same listening socket and the next client is served",
                clients + "; next client: " + Wire.describe(next) + (next.served() ? "" : "; " + stage.server().describe()), trace);
    }

    Finding survivesClientsThatReset() {
        return survives(List.of(ClientAction.RESET_AT_ONCE, ClientAction.RESET_AFTER_A_MOMENT, ClientAction.RESET_AFTER_FIRST_BYTES),
                "reset (RST) at once, a moment after connecting, or after the first bytes of the greeting");
    }

    Finding survivesClientsThatCloseEarly() {
        return survives(List.of(ClientAction.CLOSE_AT_ONCE, ClientAction.CLOSE_AFTER_A_MOMENT, ClientAction.CLOSE_AFTER_FIRST_BYTES),
                "close (FIN) at once, a moment after connecting, or half-way through the greeting");
    }

    Finding survivesClientsThatSendDataFirst() {
        return survives(List.of(ClientAction.SEND_THEN_READ, ClientAction.SEND_THEN_CLOSE, ClientAction.SEND_THEN_RESET),
                "send " + CHATTER.length + " bytes first, then read, close or reset");
    }

    Finding staysUp() {
        Duration bound = config.bounds().stayUp();
        String expected = "the server that started listening at the start of this area (or after a failed rule) is, "
                + bound.toMillis() + " ms later, still running on the same listening socket, and serves the next client";
        // Watched while the time passes, so an exit is reported when it happens, not only at the end.
        try {
            Awaitility.await().atMost(bound.plusSeconds(1)).pollInterval(Duration.ofMillis(200))
                    .until(() -> stage.sockets().listeningFor().compareTo(bound) >= 0 || !stage.sockets().stillUp());
        } catch (ConditionTimeoutException e) {
            // A slow engine answered the last look late; the look below decides.
        }
        long listenedMillis = stage.sockets().listeningFor().toMillis();
        Optional<String> broke = stage.brokeOff();
        if (broke.isPresent()) {
            return Finding.require(false, expected, "within " + listenedMillis + " ms of listening, " + broke.get(),
                    List.of("server listening since +0 ms", "+" + listenedMillis + " ms: " + broke.get()));
        }
        ExchangeResult next = stage.clients().serve();
        return Finding.require(next.served(), expected, "still listening on the same socket after " + listenedMillis
                + " ms; next client: " + Wire.describe(next), next.trace());
    }
}
