package dev.greeter.conformance.checks;

import static dev.greeter.conformance.run.Check.check;

import dev.greeter.conformance.lab.Lab;
import dev.greeter.conformance.probe.ProbeReply.ExchangeResult;
import dev.greeter.conformance.probe.ProbeReply;
import dev.greeter.conformance.run.Finding;
import dev.greeter.conformance.run.Results;
import dev.greeter.conformance.run.Section;
import dev.greeter.conformance.spec.Area;
import dev.greeter.conformance.spec.Rule;
import java.util.ArrayList;
import java.util.List;

final class ConcurrencyChecks extends ServerChecks {

    static final Section<ConcurrencyChecks> SECTION = Section.of(Area.CONCURRENCY, ConcurrencyChecks::new,
            check(Rule.R3_1, "servesClientsThatConnectWhileOthersAreConnected", ConcurrencyChecks::servesClientsThatConnectWhileOthersAreConnected),
            check(Rule.R3_2, "servesSuccessiveClients", ConcurrencyChecks::servesSuccessiveClients));

    static final int HOLDERS = 5;
    /** Clients past the descriptor limit the server runs with: a server leaking one per connection runs out. */
    static final int PAST_THE_LIMIT = 50;

    ConcurrencyChecks(Lab lab, Results results) {
        super(lab, results);
    }

    Finding servesClientsThatConnectWhileOthersAreConnected() {
        // One at a time, each taken off the accept queue before the next: the rule is about clients that stay
        // connected, not about a burst of arrivals (that is 4.2's). A server that never takes one is not
        // waited for again.
        long connected = 0;
        boolean taken = true;
        for (int i = 0; i < HOLDERS; i++) {
            connected += stage.clients().open(1, config.bounds().connect()).connected();
            taken = taken && stage.sockets().awaitQueueTaken(config.bounds().greeting());
        }
        ExchangeResult newcomer = stage.clients().serve();
        ProbeReply.Drained earlier = stage.clients().drain(config.bounds().greeting());
        long earlierServed = earlier.results().stream().filter(ExchangeResult::served).count();
        List<String> trace = new ArrayList<>();
        trace.add("probe opened " + connected + " of " + HOLDERS + " connections, one at a time, and keeps them open without closing"
                + (taken ? "" : " (the server left one in its accept queue for " + config.bounds().greeting().toMillis() + " ms)"));
        trace.add("then a new client connects:");
        trace.addAll(newcomer.trace());
        String expected = "a client that connects while " + HOLDERS + " earlier clients keep their connections open is served"
                + " within " + config.bounds().greeting().toMillis() + " ms, and so are the " + HOLDERS;
        String observed = "new client: " + Wire.describe(newcomer) + "; earlier clients served: " + earlierServed + " of "
                + connected;
        return Finding.require(connected == HOLDERS && newcomer.served() && earlierServed == HOLDERS,
                expected, observed, trace);
    }

    Finding servesSuccessiveClients() {
        int nofile = config.isolation().nofile();
        int successive = nofile + PAST_THE_LIMIT;
        ProbeReply.SeriesResult series = stage.clients().series(successive);
        String observed = series.completed() == successive
                ? successive + " of " + successive + " successive clients served"
                : "clients 1-" + series.completed() + " served; client " + (series.completed() + 1) + ": "
                        + Wire.describe(series.last()) + "; " + stage.server().describe();
        return Finding.require(series.completed() == successive, successive + " clients connecting one after another (the server's"
                        + " descriptor limit is " + nofile + ") are each served",
                observed, series.last() == null ? List.of() : series.last().trace());
    }
}
