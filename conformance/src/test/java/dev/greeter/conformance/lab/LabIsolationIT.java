package dev.greeter.conformance.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.HostConfig;
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
 * The sandbox, measured: what the engine applied to the probe and the implementation beside it, and the lab's
 * "no way out" claim: the attack of the fixture probes-gateway (connect to the host side of the
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

    /**
     * Why every holder's IPv6 is sealed, measured: on the lab's network (IPv6, internal, inhibit_ipv4) the host holds the
     * bridge's IPv6 gateway address, and a probe whose namespace is not sealed reaches a host listener there; the
     * harness's check refuses that namespace. Sealed, it reaches nothing there and passes the check. The listener is bound
     * to that gateway address only.
     */
    @Test
    void anUnsealedNamespaceReachesTheHostOverIpv6AndTheHarnessRefusesItSealedItReachesNothing() throws IOException {
        try (Network lab = Containers.labNetwork(); ProbeContainer probe = probe(lab, true)) {
            List<String> bridge = GatewayCheck.ipv6Gateways(lab.getId());
            assertThat(bridge).as("the lab network's IPv6 gateway").hasSize(1);
            String gateway = bridge.get(0);
            try (ServerSocket listener = listenerOn(gateway)) {
                assertThat(connect(probe, gateway, listener.getLocalPort())).as("unsealed: a connect to the host's listener on %s", gateway)
                        .isEqualTo(dev.greeter.conformance.probe.ProbeReply.Outcome.CONNECTED);
                assertThatThrownBy(() -> GatewayCheck.requireSealed(probe, lab, List.of())).as("the check on an unsealed namespace")
                        .isInstanceOf(HarnessException.class).hasMessageContaining("is not sealed");

                probe.client().call(new dev.greeter.conformance.probe.ProbeRequest.SealIpv6(List.of()),
                        dev.greeter.conformance.probe.ProbeReply.Done.class);
                assertThat(GatewayCheck.requireSealed(probe, lab, List.of())).as("the check once sealed").isSameAs(probe);
                assertThat(connect(probe, gateway, listener.getLocalPort())).as("sealed: a connect to the host's listener on %s", gateway)
                        .isNotIn(dev.greeter.conformance.probe.ProbeReply.Outcome.CONNECTED, dev.greeter.conformance.probe.ProbeReply.Outcome.REFUSED);
            }
        }
    }

    private static dev.greeter.conformance.probe.ProbeReply.Outcome connect(ProbeContainer probe, String host, int port) {
        return probe.client().call(new dev.greeter.conformance.probe.ProbeRequest.Exchange(host, port, 2000, 2000,
                dev.greeter.conformance.probe.ProbeRequest.ClientAction.CLOSE_AT_ONCE, new byte[0], true),
                dev.greeter.conformance.probe.ProbeReply.ExchangeResult.class).outcome();
    }

    /**
     * A listener on the host's {@code address}. The engine gives the bridge the subnet's first address (20.10 does not list
     * it as the gateway); it is bound once duplicate address detection is done, which a container joining starts.
     */
    private static ServerSocket listenerOn(String address) {
        return await().atMost(Duration.ofSeconds(30)).ignoreExceptionsInstanceOf(IOException.class).until(() -> {
            ServerSocket s = new ServerSocket();
            try {
                s.bind(new InetSocketAddress(address, 0));
                return s;
            } catch (IOException e) {
                s.close();
                throw e;
            }
        }, java.util.Objects::nonNull);
    }

    @Test
    void theProbeAndTheImplementationBesideItRunWithTheirLimitsAndCapabilities() {
        HarnessConfig config = HarnessConfig.defaults(java.util.Optional.of(FIXTURE), java.util.Optional.empty(), List.of());
        try (Network lab = Containers.labNetwork(); ProbeContainer probe = probe(lab);
             GenericContainer<?> implementation = Containers.implementation(FIXTURE, probe, config, List.of())) {
            implementation.start();
            HostConfig p = Containers.docker().inspectContainerCmd(probe.getContainerId()).exec().getHostConfig();
            assertThat(p.getCapDrop()).as("the probe's dropped capabilities").containsExactly(Capability.ALL);
            assertThat(p.getCapAdd()).as("the probe's capabilities").containsExactly(Capability.NET_BIND_SERVICE);
            assertThat(p.getMemory()).as("the probe's memory").isEqualTo(ProbeContainer.MEMORY_BYTES);
            assertThat(p.getPidsLimit()).as("the probe's pids").isEqualTo(ProbeContainer.PIDS);
            assertThat(p.getSecurityOpts()).as("the probe's security options").contains("no-new-privileges");

            HostConfig i = Containers.docker().inspectContainerCmd(implementation.getContainerId()).exec().getHostConfig();
            assertThat(i.getCapDrop()).as("the implementation's dropped capabilities").containsExactly(Capability.ALL);
            assertThat(i.getCapAdd()).as("the implementation's capabilities").isNullOrEmpty();
            assertThat(i.getReadonlyRootfs()).as("the implementation's read-only root").isTrue();
            assertThat(i.getMemory()).as("the implementation's memory").isEqualTo(config.isolation().memoryBytes());
            assertThat(i.getMemorySwap()).as("the implementation's memory with swap").isEqualTo(config.isolation().memoryBytes());
            assertThat(i.getPidsLimit()).as("the implementation's pids").isEqualTo(config.isolation().pids());
            assertThat(i.getSecurityOpts()).as("the implementation's security options").contains("no-new-privileges");
            assertThat(i.getLogConfig().getConfig()).as("the implementation's log").containsEntry("max-size", "2m").containsEntry("max-file", "2");
        }
    }

    /**
     * Packet captures (issue 25): a holder made for them gets NET_RAW, and uses it (its packet socket opens); a holder
     * without it cannot open one; and the implementation beside the capturing holder still has no capability at all.
     */
    @Test
    void onlyACapturingHolderHasNetRawAndTheImplementationBesideItNone() {
        HarnessConfig config = HarnessConfig.defaults(java.util.Optional.of(FIXTURE), java.util.Optional.empty(), List.of());
        try (Network lab = Containers.labNetwork(); ProbeContainer plain = probe(lab);
             ProbeContainer capturing = started(new ProbeContainer(HarnessConfig.DEFAULT_PROBE_IMAGE).withPacketCapture().withNetwork(lab)
                     .withLabels(Map.of(Containers.LABEL, "probe")));
             GenericContainer<?> implementation = Containers.implementation(FIXTURE, capturing, config, List.of())) {
            implementation.start();
            HostConfig h = Containers.docker().inspectContainerCmd(capturing.getContainerId()).exec().getHostConfig();
            assertThat(h.getCapDrop()).as("the capturing holder's dropped capabilities").containsExactly(Capability.ALL);
            assertThat(h.getCapAdd()).as("the capturing holder's capabilities").containsExactlyInAnyOrder(Capability.NET_BIND_SERVICE, Capability.NET_RAW);
            assertThat(h.getSecurityOpts()).as("the capturing holder's security options").contains("no-new-privileges");
            assertThat(capturing.client().call(new dev.greeter.conformance.probe.ProbeRequest.StartCapture(1 << 20),
                    dev.greeter.conformance.probe.ProbeReply.class)).as("the capturing holder opens its packet socket")
                    .isInstanceOf(dev.greeter.conformance.probe.ProbeReply.Done.class);
            assertThatThrownBy(() -> plain.client().call(new dev.greeter.conformance.probe.ProbeRequest.StartCapture(1 << 20),
                    dev.greeter.conformance.probe.ProbeReply.Done.class)).as("a holder without NET_RAW cannot")
                    .hasMessageContaining("Operation not permitted");

            HostConfig i = Containers.docker().inspectContainerCmd(implementation.getContainerId()).exec().getHostConfig();
            assertThat(i.getCapDrop()).as("the implementation's dropped capabilities, beside a capturing holder").containsExactly(Capability.ALL);
            assertThat(i.getCapAdd()).as("the implementation's capabilities, beside a capturing holder").isNullOrEmpty();
        }
    }

    private static ProbeContainer started(ProbeContainer p) {
        p.start();
        return p;
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
        return probe(network, false);
    }

    /** A probe on {@code network}; {@code sealing}: one that can seal its namespace's IPv6, as holders do. */
    private static ProbeContainer probe(Network network, boolean sealing) {
        ProbeContainer p = new ProbeContainer(HarnessConfig.DEFAULT_PROBE_IMAGE).withNetwork(network)
                .withLabels(Map.of(Containers.LABEL, "probe"));
        if (sealing) {
            p.withRouteSealing();
        }
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
