package dev.greeter.conformance.checks;

import static dev.greeter.conformance.run.Check.check;

import dev.greeter.conformance.lab.Lab;
import dev.greeter.conformance.probe.ProbeReply.End;
import dev.greeter.conformance.probe.ProbeReply.ExchangeResult;
import dev.greeter.conformance.run.Finding;
import dev.greeter.conformance.run.Results;
import dev.greeter.conformance.run.Section;
import dev.greeter.conformance.spec.Area;
import dev.greeter.conformance.spec.Rule;
import java.util.Arrays;

/** One connection, read to its end while sending nothing, judged three ways; and one that speaks first (2.4). */
final class GreetingChecks extends ServerChecks {

    static final Section<GreetingChecks> SECTION = Section.of(Area.GREETING, GreetingChecks::new,
            check(Rule.R2_1, "greetsUnprompted", GreetingChecks::greetsUnprompted),
            check(Rule.R2_2, "sendsExactlyTheGreeting", GreetingChecks::sendsExactlyTheGreeting),
            check(Rule.R2_3, "closesInOrder", GreetingChecks::closesInOrder),
            check(Rule.R2_4, "lingersForAClientThatSpeaksFirst", GreetingChecks::lingersForAClientThatSpeaksFirst));

    /** What the client of 2.4 and 10.8 sends before reading: a line, as telnet's user or an HTTP client sends one. */
    static final byte[] SPOKEN_LINE = "HELLO SERVER\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private ExchangeResult exchange;

    GreetingChecks(Lab lab, Results results) {
        super(lab, results);
    }

    @Override
    public void setUp() {
        exchange = null;
        super.setUp();
    }

    private ExchangeResult exchange() {
        if (exchange == null) {
            exchange = stage.clients().exchange();
        }
        return exchange;
    }

    private long greetingMillis() {
        return config.bounds().greeting().toMillis();
    }

    Finding greetsUnprompted() {
        ExchangeResult r = exchange();
        return Finding.require(r.served() && r.firstByteMillis() <= greetingMillis(),
                "the first bytes of the greeting within " + greetingMillis() + " ms of connecting, the client sending nothing",
                Wire.describe(r), r.trace());
    }

    Finding sendsExactlyTheGreeting() {
        ExchangeResult r = exchange();
        byte[] expected = config.greetingBytes();
        String observed = Wire.describe(r);
        if (r.end() == End.BOUND && r.received().length < expected.length) {
            observed += " (incomplete)";
        }
        return Finding.require(Arrays.equals(r.received(), expected), "exactly " + Wire.bytes(expected) + " before the close",
                observed, r.trace());
    }

    Finding closesInOrder() {
        ExchangeResult r = exchange();
        return Finding.require(r.end() == End.FIN, "an orderly close (FIN) within " + greetingMillis() + " ms of connecting",
                Wire.describe(r), r.trace());
    }

    Finding lingersForAClientThatSpeaksFirst() {
        ExchangeResult r = stage.speakFirst(SPOKEN_LINE);
        return speakingClientFinding(r, config.greetingBytes(), greetingMillis(), "FIN");
    }

    /** 2.4 and 10.8: the whole greeting, then an orderly close, for a client whose line waited unread. */
    static Finding speakingClientFinding(ExchangeResult r, byte[] greeting, long boundMillis, String orderlyClose) {
        String observed = Wire.describe(r);
        if (r.end() == End.RST) {
            observed += "\nthe server closed with the client's line unread, and Linux answers such a close with a reset: the"
                    + " client reads ECONNRESET where the end of stream should be, and loses whatever of the greeting was not"
                    + " yet delivered";
        }
        return Finding.require(Arrays.equals(r.received(), greeting) && r.end() == End.FIN,
                "a client that sent " + Wire.bytes(SPOKEN_LINE) + " before the server accepted (the server frozen meanwhile), then"
                        + " reads, receives exactly " + Wire.bytes(greeting) + " and an orderly close (" + orderlyClose
                        + ", not a reset) within " + boundMillis + " ms of the server resuming",
                observed, frozenThenRead(r));
    }

    private static java.util.List<String> frozenThenRead(ExchangeResult r) {
        java.util.List<String> trace = new java.util.ArrayList<>();
        trace.add("server container paused (frozen) while the client connects and sends its line; resumed before it reads");
        trace.addAll(r.trace());
        return trace;
    }
}
