package dev.greeter.conformance.checks;

import static dev.greeter.conformance.run.Check.check;

import dev.greeter.conformance.lab.Lab;
import dev.greeter.conformance.probe.ProbeReply.ExchangeResult;
import dev.greeter.conformance.probe.ProbeReply.Listener;
import dev.greeter.conformance.probe.ProbeReply.Outcome;
import dev.greeter.conformance.run.Finding;
import dev.greeter.conformance.run.Observed;
import dev.greeter.conformance.run.Results;
import dev.greeter.conformance.run.Section;
import dev.greeter.conformance.spec.Area;
import dev.greeter.conformance.spec.Rule;
import java.util.List;
import java.util.Optional;

final class BindingChecks extends ServerChecks {

    static final Section<BindingChecks> SECTION = Section.of(Area.BINDING, BindingChecks::new,
            check(Rule.R1_1, "listensOnTheDeclaredPort", BindingChecks::listensOnTheDeclaredPort),
            check(Rule.R1_2, "listensOnAllInterfaces", BindingChecks::listensOnAllInterfaces),
            check(Rule.R1_3, "isReachableOverIpv6", BindingChecks::isReachableOverIpv6));

    private Optional<Listener> listener;

    BindingChecks(Lab lab, Results results) {
        super(lab, results);
    }

    @Override
    public void setUp() {
        // Binding is judged from the start, so a new server; watched from before it starts, as every TCP start is, so
        // that the areas it is handed on to have its start on record (5.1).
        closeStage();
        stage = lab.serverStage();
        stage.startWatchingThePort();
        listener = null;
    }

    private Optional<Listener> listener() {
        if (listener == null) {
            listener = stage.sockets().awaitListening();
            listener.ifPresent(stage.sockets()::watch);
        }
        return listener;
    }

    Finding listensOnTheDeclaredPort() {
        String expected = "a TCP socket in LISTEN state on port " + config.port() + " within "
                + config.bounds().startup().toSeconds() + " s of starting the server";
        Optional<Listener> found = listener();
        if (found.isPresent()) {
            return Finding.require(true, expected, "listening on " + found.get(), List.of());
        }
        List<Listener> elsewhere = stage.sockets().allListeners();
        String observed = "no LISTEN socket on port " + config.port()
                + (elsewhere.isEmpty() ? "" : "; listening instead on " + elsewhere)
                + "; " + stage.server().describe();
        return Finding.require(false, expected, Observed.withHints(observed, Hints.otherPort(elsewhere, config.port()),
                exitedAtOnce("TCP")), List.of());
    }

    Finding listensOnAllInterfaces() {
        String expected = "a listening socket on the wildcard address (0.0.0.0 or ::), and a client in another container"
                + " completes a connection to port " + config.port();
        Optional<Listener> found = listener();
        if (found.isEmpty()) {
            // Only when 1.1 was not selected: the runner skips 1.2 when 1.1 failed.
            return Finding.require(false, expected, "no LISTEN socket on port " + config.port() + "; " + stage.server().describe(), List.of());
        }
        Listener l = found.get();
        ExchangeResult fromAnotherContainer = stage.clients().fromAnotherContainer();
        String observed = "listening on " + l + BoundScope.of(l, fromAnotherContainer.outcome() == Outcome.REFUSED)
                + "; from another container: " + Wire.describe(fromAnotherContainer);
        // Reachability is the question here; whether the client is then served is for the greeting rules.
        return Finding.require(l.wildcard() && fromAnotherContainer.outcome() == Outcome.CONNECTED, expected, observed,
                fromAnotherContainer.trace());
    }

    Finding isReachableOverIpv6() {
        String expected = "a client in another container completes a connection to port " + config.port()
                + " at the server's IPv6 address on the lab network";
        Optional<Listener> found = listener();
        if (found.isEmpty()) {
            return Finding.require(false, expected, "no LISTEN socket on port " + config.port() + "; " + stage.server().describe(), List.of());
        }
        ExchangeResult overIpv6 = stage.clients().fromAnotherContainerOverIpv6();
        List<Listener> all = stage.sockets().allListeners().stream().filter(l -> l.port() == config.port()).toList();
        String observed = "listening on " + (all.isEmpty() ? List.of(found.get()) : all) + "; from another container to ["
                + stage.ipv6Address() + "]:" + config.port() + ": " + Wire.describe(overIpv6)
                + (all.stream().noneMatch(Listener::ipv6) ? " (an IPv4 socket only: bind :: with IPV6_V6ONLY off to take both)" : "");
        // Reachability is the question here; whether the client is then served is for the greeting rules.
        return Finding.require(overIpv6.outcome() == Outcome.CONNECTED, expected, observed, overIpv6.trace());
    }
}
