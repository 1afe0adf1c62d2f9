package dev.greeter.conformance.lab;

import com.github.dockerjava.api.command.InspectContainerResponse.ContainerState;
import dev.greeter.conformance.probe.ProbeReply;
import dev.greeter.conformance.probe.ProbeReply.ExchangeResult;
import dev.greeter.conformance.probe.ProbeReply.Listener;
import dev.greeter.conformance.probe.ProbeReply.Listeners;
import dev.greeter.conformance.probe.ProbeRequest;
import dev.greeter.conformance.config.Bounds;
import dev.greeter.conformance.config.HarnessConfig;
import dev.greeter.conformance.config.HarnessException;
import dev.greeter.conformance.spec.Transport;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.output.OutputFrame;

/**
 * One server under test in the network namespace of its own probe (the holder), seen through that probe:
 * its sockets, its readiness, and the clients and datagrams sent to it. The holder owns the namespace, so
 * the port can be watched before the server starts and after it exits, and a restarted server never meets
 * the previous one's TIME_WAIT sockets. The server's container itself is {@link #server()}.
 */
public final class ServerStage implements Stage {

    static final String DOCKER_DNS = "127.0.0.11";
    /** Added to every computed reply bound: the probe's own work, a loaded machine. */
    private static final Duration REPLY_MARGIN = Duration.ofSeconds(60);

    private final Lab lab;
    private final HarnessConfig config;
    private final ProbeContainer holder;
    /** TCP: the server's socket is a LISTEN one (/proc/net/tcp); UDP: a bound, unconnected one (/proc/net/udp). */
    private final Transport transport;
    private final ServerUnderTest server;
    private Listener listener;
    /** The listening socket the server is expected to keep; null while nothing is watched. */
    private Listener watched;
    private long listeningSinceNanos;

    ServerStage(Lab lab, ProbeContainer holder, Transport transport) {
        this.lab = lab;
        this.config = lab.config();
        this.holder = holder;
        this.transport = transport;
        this.server = new ServerUnderTest(lab, holder, this::forgetSeen);
    }

    /** The container of the server under test: its start, state and control. */
    public ServerUnderTest server() {
        return server;
    }

    /** The probe inside the server's network namespace. */
    public ProbeClient local() {
        return holder.client();
    }

    /** A client in another container on the network, connecting by the server's network alias; leaves once served. */
    public ExchangeResult fromAnotherContainer() {
        Bounds b = config.bounds();
        ProbeRequest.Exchange x = new ProbeRequest.Exchange(remoteTarget(), config.port(), (int) b.connect().toMillis(),
                (int) b.greeting().toMillis(), ProbeRequest.ClientAction.READ, new byte[0], true);
        return checked(lab.remote().client().call(x, ExchangeResult.class, replyBound(1, x.connectTimeoutMs() + x.boundMs())));
    }

    /** As {@link #fromAnotherContainer}, to the server's IPv6 address on the lab network. */
    public ExchangeResult fromAnotherContainerOverIpv6() {
        Bounds b = config.bounds();
        ProbeRequest.Exchange x = new ProbeRequest.Exchange(ipv6Target(), config.port(), (int) b.connect().toMillis(),
                (int) b.greeting().toMillis(), ProbeRequest.ClientAction.READ, new byte[0], true);
        return checked(lab.remote().client().call(x, ExchangeResult.class, replyBound(1, x.connectTimeoutMs() + x.boundMs())));
    }

    /** UDP: as {@link #datagramsFromAnotherContainer}, to the server's IPv6 address on the lab network. */
    public ProbeReply.UdpRoundResult datagramsFromAnotherContainerOverIpv6(List<ProbeRequest.UdpPeer> peers, int boundMs, int settleMs) {
        return checked(lab.remote().client().call(new ProbeRequest.UdpRound(ipv6Target(), config.port(), peers, boundMs, settleMs,
                seed()), ProbeReply.UdpRoundResult.class, replyBound(1, boundMs + settleMs)));
    }

    /** The server's IPv6 address on the lab network (its holder's). */
    public String ipv6Target() {
        return Ipv6Seal.address(holder);
    }

    /**
     * UDP: the probe in the server's namespace sends {@code peers} to where the server is bound and reads
     * what comes back ({@link ProbeRequest.UdpRound}); {@code boundMs} bounds the wait for replies.
     */
    public ProbeReply.UdpRoundResult datagrams(List<ProbeRequest.UdpPeer> peers, int boundMs, int settleMs) {
        return checked(local().call(new ProbeRequest.UdpRound(target(), config.port(), peers, boundMs, settleMs, seed()),
                ProbeReply.UdpRoundResult.class, replyBound(1, boundMs + settleMs)));
    }

    /** UDP: as {@link #datagrams}, from another container on the network, to the server's network alias. */
    public ProbeReply.UdpRoundResult datagramsFromAnotherContainer(List<ProbeRequest.UdpPeer> peers, int boundMs, int settleMs) {
        return checked(lab.remote().client().call(new ProbeRequest.UdpRound(remoteTarget(), config.port(), peers, boundMs, settleMs,
                seed()), ProbeReply.UdpRoundResult.class, replyBound(1, boundMs + settleMs)));
    }

    /** UDP: {@code peers} send (to where the server is bound) and keep their sockets open for {@link #collectDatagrams}. */
    public void sendDatagrams(List<ProbeRequest.UdpPeer> peers) {
        local().call(new ProbeRequest.UdpSend(target(), config.port(), peers, seed()), ProbeReply.Done.class);
    }

    /** UDP: reads the sockets of the last {@link #sendDatagrams}, as {@link #datagrams} does after its sends. */
    public ProbeReply.UdpRoundResult collectDatagrams(int boundMs, int settleMs) {
        return checked(local().call(new ProbeRequest.UdpCollect(boundMs, settleMs), ProbeReply.UdpRoundResult.class,
                replyBound(1, boundMs + settleMs)));
    }

    private final java.util.Random seeds = new java.security.SecureRandom();

    private long seed() {
        return seeds.nextLong();
    }

    /** A peer the probe itself could not run (not refused, not silent: its own error) is a harness error. */
    private static ProbeReply.UdpRoundResult checked(ProbeReply.UdpRoundResult r) {
        r.peers().stream().filter(p -> p.error() != null).findFirst().ifPresent(p -> {
            throw new HarnessException("the probe could not run a UDP peer: " + p.error());
        });
        return r;
    }

    /**
     * Interop: runs the client image of this lab's configuration once in the server's network namespace
     * (so a client hard-wired to 127.0.0.1 reaches it), and waits at most {@code bound} for it to exit.
     */
    public ClientStage.ClientRun runClient(Duration bound) {
        return runOnce(config.clientImage().orElseThrow(), config.clientArgs(), bound, () -> false);
    }

    /**
     * Runs {@code image} with {@code args} once in the server's namespace (and its socket directory, if it
     * has one) beside the server, and waits at most {@code bound} for it to exit, or until {@code seenEnough}
     * (the verdict is given already); removed before returning.
     */
    public ClientStage.ClientRun runOnce(String image, List<String> args, Duration bound, java.util.function.BooleanSupplier seenEnough) {
        GenericContainer<?> other = Containers.implementation(image, holder, config, args);
        lab.startImplementation(other);
        long start = System.nanoTime();
        try {
            boolean exited = ContainerExit.await(other.getContainerId(), bound, seenEnough);
            ContainerState state = Containers.state(other.getContainerId());
            RunTime time = RunTime.of(exited, state, start);
            return new ClientStage.ClientRun(exited, exited ? state.getExitCodeLong() : null, time.millis(), time.approximate(),
                    other.getLogs(OutputFrame.OutputType.STDOUT), other.getLogs(OutputFrame.OutputType.STDERR), null);
        } finally {
            lab.removeNow(other);
        }
    }

    /** A new server took the old one's place ({@link ServerUnderTest#startAnew()}): nothing seen of the old one is kept. */
    private void forgetSeen() {
        listener = null;
        watched = null;
        listeningSinceNanos = 0;
    }

    public List<Listener> listeners() {
        return sockets(config.port());
    }

    private List<Listener> sockets(int port) {
        ProbeRequest ask = transport == Transport.UDP ? new ProbeRequest.UdpState(port) : new ProbeRequest.ListenState(port);
        return local().call(ask, Listeners.class).sockets().stream().filter(l -> !l.address().equals(DOCKER_DNS)).toList();
    }

    /**
     * Every LISTEN socket in the namespace, on any port: to say where a server listens instead. Docker's
     * embedded DNS server listens on 127.0.0.11 in every namespace of a user-defined network; it is the
     * engine's, not the implementation's, so it is left out.
     */
    public List<Listener> allListeners() {
        return sockets(-1);
    }

    /**
     * Every TCP LISTEN socket in the namespace, whatever this stage's transport: a UDP server judged that listens
     * on TCP instead was started for TCP, which a failed observation can say.
     */
    public List<Listener> tcpListeners() {
        return local().call(new ProbeRequest.ListenState(-1), Listeners.class).sockets().stream()
                .filter(l -> !l.address().equals(DOCKER_DNS)).toList();
    }

    public int somaxconn() {
        return local().call(new ProbeRequest.ListenState(config.port()), Listeners.class).somaxconn();
    }

    /** Waits for a LISTEN socket on the declared port; empty if none appeared within the start-up bound. */
    public Optional<Listener> awaitListening() {
        AtomicReference<Listener> found = new AtomicReference<>();
        try {
            Awaitility.await().atMost(config.bounds().startup()).pollInterval(Duration.ofMillis(25))
                    .until(() -> {
                        List<Listener> now = listeners();
                        if (!now.isEmpty()) {
                            found.set(now.stream().filter(Listener::wildcard).findFirst().orElse(now.get(0)));
                            return true;
                        }
                        return !server.running();
                    });
        } catch (ConditionTimeoutException e) {
            return Optional.empty();
        }
        listener = found.get();
        if (listener != null && listeningSinceNanos == 0) {
            listeningSinceNanos = System.nanoTime();
        }
        return Optional.ofNullable(listener);
    }

    /** How long the server has been listening, as first seen by {@link #awaitListening()}. */
    public Duration listeningFor() {
        return listeningSinceNanos == 0 ? Duration.ZERO : Duration.ofNanos(System.nanoTime() - listeningSinceNanos);
    }

    /** Whether a server became ready to be judged, and if not, what it did instead, in the report's words. */
    public record Readiness(boolean ready, String account) {
    }

    /**
     * Waits until the server listens and takes connections off its accept queue, seen from outside: a
     * warm-up connection leaves the queue (/proc/net/tcp's count drops to 0). This says the server is
     * in its accept loop without asking it to send anything, so a server that never greets unprompted
     * is still "ready" and fails the greeting rules, not these waits. The warm-up client then reads until
     * served (or the greeting bound) and closes, as a polite client would. A server that exits or stops
     * listening over its warm-up connection is not ready, and the account says so; otherwise its
     * listening socket is watched from here on ({@link #brokeOff()}).
     */
    public Readiness awaitAccepting() {
        Optional<Listener> listening = awaitListening();
        if (listening.isEmpty()) {
            return new Readiness(false, "no LISTEN socket on port " + config.port() + " within "
                    + config.bounds().startup().toMillis() + " ms of starting the server; " + server.describe());
        }
        ProbeReply.Opened warmUp = open(1, config.bounds().connect());
        boolean leftTheQueue;
        try {
            Awaitility.await().atMost(config.bounds().startup()).pollInterval(Duration.ofMillis(20))
                    .until(() -> listeners().stream().mapToInt(Listener::queued).sum() == 0 || !server.running());
            leftTheQueue = true;
        } catch (ConditionTimeoutException e) {
            leftTheQueue = false;
        }
        // Read to the end, as a polite client does: leaving half-way would be a misbehaving client, which is
        // for the robustness rules to send, not the harness's readiness check.
        ProbeReply.Drained drained = drain(config.bounds().greeting(), false);
        if (!leftTheQueue) {
            return new Readiness(false, "listening on " + listening.get() + ", but no connection left its accept queue within "
                    + config.bounds().startup().toMillis() + " ms (the server accepts nothing); " + server.describe());
        }
        if (warmUp.connected() != 1) {
            return new Readiness(false, "listening on " + listening.get() + ", but a warm-up connection was "
                    + warmUp.attempts().get(0).name().toLowerCase(java.util.Locale.ROOT) + "; " + server.describe());
        }
        watched = listening.get();
        Optional<String> broke = brokeOff();
        if (broke.isPresent()) {
            String served = drained.results().stream().anyMatch(ExchangeResult::served) ? "serving" : "taking";
            return new Readiness(false, "after " + served + " one warm-up connection, " + broke.get());
        }
        return new Readiness(true, "listening on " + watched + " and accepting");
    }

    /** Watches the listening socket the server has now: {@link #brokeOff()} reports when it goes. */
    public void watch(Listener socket) {
        watched = socket;
    }

    /** Whether the watched server is, right now, running on the socket it was watched on (nothing is consumed). */
    public boolean stillUp() {
        Listener w = watched;
        return w != null && server.running() && listeners().stream().anyMatch(l -> l.inode() == w.inode());
    }

    /**
     * Waits up to {@code bound} for the server to take every queued connection off its accept queue (or to
     * break off). Misbehaving clients leave before the server reaches their connections; a slow but
     * correct server must get through them before the next client can be asked of it. False if the bound
     * ran out first.
     */
    public boolean awaitQueueTaken(Duration bound) {
        try {
            Awaitility.await().atMost(bound).pollInterval(Duration.ofMillis(10))
                    .until(() -> listeners().stream().mapToInt(Listener::queued).sum() == 0 || !stillUp());
            return true;
        } catch (ConditionTimeoutException e) {
            // Still busy: the next client is the judge, and it is given its own bounds.
            return false;
        }
    }

    /** Stops watching: the harness itself is about to stop the server. */
    public void unwatch() {
        watched = null;
    }

    /**
     * Whether the watched server broke off since it was last seen well: exited, stopped listening, or
     * listened anew on another socket (restarted). Present: what happened, and the watch ends. The kernel
     * shows a dead server's socket gone before the engine reports the exit, so a missing socket waits a
     * moment for the engine, to name the exit status.
     */
    @Override
    public Optional<String> brokeOff() {
        if (watched == null) {
            return Optional.empty();
        }
        List<Listener> now = listeners();
        boolean same = now.stream().anyMatch(l -> l.inode() == watched.inode());
        if (same && server.running()) {
            return Optional.empty();
        }
        if (!same && server.running()) {
            server.awaitExit(config.bounds().hang());
        }
        Listener was = watched;
        watched = null;
        if (!server.running()) {
            return Optional.of(server.describe());
        }
        List<Listener> current = listeners();
        if (current.isEmpty()) {
            return Optional.of(transport == Transport.UDP
                    ? "the server closed its UDP socket on port " + config.port() + " (was " + was + "); " + server.describe()
                    : "the server stopped listening on port " + config.port() + " (was " + was + "); " + server.describe());
        }
        return Optional.of(transport == Transport.UDP
                ? "the server's UDP socket was replaced (socket " + was.inode() + " closed, now " + current.get(0) + " as socket "
                        + current.get(0).inode() + "): it closed its socket and bound anew, as a restarted server does"
                : "the server's listening socket was replaced (socket " + was.inode() + " closed, now " + current.get(0)
                + " as socket " + current.get(0).inode() + "): it stopped listening and listened anew, as a restarted server does");
    }

    /**
     * Where a client in this namespace reaches the server: wherever it actually listens. A wildcard listener, `::` as
     * much as `0.0.0.0`, is reached over IPv4 loopback: every server takes that (a dual-stack `::` listener as mapped
     * addresses), where only a `::` one takes {@code ::1}. (A v6-only one cannot be reached here, and fails the rule
     * under way as refused; 1.2 says why.)
     */
    public String target() {
        if (listener == null || listener.wildcard()) {
            return "127.0.0.1";
        }
        String address = listener.address();
        return address.startsWith("::ffff:") && address.indexOf('.') > 0 ? address.substring("::ffff:".length()) : address;
    }

    /** The server's name on the lab network, for a client in another container. */
    private String remoteTarget() {
        return holder.getNetworkAliases().get(holder.getNetworkAliases().size() - 1);
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

    /**
     * How long to wait for the probe's reply to a request that makes {@code rounds} connections one after
     * another, each taking at most {@code eachMs}: the probe cannot answer sooner when the implementation
     * takes every bound to the full, and a slow implementation is a verdict, not a harness error.
     */
    private static Duration replyBound(long rounds, long eachMs) {
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
        ProbeRequest.Burst burst = new ProbeRequest.Burst(target(), config.port(), (int) b.connect().toMillis(),
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
        return new ProbeRequest.Exchange(target(), config.port(), (int) b.connect().toMillis(),
                (int) b.greeting().toMillis(), action, sendFirst, stopAtData);
    }

    /** A probe observation the probe itself could not make (not refused, not timed out: its own error) is a harness error. */
    private static ExchangeResult checked(ExchangeResult r) {
        if (r.outcome() == ProbeReply.Outcome.ERROR) {
            throw ImplementationObstructed.of("the probe could not make a connection", r.error());
        }
        return r;
    }

    public ProbeReply.Opened open(int attempts, Duration connectTimeout) {
        ProbeReply.Opened r = local().call(new ProbeRequest.Open(target(), config.port(), (int) connectTimeout.toMillis(), attempts),
                ProbeReply.Opened.class, replyBound(attempts, connectTimeout.toMillis()));
        if (r.attempts().contains(ProbeReply.Outcome.ERROR)) {
            throw new HarnessException("the probe could not make a connection attempt to port " + config.port());
        }
        return r;
    }

    /** Reads every held connection until it is served (or the bound runs out), then closes them. */
    public ProbeReply.Drained drain(Duration bound) {
        return drain(bound, true);
    }

    private ProbeReply.Drained drain(Duration bound, boolean stopAtData) {
        ProbeReply.Drained r = local().call(new ProbeRequest.Drain((int) bound.toMillis(), stopAtData), ProbeReply.Drained.class,
                replyBound(1, bound.toMillis()));
        r.results().forEach(ServerStage::checked);
        return r;
    }

    private boolean distrusted;

    @Override
    public void distrust() {
        distrusted = true;
    }

    /**
     * Removes the server at once (it shares the holder's namespace), then gives the holder back to the lab, which hands
     * it on only if it can clear it ({@link Lab#release}) and nothing went wrong in the harness here.
     */
    @Override
    public void close() {
        boolean serverGone = server.remove();
        lab.release(holder, serverGone && !distrusted);
    }
}
