package dev.greeter.conformance.lab;

import dev.greeter.conformance.probe.ProbeReply;
import dev.greeter.conformance.probe.ProbeReply.ExchangeResult;
import dev.greeter.conformance.probe.ProbeReply.UnixSocket;
import dev.greeter.conformance.probe.ProbeRequest;
import dev.greeter.conformance.config.HarnessConfig;
import dev.greeter.conformance.config.HarnessException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * A Unix-domain server under test: a {@link ServerStage} (the holder's network namespace, the server's
 * container and its life, {@link #server()}) whose holder shares the socket's directory with it.
 * Readiness and identity come from the kernel's socket diagnostics of that namespace (never /proc/net/unix's
 * text, which a socket's name can forge): a listening stream socket bound to the declared path whose socket
 * file is the one there, named by its inode.
 */
public final class UnixStage implements Stage {

    /** Added to the probe's own bound when waiting for its reply: its own work on a loaded machine. */
    private static final Duration REPLY_MARGIN = Duration.ofSeconds(60);

    private final ServerStage stage;
    private final HarnessConfig config;
    private final SocketWatch<UnixSocket> watch;

    UnixStage(ServerStage stage, HarnessConfig config) {
        this.stage = stage;
        this.config = config;
        this.watch = new SocketWatch<>(stage.server(), config.bounds().hang(), UnixSocket::inode);
    }

    /** The container of the server under test: its start, state and control. */
    public ServerUnderTest server() {
        return stage.server();
    }

    /** The probe inside the server's network namespace, with the socket's directory. */
    public ProbeClient local() {
        return stage.local();
    }

    /** The namespace's net.core.somaxconn, which caps a listen(2) backlog. */
    public int somaxconn() {
        return stage.sockets().somaxconn();
    }

    /** As {@link ServerStage#runOnce}: {@code image} once beside the server, sharing its namespace and socket directory. */
    public ClientStage.ClientRun runOnce(String image, java.util.List<String> args, Duration bound, java.util.function.BooleanSupplier seenEnough) {
        return stage.runOnce(image, args, bound, seenEnough);
    }

    public String path() {
        return config.path();
    }

    public ProbeReply.UnixSockets state() {
        return local().call(new ProbeRequest.UnixState(config.path()), ProbeReply.UnixSockets.class);
    }

    /** The listening stream socket bound to the declared path right now, if any. */
    public Optional<UnixSocket> listening() {
        return listeningIn(state());
    }

    private static Optional<UnixSocket> listeningIn(ProbeReply.UnixSockets state) {
        return state.sockets().stream().filter(UnixSocket::listening).reduce((first, later) -> later);
    }

    /** Waits up to the start-up bound for a listening socket on the path; empty if none came (or the server exited first). */
    public Optional<UnixSocket> awaitListening() {
        AtomicReference<UnixSocket> found = new AtomicReference<>();
        try {
            Awaitility.await().atMost(config.bounds().startup()).pollInterval(Duration.ofMillis(25))
                    .until(() -> {
                        listening().ifPresent(found::set);
                        return found.get() != null || !server().running();
                    });
        } catch (ConditionTimeoutException e) {
            return Optional.empty();
        }
        return Optional.ofNullable(found.get());
    }

    /** One polite client: reads the whole greeting, to the end of stream or the greeting bound. */
    public ExchangeResult exchange() {
        ProbeRequest.UnixExchange x = new ProbeRequest.UnixExchange(config.path(), (int) config.bounds().greeting().toMillis(), false);
        return checked(local().call(x, ExchangeResult.class, Duration.ofMillis(x.boundMs()).plus(REPLY_MARGIN)));
    }

    /** Non-blocking connects one after another, each connection held unread. */
    public ProbeReply.Opened open(int attempts) {
        return open(attempts, new byte[0]);
    }

    /** As {@link ServerStage#speakFirst}: sends {@code line} with the server frozen, then reads to the end once it resumes. */
    public ExchangeResult speakFirst(byte[] line) {
        ProbeReply.Opened opened;
        server().pause();
        try {
            opened = open(1, line);
        } finally {
            server().unpause();
        }
        if (opened.connected() == 0) {
            return StreamClients.notConnected(opened.attempts().get(0), "while the server was frozen");
        }
        return drain(config.bounds().greeting(), false).results().get(0);
    }

    private ProbeReply.Opened open(int attempts, byte[] sendFirst) {
        ProbeReply.Opened r = local().call(new ProbeRequest.UnixOpen(config.path(), attempts, sendFirst), ProbeReply.Opened.class);
        if (r.attempts().contains(ProbeReply.Outcome.ERROR)) {
            throw new HarnessException("the probe could not make a connection attempt to " + config.path());
        }
        return r;
    }

    /** Reads every held connection until it is served, within {@code bound} in all, then closes them. */
    public ProbeReply.Drained drain(Duration bound) {
        return drain(bound, true);
    }

    private ProbeReply.Drained drain(Duration bound, boolean stopAtData) {
        ProbeReply.Drained r = local().call(new ProbeRequest.UnixDrain((int) bound.toMillis(), stopAtData), ProbeReply.Drained.class,
                bound.plus(REPLY_MARGIN));
        r.results().forEach(UnixStage::checked);
        return r;
    }

    /** A connection the probe itself could not make (not refused, not a full queue) is a harness error. */
    private static ExchangeResult checked(ExchangeResult r) {
        if (r.outcome() == ProbeReply.Outcome.ERROR) {
            throw new HarnessException("the probe could not connect to the Unix-domain socket: " + r.error());
        }
        return r;
    }

    /** Watches this socket: {@link #brokeOff()} reports when it goes. */
    public void watch(UnixSocket socket) {
        watch.watch(socket);
    }

    /** Stops watching: the harness itself is about to stop or replace the server. */
    public void unwatch() {
        watch.unwatch();
    }

    /**
     * Whether the watched server broke off since it was last seen well: exited, or no longer listening on the
     * same socket at the path. Present: what happened, and the watch ends.
     */
    @Override
    public Optional<String> brokeOff() {
        return watch.brokeOff(() -> listening().stream().toList(), (was, now) -> now.isEmpty()
                ? "the server stopped listening on " + config.path() + " (was " + was + "); file there: "
                        + state().file().name().toLowerCase(java.util.Locale.ROOT)
                : "the server's listening socket on " + config.path() + " was replaced (was " + was + ", now " + now.get(0) + ")");
    }

    @Override
    public void distrust() {
        stage.distrust();
    }

    @Override
    public void close() {
        stage.close();
    }
}
