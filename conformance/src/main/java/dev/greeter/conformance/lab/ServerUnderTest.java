package dev.greeter.conformance.lab;

import com.github.dockerjava.api.command.InspectContainerResponse.ContainerState;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import dev.greeter.conformance.config.HarnessConfig;
import dev.greeter.conformance.probe.Printable;
import java.time.Duration;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.output.OutputFrame;

/**
 * The container of the server under test, in the network namespace of its {@link ServerStage}'s holder:
 * its start, its state as the engine reports it, and what the harness does to it (pause, signal, kill).
 * What the server does on the wire is the stage's to observe.
 */
public final class ServerUnderTest {

    /** How much of the server's last output line an observation quotes. */
    private static final int LAST_LOG_BYTES = 160;

    private final Lab lab;
    private final HarnessConfig config;
    private final ProbeContainer holder;
    /** Told when a new server takes this one's place: what was seen of the old one no longer holds. */
    private final Runnable replaced;
    private GenericContainer<?> server;
    /** Tells when {@link #server} exits: the readiness and watch polls ask {@link #running()} every few milliseconds. */
    private ExitWatch exit;
    /** The removals of servers replaced by {@link #startAnew()}: the namespace is clear only once they are done. */
    private final java.util.List<java.util.concurrent.CompletableFuture<Void>> replacedRemovals = new java.util.ArrayList<>();

    ServerUnderTest(Lab lab, ProbeContainer holder, Runnable replaced) {
        this.lab = lab;
        this.config = lab.config();
        this.holder = holder;
        this.replaced = replaced;
    }

    public void start() {
        server = lab.startImplementation(Containers.implementation(config.serverImage().orElseThrow(), holder, config, config.serverArgs()));
        exit = ExitWatch.of(server.getContainerId());
    }

    /** The server is gone (killed, say): a new one takes its place in this namespace, and nothing seen of the old one is kept. */
    public void startAnew() {
        if (server != null) {
            closeWatch();
            replacedRemovals.add(lab.forget(server));
        }
        replaced.run();
        start();
    }

    public String containerId() {
        return server.getContainerId();
    }

    public boolean running() {
        if (exit != null) {
            return exit.running();
        }
        ContainerState state = state();
        return state != null && Boolean.TRUE.equals(state.getRunning());
    }

    private void closeWatch() {
        if (exit != null) {
            exit.close();
            exit = null;
        }
    }

    public ContainerState state() {
        return server == null || server.getContainerId() == null ? null : Containers.state(server.getContainerId());
    }

    /** How long the server container ran, by the engine's account, once it has exited; empty while it runs or never started. */
    public java.util.OptionalLong lifetimeMillis() {
        ContainerState s = state();
        if (s == null || Boolean.TRUE.equals(s.getRunning())) {
            return java.util.OptionalLong.empty();
        }
        try {
            // The engine may stamp an at-once exit before the start (see RunTime): that is 0.
            return java.util.OptionalLong.of(Math.max(0, java.time.Duration.between(java.time.Instant.parse(s.getStartedAt()),
                    java.time.Instant.parse(s.getFinishedAt())).toMillis()));
        } catch (java.time.format.DateTimeParseException | NullPointerException e) {
            return java.util.OptionalLong.empty();
        }
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
        return "server container exited with status " + s.getExitCodeLong()
                + (Boolean.TRUE.equals(s.getOOMKilled()) ? " (killed for using more than its memory limit)" : "") + lastLog();
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
        control("pause", () -> Containers.docker().pauseContainerCmd(server.getContainerId()).exec());
    }

    public void unpause() {
        ContainerState s = state();
        if (s != null && Boolean.TRUE.equals(s.getPaused())) {
            control("resume", () -> Containers.docker().unpauseContainerCmd(server.getContainerId()).exec());
        }
    }

    public void signal(String signal) {
        control("send " + signal + " to", () -> Containers.docker().killContainerCmd(server.getContainerId()).withSignal(signal).exec());
    }

    /** SIGKILL, unless the server exited on its own in the meantime. */
    public void kill() {
        try {
            signal("SIGKILL");
        } catch (ImplementationExited e) {
            // Exited by itself a moment before: what SIGKILL was for.
        }
    }

    /**
     * Runs an engine command on the server container. The server may have exited on its own a moment
     * before (the engine then answers 409 "is not running", or 404): that is the implementation's doing,
     * reported as {@link ImplementationExited}, never a harness error.
     */
    private void control(String what, Runnable command) {
        try {
            command.run();
        } catch (DockerException e) {
            // 409 and 404 when the engine knows; an internal error from the runtime when it does not know yet.
            if (!(e instanceof ConflictException || e instanceof NotFoundException)) {
                awaitExit(config.bounds().hang());
            }
            if (!running()) {
                throw new ImplementationExited("the harness went to " + what + " the server, but it had already exited: " + describe());
            }
            throw e;
        }
    }

    /** Waits up to {@code bound} for the server to exit; true if it did. */
    public boolean awaitExit(Duration bound) {
        if (bound.toMillis() < 50 || server == null || server.getContainerId() == null) {
            return !running();
        }
        return exit != null ? ContainerExit.await(exit, bound, Duration.ofMillis(20), () -> false)
                : ContainerExit.await(server.getContainerId(), bound, Duration.ofMillis(20), () -> false);
    }

    /**
     * Removes the server (resumed first if paused), and any it replaced, before returning: true if every one is gone,
     * so that nothing of it is left in the holder's namespace.
     */
    boolean remove() {
        boolean gone = true;
        closeWatch();
        if (server != null) {
            try {
                unpause();
            } catch (RuntimeException ignored) {
                // Removal below works on a paused container too.
            }
            try {
                lab.removeNow(server);
            } catch (RuntimeException e) {
                gone = false;
            }
        }
        for (java.util.concurrent.CompletableFuture<Void> removal : replacedRemovals) {
            try {
                removal.get(2, java.util.concurrent.TimeUnit.MINUTES);
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                gone = false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                gone = false;
            }
        }
        return gone;
    }
}
