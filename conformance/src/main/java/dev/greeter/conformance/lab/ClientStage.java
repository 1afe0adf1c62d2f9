package dev.greeter.conformance.lab;

import com.github.dockerjava.api.command.InspectContainerResponse.ContainerState;
import dev.greeter.conformance.probe.ProbeReply;
import dev.greeter.conformance.probe.ProbeRequest;
import dev.greeter.conformance.config.HarnessConfig;
import java.time.Duration;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.output.OutputFrame.OutputType;

/**
 * A client under test run in the network namespace of the harness's scripted server, so a client
 * hard-wired to 127.0.0.1:40674 works unchanged.
 */
public final class ClientStage implements AutoCloseable {

    /** What one run of a client under test did, whatever the transport, and what the harness's server saw of it. */
    public interface Ran {
        boolean exited();

        Long exitCode();

        long millis();

        /** Whether {@link #millis()} could not be measured and is a floor (see {@link RunTime}). */
        boolean approximate();

        /** "after N ms", said to be approximate when it is. */
        default String after() {
            return RunTime.after(millis(), approximate());
        }

        String stdout();

        String stderr();

        default String output() {
            return stdout() + stderr();
        }

        /** Whether the harness's server heard from the client at all (a connection, a request). */
        boolean reachedServer();

        /** What the harness's server saw of the client, in a few words. */
        String serverSaw();

        /** The harness's server's side of the run. */
        java.util.List<String> serverTrace();
    }

    /** What one run of the client under test did against a stream server. */
    public record ClientRun(boolean exited, Long exitCode, long millis, boolean approximate, String stdout, String stderr,
                            ProbeReply.ServeReport server) implements Ran {
        @Override
        public boolean reachedServer() {
            return server.accepted() > 0;
        }

        @Override
        public String serverSaw() {
            return "connections seen by the harness's server: " + server.accepted();
        }

        @Override
        public java.util.List<String> serverTrace() {
            return server.trace();
        }
    }

    private final Lab lab;
    private final HarnessConfig config;
    private final ProbeContainer holder;

    ClientStage(Lab lab, ProbeContainer holder) {
        this.lab = lab;
        this.config = lab.config();
        this.holder = holder;
    }

    /** Starts the scripted server sending the declared greeting (or none, when {@code mode} is null), runs the client once. */
    public ClientRun run(ProbeRequest.ServeMode mode, Duration bound) {
        return run(mode, config.greetingBytes(), bound);
    }

    /**
     * Starts the scripted server (or none, when {@code mode} is null) sending {@code greeting}, runs the
     * client once, and stops the server. The client's clock starts when its container has started (not
     * before: creating a container takes a loaded engine seconds), and its run time is the engine's own
     * account of start to exit where it has one.
     */
    public ClientRun run(ProbeRequest.ServeMode mode, byte[] greeting, Duration bound) {
        return runAgainst(mode == null ? null : new ProbeRequest.Serve(config.port(), mode, greeting, 3, 150), bound);
    }

    /** Runs the client once against the stream server {@code serve} starts ({@link ProbeRequest.Serve}, {@link ProbeRequest.UnixServe}), or none if null. */
    public ClientRun runAgainst(ProbeRequest serve, Duration bound) {
        Launched<ProbeReply.ServeReport> run = launch(serve, ProbeReply.ServeReport.class, bound);
        return new ClientRun(run.exited(), run.exitCode(), run.time().millis(), run.time().approximate(), run.stdout(), run.stderr(),
                run.report());
    }

    /** What one run of the client under test did against the scripted UDP server, and what that server received. */
    public record DatagramClientRun(boolean exited, Long exitCode, long millis, boolean approximate, String stdout, String stderr,
                                    ProbeReply.DatagramServeReport server) implements Ran {
        @Override
        public boolean reachedServer() {
            return server.requests() > 0;
        }

        @Override
        public String serverSaw() {
            return "requests seen by the harness's server: " + (server.requests() == 0 ? "none"
                    : server.requests() + ", the shortest " + server.shortest() + " bytes, "
                    + (server.requests() > server.requestBytes().size() ? "the first " + server.requestBytes().size() + " of " : "of ")
                    + server.requestBytes() + " bytes");
        }

        @Override
        public java.util.List<String> serverTrace() {
            return server.trace();
        }
    }

    /**
     * Starts the scripted UDP server as {@code serve} says (with none bound on the port when it is null:
     * requests are then answered with ICMP port-unreachable), runs the client once, and stops the server.
     */
    public DatagramClientRun runAgainstDatagrams(ProbeRequest.ServeUdp serve, Duration bound) {
        Launched<ProbeReply.DatagramServeReport> run = launch(serve, ProbeReply.DatagramServeReport.class, bound);
        ProbeReply.DatagramServeReport report = run.report() != null ? run.report()
                : new ProbeReply.DatagramServeReport(0, -1, java.util.List.of(), java.util.List.of("(nothing bound on UDP port " + config.port() + ")"));
        return new DatagramClientRun(run.exited(), run.exitCode(), run.time().millis(), run.time().approximate(), run.stdout(),
                run.stderr(), report);
    }

    private record Launched<R>(boolean exited, Long exitCode, RunTime time, String stdout, String stderr, R report) {
    }

    /**
     * Starts the scripted server {@code serve} asks for (or none, when it is null), runs the client once,
     * and stops the server, whose report is then of {@code reportType} (null when none ran and the
     * report is not a TCP one: the agent answers a stop without a server as TCP's).
     */
    private <R extends ProbeReply> Launched<R> launch(ProbeRequest serve, Class<R> reportType, Duration bound) {
        ProbeClient probe = holder.client();
        if (serve != null) {
            probe.call(serve, ProbeReply.Done.class);
        }
        GenericContainer<?> client = Containers.implementation(config.clientImage().orElseThrow(), holder, config, config.clientArgs());
        lab.startImplementation(client);
        long start = System.nanoTime();
        try {
            boolean exited = ContainerExit.await(client.getContainerId(), bound, () -> false);
            ContainerState state = Containers.state(client.getContainerId());
            RunTime time = RunTime.of(exited, state, start);
            R report = serve != null || reportType == ProbeReply.ServeReport.class
                    ? probe.call(new ProbeRequest.StopServing(), reportType) : null;
            return new Launched<>(exited, exited ? state.getExitCodeLong() : null, time,
                    LogTail.of(client.getLogs(OutputType.STDOUT)), LogTail.of(client.getLogs(OutputType.STDERR)), report);
        } finally {
            // Gone before the next rule's scripted server starts in this namespace: a client still retrying
            // must not be counted as the next rule's client.
            lab.removeNow(client);
        }
    }

    private boolean distrusted;

    /** The harness itself failed while this stage was in use: its holder is removed on {@link #close()}, never handed on. */
    public void distrust() {
        distrusted = true;
    }

    /**
     * Every client run here was removed before its run returned; the holder goes back to the lab, which hands it on
     * only if it can clear it ({@link Lab#release}) and nothing went wrong in the harness here.
     */
    @Override
    public void close() {
        lab.release(holder, !distrusted);
    }
}
