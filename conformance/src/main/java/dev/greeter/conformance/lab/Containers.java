package dev.greeter.conformance.lab;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.LogConfig;
import com.github.dockerjava.api.model.Ulimit;
import com.github.dockerjava.api.model.Volume;
import dev.greeter.conformance.config.HarnessConfig;
import dev.greeter.conformance.config.Isolation;
import java.util.List;
import java.util.Map;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.startupcheck.StartupCheckStrategy;
import org.testcontainers.containers.wait.strategy.AbstractWaitStrategy;
import org.testcontainers.utility.DockerImageName;

/** How the harness starts an implementation under test: never waiting on its logs, never judging its start. */
final class Containers {

    /** Label on everything a run starts, so leftovers of a killed run can be found and removed. */
    static final String LABEL = "dev.greeter.conformance";

    private Containers() {
    }

    /**
     * A container of the implementation under test in the network namespace of {@code holder}. It is
     * "started" as soon as Docker has started it: whether it listens, crashes or exits is for the
     * rules to observe, not a reason for the harness to give up.
     */
    static GenericContainer<?> implementation(String image, GenericContainer<?> holder, HarnessConfig config, List<String> command) {
        GenericContainer<?> c = new GenericContainer<>(DockerImageName.parse(image))
                .withNetworkMode("container:" + holder.getContainerId())
                .withLabels(Map.of(LABEL, "implementation"))
                .withStartupCheckStrategy(new AnyState())
                .waitingFor(new NoWait());
        if (!command.isEmpty()) {
            c.withCommand(command.toArray(String[]::new));
        }
        Isolation isolation = config.isolation();
        c.withCreateContainerCmdModifier(cmd -> {
            HostConfig host = cmd.getHostConfig();
            if (holder instanceof ProbeContainer probe && probe.volume().isPresent()) {
                // The Unix-domain socket's directory, shared with the probe. Docker mounts the hardened /run
                // tmpfs before it (the shallower path first), so a volume at /run/greeter shows through.
                host.withBinds(new Bind(probe.volume().get(), new Volume(probe.sharedDirectory())));
            }
            host.withMemory(isolation.memoryBytes())
                    .withMemorySwap(isolation.memoryBytes())
                    .withPidsLimit(isolation.pids())
                    .withNanoCPUs(isolation.cpuMillis() * 1_000_000L)
                    .withUlimits(List.of(new Ulimit("nofile", (long) isolation.nofile(), (long) isolation.nofile())))
                    // Whatever it prints, it cannot fill the engine's disk: at most two files of 2 MiB of JSON lines. Two,
                    // because a single file is emptied when it rotates and could keep nothing of what came before; with
                    // two, at least 2 MiB of JSON is there, the last MiB of output when lines average 64 bytes or more
                    // (each line costs about 70 bytes of JSON besides its text); LogTail keeps that MiB.
                    .withLogConfig(new LogConfig(LogConfig.LoggingType.JSON_FILE, Map.of("max-size", "2m", "max-file", "2")));
            if (isolation.hardened()) {
                // Docker's advice for read-only containers: scratch space where programs expect it, in memory.
                host.withReadonlyRootfs(true)
                        .withTmpFs(Map.of("/tmp", "rw,nosuid,nodev,size=16m", "/run", "rw,nosuid,nodev,size=16m"))
                        .withCapDrop(Capability.ALL)
                        .withSecurityOpts(List.of("no-new-privileges"));
            }
        });
        return c;
    }

    /**
     * A named volume for a Unix-domain socket's directory: a tmpfs of mode 1777 (with the sticky bit), so
     * an implementation running as any user, on a read-only root file system, can create its socket there
     * and nobody else's file can be removed by it. Labelled like everything else a run starts.
     */
    static String createSocketVolume() {
        return docker().createVolumeCmd()
                .withName("greeter-conformance-" + java.util.UUID.randomUUID())
                .withDriver("local")
                .withDriverOpts(Map.of("type", "tmpfs", "device", "tmpfs", "o", "mode=1777,size=1m"))
                .withLabels(Map.of(LABEL, "socket-directory"))
                .exec().getName();
    }

    static void removeVolume(String name) {
        docker().removeVolumeCmd(name).exec();
    }

    /** The bridge driver's option that leaves the bridge without an IPv4 address: known to 20.10 (measured) and 25+. */
    static final String INHIBIT_IPV4 = "com.docker.network.bridge.inhibit_ipv4";

    /**
     * The lab's network: internal, so containers on it reach each other and no route leads out; and its bridge
     * without an address, since an internal network's bridge gets the gateway address on the host (20.10 as 25+),
     * which would let a container reach any host service bound to it or to 0.0.0.0. {@link GatewayCheck} verifies
     * the second on every lab rather than trusting an engine to honour the option. With IPv6 too, on a unique-local /64
     * of its own (RFC 4193: fd, then 56 random bits, so parallel labs and the host's own ULA do not clash). There is no
     * IPv6 counterpart of the option: the bridge holds {@code <subnet>::1} and {@code fe80::1} on the host, so every
     * holder's namespace is sealed ({@link Ipv6Seal}) and checked ({@link GatewayCheck#requireSealed}).
     */
    static Network labNetwork() {
        return Network.builder()
                .createNetworkCmdModifier(cmd -> cmd.withInternal(true)
                        .withEnableIpv6(true)
                        .withIpam(new com.github.dockerjava.api.model.Network.Ipam().withConfig(
                                new com.github.dockerjava.api.model.Network.Ipam.Config().withSubnet(ulaPrefix() + "/64")))
                        .withOptions(Map.of(INHIBIT_IPV4, "true"))
                        .withLabels(Map.of(LABEL, "network")))
                .build();
    }

    /** A unique-local /64 prefix, {@code fdXX:XXXX:XXXX:XXXX::}: fd, then 56 random bits. */
    static String ulaPrefix() {
        java.security.SecureRandom random = new java.security.SecureRandom();
        return String.format("fd%02x:%04x:%04x:%04x::", random.nextInt(0x100), random.nextInt(0x10000), random.nextInt(0x10000),
                random.nextInt(0x10000));
    }

    static DockerClient docker() {
        return DockerClientFactory.instance().client();
    }

    static InspectContainerResponse.ContainerState state(String containerId) {
        return docker().inspectContainerCmd(containerId).exec().getState();
    }

    static final class AnyState extends StartupCheckStrategy {
        @Override
        public StartupStatus checkStartupState(DockerClient dockerClient, String containerId) {
            return StartupStatus.SUCCESSFUL;
        }

        /**
         * Without asking the engine: the inherited wait asks through Testcontainers' one static rate limiter (one
         * check a second, for every container of the JVM), so an implementation started within a second of another
         * (the server beside a client run, two client runs side by side) waited up to a second for an answer that
         * is always yes.
         */
        @Override
        public boolean waitUntilStartupSuccessful(GenericContainer<?> container) {
            return true;
        }
    }

    static final class NoWait extends AbstractWaitStrategy {
        @Override
        protected void waitUntilReady() {
            // Readiness is observed by the probe (LISTEN sockets), never by the container's own signals.
        }
    }
}
