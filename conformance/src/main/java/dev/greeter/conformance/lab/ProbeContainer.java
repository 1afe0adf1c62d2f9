package dev.greeter.conformance.lab;

import com.github.dockerjava.api.model.Capability;
import dev.greeter.conformance.probe.ProbeAgent;
import java.time.Duration;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.AbstractWaitStrategy;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.utility.DockerImageName;

/**
 * A container running the probe agent; the harness talks to it over the container's own stdin and
 * stdout (see {@link ProbeClient}). It publishes no port and listens on none: the implementation
 * under test may share its network namespace and must find nothing of the harness's there.
 */
final class ProbeContainer extends GenericContainer<ProbeContainer> {

    private volatile ProbeClient client;
    /** The named volume shared with the implementation for Unix-domain sockets, and where it is mounted; null without. */
    private String volume;
    private String sharedDirectory;
    private boolean capturing;
    private boolean sealing;

    ProbeContainer(String image) {
        super(DockerImageName.parse(image));
        withCopyToContainer(Transferable.of(ProbeJar.bytes()), "/probe/probe.jar");
        // Native access: the agent reads the kernel's socket table through FFM (UnixDiag), without the JVM's warning on stderr.
        withCommand("java", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto", "-XX:-UsePerfData", "-XX:MaxRAMPercentage=75",
                "--enable-native-access=ALL-UNNAMED", "-cp", "/probe/probe.jar", ProbeAgent.class.getName());
        // stdin stays open for the container's life (and across attaches); no TTY, so stdout and stderr stay apart.
        withCreateContainerCmdModifier(cmd -> cmd
                .withStdinOpen(true)
                .withStdInOnce(false)
                .withAttachStdin(true)
                .withAttachStdout(true)
                .withAttachStderr(true)
                .withTty(false));
        // It reads what implementations under test send and shares a namespace with them: bounded like them, and
        // with only the capabilities its own work needs (read at creation, once withSharedDirectory has run).
        withCreateContainerCmdModifier(cmd -> cmd.getHostConfig()
                .withMemory(MEMORY_BYTES)
                .withMemorySwap(MEMORY_BYTES)
                .withPidsLimit(PIDS)
                .withCapDrop(Capability.ALL)
                .withCapAdd(capabilities(volume != null, capturing, sealing))
                .withSecurityOpts(java.util.List.of("no-new-privileges")));
        waitingFor(new HelloWait());
    }

    /**
     * Memory, swap included; three quarters of it are the agent's heap (-XX:MaxRAMPercentage), which holds what it
     * reads (up to 1 MiB a connection) until it answers: ample for the rules' hundreds of connections.
     */
    static final long MEMORY_BYTES = 1L << 30;
    /** Its threads: one per scripted connection and per burst client at once, far below this. */
    static final long PIDS = 2048;

    /**
     * What the agent needs, and nothing else: connecting, reading /proc and the sock_diag dump need no
     * capability; binding a declared port below 1024 (its scripted servers) needs NET_BIND_SERVICE; on a shared
     * socket directory, connecting to whatever mode the implementation gives its socket and replacing a file of
     * another user in the sticky directory need DAC_OVERRIDE and FOWNER; a holder that captures the rules' packets
     * ({@link #withPacketCapture()}) needs NET_RAW for its packet socket; a holder that seals its namespace's IPv6 off
     * from the host ({@link #withRouteSealing()}) needs NET_ADMIN to delete routes. Never SYS_ADMIN. Capabilities are
     * the agent's process's, not the namespace's: the implementation that joins the namespace gets none of them, and
     * the agent takes requests from the harness alone (its standard input), never from the network.
     */
    static Capability[] capabilities(boolean sharedDirectory, boolean capturing, boolean sealing) {
        java.util.List<Capability> caps = new java.util.ArrayList<>(java.util.List.of(Capability.NET_BIND_SERVICE));
        if (sharedDirectory) {
            caps.addAll(java.util.List.of(Capability.DAC_OVERRIDE, Capability.FOWNER));
        }
        if (capturing) {
            caps.add(Capability.NET_RAW);
        }
        if (sealing) {
            caps.add(Capability.NET_ADMIN);
        }
        return caps.toArray(Capability[]::new);
    }

    /**
     * A holder that captures its namespace's packets (--captures): NET_RAW, and root, since the engine (20.10) gives a
     * capability to root's processes only (no ambient capabilities for another user).
     */
    ProbeContainer withPacketCapture() {
        this.capturing = true;
        withCreateContainerCmdModifier(cmd -> cmd.withUser("0"));
        return this;
    }

    /**
     * A holder that seals its namespace's IPv6 itself ({@code ProbeRequest.SealIpv6}) before any implementation joins:
     * NET_ADMIN, and root, as for {@link #withPacketCapture()}. It spares a container per holder (and its JVM's start)
     * that a separate sealer would cost.
     */
    ProbeContainer withRouteSealing() {
        this.sealing = true;
        withCreateContainerCmdModifier(cmd -> cmd.withUser("0"));
        return this;
    }

    /**
     * Mounts {@code volume} at {@code directory}, where the implementation's container gets it too. The
     * probe then runs as root: it connects as any client allowed there would, whatever user and mode
     * the implementation gives its socket file.
     */
    ProbeContainer withSharedDirectory(String volume, String directory) {
        this.volume = volume;
        this.sharedDirectory = directory;
        // The agent empties it on a reset, so that the holder can be handed on (Handovers).
        withEnv("GREETER_PROBE_SHARED_DIR", directory);
        withCreateContainerCmdModifier(cmd -> cmd.withUser("0").getHostConfig()
                .withBinds(new com.github.dockerjava.api.model.Bind(volume, new com.github.dockerjava.api.model.Volume(directory))));
        return this;
    }

    /** The volume an implementation in this namespace mounts at {@link #sharedDirectory()}; empty without one. */
    java.util.Optional<String> volume() {
        return java.util.Optional.ofNullable(volume);
    }

    String sharedDirectory() {
        return sharedDirectory;
    }

    ProbeClient client() {
        return client;
    }

    /** Attach before the agent starts, so that nothing it writes is missed. */
    @Override
    protected void containerIsCreated(String containerId) {
        super.containerIsCreated(containerId);
        client = ProbeClient.attach(containerId);
    }

    @Override
    public void stop() {
        ProbeClient c = client;
        if (c != null) {
            c.close();
            client = null;
        }
        super.stop();
    }

    /** Ready when the agent itself answers the hello: the container running says nothing about the JVM in it. */
    private final class HelloWait extends AbstractWaitStrategy {
        @Override
        protected void waitUntilReady() {
            client.hello(startupTimeout.compareTo(Duration.ofSeconds(60)) > 0 ? startupTimeout : Duration.ofSeconds(60));
        }
    }
}
