package dev.greeter.conformance.checks;

import dev.greeter.conformance.lab.Lab;
import dev.greeter.conformance.probe.ProbeReply.ExchangeResult;
import dev.greeter.conformance.probe.ProbeReply.Listener;
import dev.greeter.conformance.probe.ProbeReply.Outcome;
import dev.greeter.conformance.probe.ProbeRequest;
import dev.greeter.conformance.run.Finding;
import dev.greeter.conformance.run.Results;
import dev.greeter.conformance.run.Skip;
import java.util.List;
import java.util.Optional;

public final class BindingChecks extends ServerChecks {

    private Optional<Listener> listener;

    public BindingChecks(Lab lab, Results results) {
        super(lab, results);
    }

    @Override
    public void open() {
        // Binding is what is judged here, so start without waiting for it.
        stage = lab.serverStage();
        stage.startServer();
    }

    private Optional<Listener> listener() {
        if (listener == null) {
            listener = stage.awaitListening();
        }
        return listener;
    }

    public Finding required_spec101_listensOnTheDeclaredPort() {
        String expected = "a TCP socket in LISTEN state on port " + config.port() + " within "
                + config.bounds().startup().toSeconds() + " s of starting the server";
        Optional<Listener> found = listener();
        if (found.isPresent()) {
            return Finding.require(true, expected, "listening on " + found.get(), List.of());
        }
        List<Listener> elsewhere = stage.allListeners();
        String observed = "no LISTEN socket on port " + config.port()
                + (elsewhere.isEmpty() ? "" : "; listening instead on " + elsewhere)
                + "; " + stage.describe();
        return Finding.require(false, expected, observed, List.of());
    }

    public Finding required_spec102_listensOnAllInterfaces() {
        Listener l = listener().orElseThrow(() -> new Skip("no LISTEN socket (see 1.1)"));
        ExchangeResult fromAnotherContainer = stage.remote().call(new ProbeRequest.Exchange(stage.remoteTarget(),
                config.port(), (int) config.bounds().connect().toMillis(), (int) config.bounds().greeting().toMillis(),
                ProbeRequest.ClientAction.READ, new byte[0], true), ExchangeResult.class);
        String expected = "a listening socket on the wildcard address (0.0.0.0 or ::), and a client in another container"
                + " completes a connection to port " + config.port();
        String observed = "listening on " + l + (l.wildcard() ? "" : l.address().startsWith("127.") || l.address().equals("::1")
                ? " (loopback only)" : " (one interface only)") + "; from another container: " + Wire.describe(fromAnotherContainer);
        // Reachability is the question here; whether the client is then served is for the greeting rules.
        return Finding.require(l.wildcard() && fromAnotherContainer.outcome() == Outcome.CONNECTED, expected, observed,
                fromAnotherContainer.trace());
    }
}
