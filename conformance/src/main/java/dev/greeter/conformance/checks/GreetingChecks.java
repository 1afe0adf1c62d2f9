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

/** One connection, read to its end while sending nothing, judged three ways. */
final class GreetingChecks extends ServerChecks {

    static final Section<GreetingChecks> SECTION = Section.of(Area.GREETING, GreetingChecks::new,
            check(Rule.R2_1, "greetsUnprompted", GreetingChecks::greetsUnprompted),
            check(Rule.R2_2, "sendsExactlyTheGreeting", GreetingChecks::sendsExactlyTheGreeting),
            check(Rule.R2_3, "closesInOrder", GreetingChecks::closesInOrder));

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
}
