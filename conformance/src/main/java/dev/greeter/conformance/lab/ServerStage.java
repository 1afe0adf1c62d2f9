package dev.greeter.conformance.lab;

import com.github.dockerjava.api.command.InspectContainerResponse.ContainerState;
import dev.greeter.conformance.config.HarnessConfig;
import dev.greeter.conformance.config.HarnessException;
import dev.greeter.conformance.probe.ProbeReply;
import dev.greeter.conformance.probe.ProbeReply.ExchangeResult;
import dev.greeter.conformance.probe.ProbeReply.Listener;
import dev.greeter.conformance.spec.Transport;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.output.OutputFrame;

/**
 * One server under test in the network namespace of its own probe (the holder). The holder owns the namespace, so
 * the port can be watched before the server starts and after it exits, and a restarted server never meets the
 * previous one's TIME_WAIT sockets. Its parts, one job each: the server's container ({@link #server()}), its sockets
 * as the namespace's kernel shows them and the watch on them ({@link #sockets()}), TCP clients ({@link #clients()})
 * and UDP peers ({@link #datagrams()}) played by the probes; this class starts the server and says when it is ready.
 * Who gets a stage, and who hands it on, is {@link Handovers}'.
 */
public final class ServerStage implements Stage {

    static final String DOCKER_DNS = ServerSockets.DOCKER_DNS;

    private final Lab lab;
    private final HarnessConfig config;
    private final ProbeContainer holder;
    private final Transport transport;
    private final ServerUnderTest server;
    private final ServerSockets sockets;
    private final StreamClients clients;
    private final DatagramPeers datagrams;
    /** What was seen of the port while the server started ({@link #startWatchingThePort}); null for a start not watched so. */
    private StartSeen startSeen;
    private boolean distrusted;

    ServerStage(Lab lab, ProbeContainer holder, Transport transport) {
        this.lab = lab;
        this.config = lab.config();
        this.holder = holder;
        this.transport = transport;
        this.server = new ServerUnderTest(lab, holder, this::replaced);
        this.sockets = new ServerSockets(holder, config, transport, server);
        this.clients = new StreamClients(holder, config, sockets, lab::remote);
        this.datagrams = new DatagramPeers(holder, config, sockets, lab::remote);
    }

    /** The container of the server under test: its start, state and control. */
    public ServerUnderTest server() {
        return server;
    }

    /** The probe inside the server's network namespace. */
    public ProbeClient local() {
        return holder.client();
    }

    /** The server's sockets in the namespace, and the watch on the one it is expected to keep. */
    public ServerSockets sockets() {
        return sockets;
    }

    /** TCP clients of the server, from its namespace and from another container. */
    public StreamClients clients() {
        return clients;
    }

    /** UDP peers of the server, from its namespace and from another container. */
    public DatagramPeers datagrams() {
        return datagrams;
    }

    /** The server's IPv6 address on the lab network (its holder's). */
    public String ipv6Address() {
        return Ipv6Seal.address(holder);
    }

    /** The transport whose table this stage watches the server in. */
    public Transport transport() {
        return transport;
    }

    /** A new server took the old one's place ({@link ServerUnderTest#startAnew()}): nothing seen of the old one is kept. */
    private void replaced() {
        sockets.started();
        startSeen = null;
    }

    /** Starts the server without waiting for anything: binding is judged from its start on. */
    public void start() {
        sockets.started();
        server.start();
    }

    /**
     * What was seen of the port from before the server started until the first connection it accepted (rule 5.1's
     * observation): the attempt before the start; when the port was first seen listening; how many attempts from then
     * on were refused (one that listens where the probe cannot reach it, say IPv6 only); and the first one that was
     * not (null if none was within the start-up bound, or {@code obstructed} says why the probe could make none).
     */
    public record StartSeen(ExchangeResult before, long listeningAtMillis, int refused, ExchangeResult first, long firstAtMillis,
                            String obstructed, String serverAtEnd) {
    }

    /** The start of this stage's server, if {@link #startWatchingThePort} started it. */
    public Optional<StartSeen> startSeen() {
        return Optional.ofNullable(startSeen);
    }

    /**
     * Starts the server, watching its port: one attempt before the start (refused, in a namespace nothing else has
     * joined, or the harness is at fault), then the listen table until the port listens, then attempts one after
     * another, each given the hang bound to be served, reset or closed, until one is not refused. Until it listens the
     * kernel refuses every connection by itself, so nothing is sent then: the server's start is left undisturbed (an
     * implementation that takes the namespace's ports as it starts gets them all). Every TCP server area starts its
     * server this way, so the server a later area is handed has its start on record (5.1) whichever area started it.
     */
    public StartSeen startWatchingThePort() {
        ExchangeResult before = clients.attempt(clients.hangAttempt());
        if (before.outcome() != ProbeReply.Outcome.REFUSED) {
            throw new HarnessException("port " + config.port() + " is not refused in a fresh network namespace: " + before.outcome());
        }
        start();
        long deadline = System.nanoTime() + config.bounds().startup().toNanos();
        Optional<Listener> listening = sockets.awaitListening();
        long listeningAt = sockets.sinceStart();
        int refused = 0;
        while (listening.isPresent() && System.nanoTime() < deadline) {
            ExchangeResult r;
            try {
                r = clients.attempt(clients.hangAttempt());
            } catch (ImplementationObstructed e) {
                startSeen = new StartSeen(before, listeningAt, refused, null, sockets.sinceStart(), e.getMessage(), server.describe());
                return startSeen;
            }
            if (r.outcome() != ProbeReply.Outcome.REFUSED) {
                startSeen = new StartSeen(before, listeningAt, refused, r, sockets.sinceStart(), null, server.describe());
                return startSeen;
            }
            refused++;
            if (refused % 20 == 0) {
                // Aim at where it listens now; a server that exited will accept nothing.
                listening = sockets.awaitListening();
            }
        }
        startSeen = new StartSeen(before, listening.isPresent() ? listeningAt : -1, refused, null, sockets.sinceStart(), null,
                server.describe());
        return startSeen;
    }

    /**
     * A client that speaks first (rule 2.4): with the server frozen, it connects and sends {@code line}, so that the line
     * is certainly waiting unread when the server accepts; then the server resumes and the client reads to the end, within
     * the greeting bound. Without the freeze a server that closes without reading could win the race against the line
     * and pass by luck.
     */
    public ExchangeResult speakFirst(byte[] line) {
        ProbeReply.Opened opened;
        server.pause();
        try {
            opened = clients.open(1, config.bounds().connect(), line);
        } finally {
            server.unpause();
        }
        if (opened.connected() == 0) {
            return StreamClients.notConnected(opened.attempts().get(0), "while the server was frozen");
        }
        return clients.drain(config.bounds().greeting(), false).results().get(0);
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
        Optional<Listener> listening = sockets.awaitListening();
        if (listening.isEmpty()) {
            return new Readiness(false, "no LISTEN socket on port " + config.port() + " within "
                    + config.bounds().startup().toMillis() + " ms of starting the server; " + server.describe());
        }
        ProbeReply.Opened warmUp = clients.open(1, config.bounds().connect());
        boolean leftTheQueue;
        try {
            Awaitility.await().atMost(config.bounds().startup()).pollInterval(Duration.ofMillis(20))
                    .until(() -> sockets.listeners().stream().mapToInt(Listener::queued).sum() == 0 || !server.running());
            leftTheQueue = true;
        } catch (ConditionTimeoutException e) {
            leftTheQueue = false;
        }
        // Read to the end, as a polite client does: leaving half-way would be a misbehaving client, which is
        // for the robustness rules to send, not the harness's readiness check.
        ProbeReply.Drained drained = clients.drain(config.bounds().greeting(), false);
        if (!leftTheQueue) {
            return new Readiness(false, "listening on " + listening.get() + ", but no connection left its accept queue within "
                    + config.bounds().startup().toMillis() + " ms (the server accepts nothing); " + server.describe());
        }
        if (warmUp.connected() != 1) {
            return new Readiness(false, "listening on " + listening.get() + ", but a warm-up connection was "
                    + warmUp.attempts().get(0).name().toLowerCase(java.util.Locale.ROOT) + "; " + server.describe());
        }
        sockets.watch(listening.get());
        Optional<String> broke = sockets.brokeOff();
        if (broke.isPresent()) {
            String served = drained.results().stream().anyMatch(ExchangeResult::served) ? "serving" : "taking";
            return new Readiness(false, "after " + served + " one warm-up connection, " + broke.get());
        }
        return new Readiness(true, "listening on " + listening.get() + " and accepting");
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

    @Override
    public Optional<String> brokeOff() {
        return sockets.brokeOff();
    }

    @Override
    public void unwatch() {
        sockets.unwatch();
    }

    @Override
    public void distrust() {
        distrusted = true;
    }

    /** Whether the harness failed while this stage was in use (then nothing of it is handed on). */
    boolean distrusted() {
        return distrusted;
    }

    /** The probe that owns the namespace; the lab clears it before handing the stage on. */
    ProbeContainer holder() {
        return holder;
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
