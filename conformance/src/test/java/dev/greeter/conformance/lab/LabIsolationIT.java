package dev.greeter.conformance.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.greeter.conformance.config.HarnessConfig;
import dev.greeter.conformance.config.HarnessException;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.output.OutputFrame.OutputType;
import org.testcontainers.utility.DockerImageName;

/**
 * The lab's "no way out" claim, measured: the attack of the fixture probes-gateway (connect to the host side of the
 * network) against the lab's network, and, as the control that shows the attack and the harness's own check can
 * both see a way out, against an internal network made without the lab's bridge option, whose gateway address the
 * host owns on the Docker engines this runs on (20.10 here, 25+ on runners). Ports are opened only on the gateway
 * address of the control network's own bridge.
 */
class LabIsolationIT {

    private static final String FIXTURE = "greeter-fixture/probes-gateway:latest";

    @Test
    void theLabNetworksGatewayIsNoAddressOfTheHostAndTheFixtureReachesNothing() throws IOException {
        try (Network lab = Containers.labNetwork()) {
            String gateway = onlyGateway(lab);
            assertThat(hostOwns(gateway)).as("the host owns the lab network's gateway address %s", gateway).isFalse();
            assertThatThrownBy(() -> {
                try (ServerSocket s = new ServerSocket()) {
                    s.bind(new InetSocketAddress(gateway, 0));
                }
            }).as("a listener on the lab network's gateway address %s", gateway).isInstanceOf(BindException.class);

            try (GenericContainer<?> fixture = fixture(lab, 9)) {
                String log = awaitRound(fixture);
                assertThat(log).as("the fixture's account of its first round").contains("the host did not answer on port 9 at")
                        .contains(gateway).doesNotContain("reached the host");
            }
        }
    }

    @Test
    void withoutTheBridgeOptionTheFixtureReachesAListenerOnTheGateway() throws IOException {
        try (Network control = controlNetwork(); ServerSocket listener = new ServerSocket()) {
            String gateway = onlyGateway(control);
            listener.bind(new InetSocketAddress(gateway, 0));
            listener.setSoTimeout(30_000);
            try (GenericContainer<?> fixture = fixture(control, listener.getLocalPort()); Socket reached = listener.accept()) {
                assertThat(reached.getInetAddress().getHostAddress()).as("who connected to the host's listener on %s", gateway)
                        .isEqualTo(fixture.getContainerInfo().getNetworkSettings().getNetworks().values().iterator().next().getIpAddress());
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(fixture.getLogs(OutputType.STDERR))
                        .contains("reached the host at " + gateway + ":" + listener.getLocalPort()));
            }
        }
    }

    @Test
    void theHarnessRefusesALabWhoseGatewayAnswersAndAcceptsTheLabsOwn() {
        try (Network control = controlNetwork(); ProbeContainer probe = probe(control)) {
            assertThatThrownBy(() -> GatewayCheck.requireUnreachable(probe, control))
                    .as("the check on a network whose bridge is the host's").isInstanceOf(HarnessException.class)
                    .hasMessageContaining("answered a connection from the lab");
        }
        try (Network lab = Containers.labNetwork(); ProbeContainer probe = probe(lab)) {
            assertThat(GatewayCheck.requireUnreachable(probe, lab)).as("the check on the lab's network").isSameAs(probe);
        }
    }

    /** An internal network as the lab made it before it set the bridge option; labelled like the lab's. */
    private static Network controlNetwork() {
        return Network.builder().createNetworkCmdModifier(cmd -> cmd.withInternal(true)
                .withLabels(Map.of(Containers.LABEL, "network"))).build();
    }

    private static GenericContainer<?> fixture(Network network, int port) {
        GenericContainer<?> c = new GenericContainer<>(DockerImageName.parse(FIXTURE))
                .withNetwork(network)
                .withLabels(Map.of(Containers.LABEL, "implementation"))
                .withCommand("--probe-gateway", String.valueOf(port))
                .withStartupCheckStrategy(new Containers.AnyState())
                .waitingFor(new Containers.NoWait());
        c.start();
        return c;
    }

    private static ProbeContainer probe(Network network) {
        ProbeContainer p = new ProbeContainer(HarnessConfig.DEFAULT_PROBE_IMAGE).withNetwork(network)
                .withLabels(Map.of(Containers.LABEL, "probe"));
        p.start();
        return p;
    }

    /** The fixture's stderr once it has tried every address of a first round (or reached one). */
    private static String awaitRound(GenericContainer<?> fixture) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> fixture.getLogs(OutputType.STDERR),
                log -> log.contains("did not answer") || log.contains("reached the host"));
    }

    private static String onlyGateway(Network network) {
        List<String> gateways = GatewayCheck.gateways(network.getId());
        assertThat(gateways).as("IPv4 gateways of network %s", network.getId()).hasSize(1);
        return gateways.get(0);
    }

    private static boolean hostOwns(String address) throws IOException {
        InetAddress a = InetAddress.getByName(address);
        return NetworkInterface.networkInterfaces().anyMatch(i -> i.inetAddresses().anyMatch(a::equals));
    }
}
