package dev.greeter.conformance.lab;

import com.github.dockerjava.api.command.InspectContainerResponse.ContainerState;
import com.github.dockerjava.api.exception.ConflictException;
import dev.greeter.conformance.probe.Printable;
import dev.greeter.conformance.probe.ProbeReply;
import dev.greeter.conformance.probe.ProbeReply.ExchangeResult;
import dev.greeter.conformance.probe.ProbeReply.Listener;
import dev.greeter.conformance.probe.ProbeReply.Listeners;
import dev.greeter.conformance.probe.ProbeRequest;
import dev.greeter.conformance.run.Bounds;
import dev.greeter.conformance.run.HarnessConfig;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.output.OutputFrame;

/**
 * One server under test in the network namespace of its own probe (the holder). The holder owns the
 * namespace, so the port can be watched before the server starts and after it exits, and a restarted
 * server never meets the previous one's TIME_WAIT sockets.
 */
public final class ServerStage implements AutoCloseable {

    /** How much of the server's last output line an observation quotes. */
    private static final int LAST_LOG_BYTES = 160;

    private final Lab lab;
    private final HarnessConfig config;
    private final ProbeContainer holder;
    private GenericContainer<?> server;
    private Listener listener;

    ServerStage(Lab lab, ProbeContainer holder) {
        this.lab = lab;
        this.config = lab.config();
        this.holder = holder;
    }

    /** The probe inside the server's network namespace. */
    public ProbeClient local() {
        return holder.client();
    }

    /** A probe in another container on the network. */
    public ProbeClient remote() {
        return lab.remote().client();
    }

    public void startServer() {
        server = lab.startTracked(Containers.implementation(config.serverImage().orElseThrow(), holder, config, List.of()));
    }

    public List<Listener> listeners() {
        return local().call(new ProbeRequest.ListenState(config.port()), Listeners.class).sockets();
    }

    /** Every LISTEN socket in the namespace, on any port: to say where a server listens instead. */
    public List<Listener> allListeners() {
        return local().call(new ProbeRequest.ListenState(-1), Listeners.class).sockets();
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
                        return !running();
                    });
        } catch (ConditionTimeoutException e) {
            return Optional.empty();
        }
        listener = found.get();
        return Optional.ofNullable(listener);
    }

    /**
     * Waits until the server listens and takes connections off its accept queue, seen from outside: a
     * warm-up connection leaves the queue (/proc/net/tcp's count drops to 0). This says the server is
     * in its accept loop without asking it to send anything, so a server that never greets unprompted
     * is still "ready" and fails the greeting rules, not these waits. The warm-up client then reads until
     * served (or the greeting bound) and closes, as a polite client would.
     */
    public boolean awaitAccepting() {
        if (awaitListening().isEmpty()) {
            return false;
        }
        ProbeReply.Opened warmUp = open(1, config.bounds().connect());
        try {
            Awaitility.await().atMost(config.bounds().startup()).pollInterval(Duration.ofMillis(20))
                    .until(() -> listeners().stream().mapToInt(Listener::queued).sum() == 0 || !running());
        } catch (ConditionTimeoutException e) {
            return false;
        } finally {
            drain(config.bounds().greeting());
        }
        return warmUp.connected() == 1 && running();
    }

    /** Where a client in this namespace reaches the server: wherever it actually listens. */
    public String target() {
        if (listener == null || listener.wildcard()) {
            return listener != null && listener.ipv6() ? "::1" : "127.0.0.1";
        }
        return listener.address();
    }

    /** The server's name on the lab network, for a client in another container. */
    public String remoteTarget() {
        return holder.getNetworkAliases().get(holder.getNetworkAliases().size() - 1);
    }

    /** A client that reads the whole greeting, to end of stream or the greeting bound. */
    public ExchangeResult exchange() {
        return local().call(request(ProbeRequest.ClientAction.READ, new byte[0], false), ExchangeResult.class);
    }

    /** A client that behaves as {@code action}; with {@code stopAtData} it leaves once served. */
    public ExchangeResult exchange(ProbeRequest.ClientAction action, byte[] sendFirst, boolean stopAtData) {
        return local().call(request(action, sendFirst, stopAtData), ExchangeResult.class);
    }

    /** A well-behaved client that leaves as soon as it is served. */
    public ExchangeResult serve() {
        return exchange(ProbeRequest.ClientAction.READ, new byte[0], true);
    }

    public ProbeReply.SeriesResult series(int times) {
        return local().call(new ProbeRequest.Series(request(ProbeRequest.ClientAction.READ, new byte[0], true), times),
                ProbeReply.SeriesResult.class);
    }

    public ProbeRequest.Exchange request(ProbeRequest.ClientAction action, byte[] sendFirst, boolean stopAtData) {
        Bounds b = config.bounds();
        return new ProbeRequest.Exchange(target(), config.port(), (int) b.connect().toMillis(),
                (int) b.greeting().toMillis(), action, sendFirst, stopAtData);
    }

    public String serverContainerId() {
        return server.getContainerId();
    }

    public boolean running() {
        ContainerState state = state();
        return state != null && Boolean.TRUE.equals(state.getRunning());
    }

    public ContainerState state() {
        return server == null || server.getContainerId() == null ? null : Containers.state(server.getContainerId());
    }

    /** A one-line account of the server container, for observations: running, or exited with what. */
    public String describe() {
        ContainerState s = state();
        if (s == null) {
            return "server container not started";
        }
        if (Boolean.TRUE.equals(s.getRunning())) {
            return Boolean.TRUE.equals(s.getPaused()) ? "server container paused" : "server container running";
        }
        return "server container exited with status " + s.getExitCodeLong() + lastLog();
    }

    private String lastLog() {
        try {
            String logs = server.getLogs(OutputFrame.OutputType.STDOUT, OutputFrame.OutputType.STDERR).strip();
            if (logs.isEmpty()) {
                return "";
            }
            String[] lines = logs.split("\n");
            // The implementation's own words: escaped, so they can never drive the user's terminal.
            return "; its last output: " + Printable.quote(lines[lines.length - 1].strip(), LAST_LOG_BYTES);
        } catch (RuntimeException e) {
            return "";
        }
    }

    public void pause() {
        Containers.docker().pauseContainerCmd(server.getContainerId()).exec();
    }

    public void unpause() {
        if (Boolean.TRUE.equals(state().getPaused())) {
            Containers.docker().unpauseContainerCmd(server.getContainerId()).exec();
        }
    }

    public void signal(String signal) {
        Containers.docker().killContainerCmd(server.getContainerId()).withSignal(signal).exec();
    }

    /** SIGKILL, unless the server exited on its own in the meantime (the engine then answers 409). */
    public void kill() {
        try {
            signal("SIGKILL");
        } catch (ConflictException e) {
            if (running()) {
                throw e;
            }
        }
    }

    /** Waits up to {@code bound} for the server to exit; true if it did. */
    public boolean awaitExit(Duration bound) {
        if (bound.toMillis() < 50) {
            return !running();
        }
        try {
            Awaitility.await().atMost(bound).pollInterval(Duration.ofMillis(20)).until(() -> !running());
            return true;
        } catch (ConditionTimeoutException e) {
            return false;
        }
    }

    public ProbeReply.Opened open(int attempts, Duration connectTimeout) {
        return local().call(new ProbeRequest.Open(target(), config.port(), (int) connectTimeout.toMillis(), attempts),
                ProbeReply.Opened.class);
    }

    /** Reads every held connection until it is served (or the bound runs out), then closes them. */
    public ProbeReply.Drained drain(Duration bound) {
        return local().call(new ProbeRequest.Drain((int) bound.toMillis(), true), ProbeReply.Drained.class);
    }

    @Override
    public void close() {
        if (server != null) {
            try {
                unpause();
            } catch (RuntimeException ignored) {
                // Removal below works on a paused container too.
            }
            lab.forget(server);
        }
        lab.forget(holder);
    }
}
