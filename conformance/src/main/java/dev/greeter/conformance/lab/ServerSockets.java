package dev.greeter.conformance.lab;

import dev.greeter.conformance.config.HarnessConfig;
import dev.greeter.conformance.probe.ProbeReply.Listener;
import dev.greeter.conformance.probe.ProbeReply.Listeners;
import dev.greeter.conformance.probe.ProbeRequest;
import dev.greeter.conformance.spec.Transport;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * A server's sockets as the kernel of its namespace shows them (/proc/net/tcp* or udp*, read by the holder's probe):
 * where it listens, since when, and the watch on the socket it is expected to keep ({@link #brokeOff()}).
 */
public final class ServerSockets {

    static final String DOCKER_DNS = "127.0.0.11";

    private final ProbeContainer holder;
    private final HarnessConfig config;
    /** TCP: the server's socket is a LISTEN one (/proc/net/tcp); UDP: a bound, unconnected one (/proc/net/udp). */
    private final Transport transport;
    private final ServerUnderTest server;
    private final SocketWatch<Listener> watch;
    private Listener listener;
    private long listeningSinceNanos;
    /** When the server was last started; 0 before. Start-up bounds count from here, whoever waits. */
    private long startedNanos;

    ServerSockets(ProbeContainer holder, HarnessConfig config, Transport transport, ServerUnderTest server) {
        this.holder = holder;
        this.config = config;
        this.transport = transport;
        this.server = server;
        this.watch = new SocketWatch<>(server, config.bounds().hang(), Listener::inode);
    }

    /** A server starts (or a new one takes the old one's place): nothing seen before is kept. */
    void started() {
        listener = null;
        watch.unwatch();
        listeningSinceNanos = 0;
        startedNanos = System.nanoTime();
    }

    /** Milliseconds since the server last started. */
    long sinceStart() {
        return (System.nanoTime() - startedNanos) / 1_000_000;
    }

    private ProbeClient local() {
        return holder.client();
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

    /**
     * Waits for a LISTEN socket on the declared port; empty if none appeared within the start-up bound, counted from
     * the server's start (whoever waited before).
     */
    public Optional<Listener> awaitListening() {
        AtomicReference<Listener> found = new AtomicReference<>();
        Callable<Boolean> seen = () -> {
            List<Listener> now = listeners();
            if (!now.isEmpty()) {
                found.set(now.stream().filter(Listener::wildcard).findFirst().orElse(now.get(0)));
                return true;
            }
            return !server.running();
        };
        Duration left = startedNanos == 0 ? config.bounds().startup()
                : config.bounds().startup().minusNanos(System.nanoTime() - startedNanos);
        try {
            if (!call(seen)) {
                if (left.toMillis() < 25) {
                    return Optional.empty();
                }
                Awaitility.await().atMost(left).pollInterval(Duration.ofMillis(25)).until(seen);
            }
        } catch (ConditionTimeoutException e) {
            return Optional.empty();
        }
        listener = found.get();
        if (listener != null && listeningSinceNanos == 0) {
            listeningSinceNanos = System.nanoTime();
        }
        return Optional.ofNullable(listener);
    }

    private static boolean call(Callable<Boolean> condition) {
        try {
            return condition.call();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** How long the server has been listening, as first seen by {@link #awaitListening()}. */
    public Duration listeningFor() {
        return listeningSinceNanos == 0 ? Duration.ZERO : Duration.ofNanos(System.nanoTime() - listeningSinceNanos);
    }

    /** Watches the listening socket the server has now: {@link #brokeOff()} reports when it goes. */
    public void watch(Listener socket) {
        watch.watch(socket);
    }

    /** Whether the watched server is, right now, running on the socket it was watched on (nothing is consumed). */
    public boolean stillUp() {
        return watch.keptIn(listeners());
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
        watch.unwatch();
    }

    /**
     * Whether the watched server broke off since it was last seen well: exited, stopped listening, or
     * listened anew on another socket (restarted). Present: what happened, and the watch ends.
     */
    public Optional<String> brokeOff() {
        return watch.brokeOff(this::listeners, (was, current) -> {
            if (current.isEmpty()) {
                return transport == Transport.UDP
                        ? "the server closed its UDP socket on port " + config.port() + " (was " + was + "); " + server.describe()
                        : "the server stopped listening on port " + config.port() + " (was " + was + "); " + server.describe();
            }
            return transport == Transport.UDP
                    ? "the server's UDP socket was replaced (socket " + was.inode() + " closed, now " + current.get(0) + " as socket "
                            + current.get(0).inode() + "): it closed its socket and bound anew, as a restarted server does"
                    : "the server's listening socket was replaced (socket " + was.inode() + " closed, now " + current.get(0)
                            + " as socket " + current.get(0).inode() + "): it stopped listening and listened anew, as a restarted server does";
        });
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
}
