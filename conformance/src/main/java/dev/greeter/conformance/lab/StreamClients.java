package dev.greeter.conformance.lab;

import dev.greeter.conformance.config.Bounds;
import dev.greeter.conformance.config.HarnessConfig;
import dev.greeter.conformance.config.HarnessException;
import dev.greeter.conformance.probe.ProbeReply;
import dev.greeter.conformance.probe.ProbeReply.ExchangeResult;
import dev.greeter.conformance.probe.ProbeRequest;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/**
 * TCP clients of a server under test, played by the probes: from the server's own namespace (the holder's probe,
 * aiming where the server listens) and from another container on the network (the lab's remote probe, by the
 * holder's network alias).
 */
public final class StreamClients {

    /** Added to every computed reply bound: the probe's own work, a loaded machine. */
    static final Duration REPLY_MARGIN = Duration.ofSeconds(60);

    private final ProbeContainer holder;
    private final HarnessConfig config;
    private final ServerSockets sockets;
    private final Supplier<ProbeContainer> remote;

    StreamClients(ProbeContainer holder, HarnessConfig config, ServerSockets sockets, Supplier<ProbeContainer> remote) {
        this.holder = holder;
        this.config = config;
        this.sockets = sockets;
        this.remote = remote;
    }

    private ProbeClient local() {
        return holder.client();
    }

    /** The server's name on the lab network, for a client in another container. */
    static String alias(ProbeContainer holder) {
        return holder.getNetworkAliases().get(holder.getNetworkAliases().size() - 1);
    }

    /** A client in another container on the network, connecting by the server's network alias; leaves once served. */
    public ExchangeResult fromAnotherContainer() {
        Bounds b = config.bounds();
        ProbeRequest.Exchange x = new ProbeRequest.Exchange(alias(holder), config.port(), (int) b.connect().toMillis(),
                (int) b.greeting().toMillis(), ProbeRequest.ClientAction.READ, new byte[0], true);
        return checked(remote.get().client().call(x, ExchangeResult.class, replyBound(1, x.connectTimeoutMs() + x.boundMs())));
    }

    /** As {@link #fromAnotherContainer}, to the server's IPv6 address on the lab network. */
    public ExchangeResult fromAnotherContainerOverIpv6() {
        Bounds b = config.bounds();
        ProbeRequest.Exchange x = new ProbeRequest.Exchange(ipv6Address(holder), config.port(), (int) b.connect().toMillis(),
                (int) b.greeting().toMillis(), ProbeRequest.ClientAction.READ, new byte[0], true);
        return checked(remote.get().client().call(x, ExchangeResult.class, replyBound(1, x.connectTimeoutMs() + x.boundMs())));
    }

    /** The server's IPv6 address on the lab network (its holder's). */
    static String ipv6Address(ProbeContainer holder) {
        return Ipv6Seal.address(holder);
    }

    /** A client that reads the whole greeting, to end of stream or the greeting bound. */
    public ExchangeResult exchange() {
        return exchange(ProbeRequest.ClientAction.READ, new byte[0], false);
    }

    /** A client that behaves as {@code action}; with {@code stopAtData} it leaves once served. */
    public ExchangeResult exchange(ProbeRequest.ClientAction action, byte[] sendFirst, boolean stopAtData) {
        return attempt(request(action, sendFirst, stopAtData));
    }

    /** One client as {@code x} describes it; a connection the probe itself could not make is a harness error. */
    public ExchangeResult attempt(ProbeRequest.Exchange x) {
        return checked(local().call(x, ExchangeResult.class, replyBound(1, x.connectTimeoutMs() + x.boundMs())));
    }

    /** An attempt given the hang bound to connect and to be served, reset or closed (rules 5.x). */
    public ProbeRequest.Exchange hangAttempt() {
        int hang = (int) config.bounds().hang().toMillis();
        return new ProbeRequest.Exchange(sockets.target(), config.port(), hang, hang, ProbeRequest.ClientAction.READ, new byte[0], true);
    }

    /**
     * How long to wait for the probe's reply to a request that makes {@code rounds} connections one after
     * another, each taking at most {@code eachMs}: the probe cannot answer sooner when the implementation
     * takes every bound to the full, and a slow implementation is a verdict, not a harness error.
     */
    static Duration replyBound(long rounds, long eachMs) {
        return Duration.ofMillis(rounds * eachMs).plus(REPLY_MARGIN);
    }

    /** A well-behaved client that leaves as soon as it is served. */
    public ExchangeResult serve() {
        return exchange(ProbeRequest.ClientAction.READ, new byte[0], true);
    }

    public ProbeReply.SeriesResult series(int times) {
        ProbeRequest.Exchange one = request(ProbeRequest.ClientAction.READ, new byte[0], true);
        ProbeReply.SeriesResult r = local().call(new ProbeRequest.Series(one, times), ProbeReply.SeriesResult.class,
                replyBound(times, one.connectTimeoutMs() + one.boundMs()));
        if (r.last() != null) {
            checked(r.last());
        }
        return r;
    }

    /** Misbehaving clients ({@link ProbeRequest.Burst}); a client the probe itself could not run is a harness error. */
    public ProbeReply.BurstResult burst(List<ProbeRequest.ClientAction> actions, byte[] sendFirst, int concurrency, long seed) {
        Bounds b = config.bounds();
        ProbeRequest.Burst burst = new ProbeRequest.Burst(sockets.target(), config.port(), (int) b.connect().toMillis(),
                (int) b.greeting().toMillis(), actions, sendFirst, concurrency, 5, seed);
        int rounds = (actions.size() + concurrency - 1) / concurrency;
        ProbeReply.BurstResult r = local().call(burst, ProbeReply.BurstResult.class,
                replyBound(rounds, burst.connectTimeoutMs() + burst.boundMs() + burst.momentMaxMs()));
        if (r.errors() > 0) {
            throw ImplementationObstructed.of("the probe could not run " + r.errors() + " of its misbehaving clients", r.firstError());
        }
        return r;
    }

    public ProbeRequest.Exchange request(ProbeRequest.ClientAction action, byte[] sendFirst, boolean stopAtData) {
        Bounds b = config.bounds();
        return new ProbeRequest.Exchange(sockets.target(), config.port(), (int) b.connect().toMillis(),
                (int) b.greeting().toMillis(), action, sendFirst, stopAtData);
    }

    /** A probe observation the probe itself could not make (not refused, not timed out: its own error) is a harness error. */
    static ExchangeResult checked(ExchangeResult r) {
        if (r.outcome() == ProbeReply.Outcome.ERROR) {
            throw ImplementationObstructed.of("the probe could not make a connection", r.error());
        }
        return r;
    }

    public ProbeReply.Opened open(int attempts, Duration connectTimeout) {
        return open(attempts, connectTimeout, new byte[0]);
    }

    /** As {@link #open(int, Duration)}, each connection sending {@code sendFirst} once connected (rule 2.4's client). */
    public ProbeReply.Opened open(int attempts, Duration connectTimeout, byte[] sendFirst) {
        ProbeReply.Opened r = local().call(new ProbeRequest.Open(sockets.target(), config.port(), (int) connectTimeout.toMillis(), attempts,
                        sendFirst), ProbeReply.Opened.class, replyBound(attempts, connectTimeout.toMillis()));
        if (r.attempts().contains(ProbeReply.Outcome.ERROR)) {
            throw new HarnessException("the probe could not make a connection attempt to port " + config.port());
        }
        return r;
    }

    /** An attempt that did not connect, for a check that reads one connection. */
    static ExchangeResult notConnected(ProbeReply.Outcome outcome, String when) {
        return new ExchangeResult(outcome, new byte[0], ProbeReply.End.NOT_CONNECTED, -1, -1, -1,
                List.of("connect " + when + ": " + outcome.name().toLowerCase(java.util.Locale.ROOT)), null);
    }

    /** Reads every held connection until it is served (or the bound runs out), then closes them. */
    public ProbeReply.Drained drain(Duration bound) {
        return drain(bound, true);
    }

    /** As {@link #drain(Duration)}; without {@code stopAtData} each is read to its end, as a polite client does. */
    ProbeReply.Drained drain(Duration bound, boolean stopAtData) {
        ProbeReply.Drained r = local().call(new ProbeRequest.Drain((int) bound.toMillis(), stopAtData), ProbeReply.Drained.class,
                replyBound(1, bound.toMillis()));
        r.results().forEach(StreamClients::checked);
        return r;
    }
}
