package dev.greeter.conformance.lab;

import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.ContainerNetwork;
import dev.greeter.conformance.config.HarnessException;
import dev.greeter.conformance.probe.Printable;
import dev.greeter.conformance.probe.RouteSeal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.startupcheck.OneShotStartupCheckStrategy;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.utility.DockerImageName;

/**
 * Seals a holder's namespace's IPv6 before any implementation joins it (see {@link RouteSeal} for why and how): a
 * container of the probe image joins the namespace with NET_ADMIN, as root, runs the probe jar's {@code RouteSeal} and
 * exits. Nothing that stays in the namespace ever has NET_ADMIN, so no implementation can undo it; {@link GatewayCheck}
 * then verifies the routes from the holder's own agent.
 */
final class Ipv6Seal {

    /** The JVM's start and a few netlink requests: seconds even on a loaded engine. */
    private static final Duration BOUND = Duration.ofSeconds(60);

    private Ipv6Seal() {
    }

    /** Seals {@code holder}'s namespace so that over IPv6 it reaches only {@code peers}; a harness error otherwise. */
    static void seal(String probeImage, GenericContainer<?> holder, List<String> peers) {
        List<String> command = new ArrayList<>(List.of("java", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto",
                "-XX:-UsePerfData", "--enable-native-access=ALL-UNNAMED", "-cp", "/probe/probe.jar", RouteSeal.class.getName()));
        command.addAll(peers);
        try (GenericContainer<?> sealer = new GenericContainer<>(DockerImageName.parse(probeImage))
                .withCopyToContainer(Transferable.of(ProbeJar.bytes()), "/probe/probe.jar")
                .withNetworkMode("container:" + holder.getContainerId())
                .withLabels(Map.of(Containers.LABEL, "probe"))
                .withCommand(command.toArray(String[]::new))
                .withStartupCheckStrategy(new OneShotStartupCheckStrategy().withTimeout(BOUND))
                .withCreateContainerCmdModifier(cmd -> cmd.withUser("0").getHostConfig()
                        .withCapDrop(Capability.ALL)
                        .withCapAdd(Capability.NET_ADMIN)
                        .withSecurityOpts(List.of("no-new-privileges"))
                        .withMemory(ProbeContainer.MEMORY_BYTES)
                        .withPidsLimit(ProbeContainer.PIDS))) {
            try {
                sealer.start();
            } catch (RuntimeException e) {
                throw new HarnessException("could not seal the IPv6 of a lab namespace: " + Printable.escape(sealer.getLogs(), 500), e);
            }
        }
    }

    /** {@code container}'s IPv6 address on the lab network (Docker's text form); a harness error if it has none. */
    static String address(GenericContainer<?> container) {
        ContainerNetwork n = container.getContainerInfo().getNetworkSettings().getNetworks().values().stream().findFirst()
                .orElseThrow(() -> new HarnessException("a lab container is on no network"));
        String address = n.getGlobalIPv6Address();
        if (address == null || address.isEmpty()) {
            throw new HarnessException("a lab container has no IPv6 address on the lab network");
        }
        return address;
    }
}
