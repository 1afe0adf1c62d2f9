package dev.greeter.conformance.checks;

import dev.greeter.conformance.lab.Lab;
import dev.greeter.conformance.probe.ProbeReply.End;
import dev.greeter.conformance.probe.ProbeReply.ExchangeResult;
import dev.greeter.conformance.run.Finding;
import dev.greeter.conformance.run.Results;
import java.util.Arrays;

/** One connection, read to its end while sending nothing, judged three ways. */
public final class GreetingChecks extends ServerChecks {

    private ExchangeResult exchange;

    public GreetingChecks(Lab lab, Results results) {
        super(lab, results);
    }

    @Override
    public void setUp() {
        exchange = null;
        super.setUp();
    }

    private ExchangeResult exchange() {
        if (exchange == null) {
            exchange = stage.exchange();
        }
        return exchange;
    }

    private long greetingMillis() {
        return config.bounds().greeting().toMillis();
    }

    public Finding required_spec201_greetsUnprompted() {
        ExchangeResult r = exchange();
        return Finding.require(r.served() && r.firstByteMillis() <= greetingMillis(),
                "the first bytes of the greeting within " + greetingMillis() + " ms of connecting, the client sending nothing",
                Wire.describe(r), r.trace());
    }

    public Finding required_spec202_sendsExactlyTheGreeting() {
        ExchangeResult r = exchange();
        byte[] expected = config.greetingBytes();
        String observed = Wire.describe(r);
        if (r.end() == End.BOUND && r.received().length < expected.length) {
            observed += " (incomplete)";
        }
        return Finding.require(Arrays.equals(r.received(), expected), "exactly " + Wire.bytes(expected) + " before the close",
                observed, r.trace());
    }

    public Finding required_spec203_closesInOrder() {
        ExchangeResult r = exchange();
        return Finding.require(r.end() == End.FIN, "an orderly close (FIN) within " + greetingMillis() + " ms of connecting",
                Wire.describe(r), r.trace());
    }
}
