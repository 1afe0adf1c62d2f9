package dev.greeter.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.command.InspectContainerResponse;
import dev.greeter.conformance.lab.Lab;
import dev.greeter.conformance.lab.ServerStage;
import dev.greeter.conformance.probe.ProbeReply;
import dev.greeter.conformance.probe.ProbeRequest;
import dev.greeter.conformance.config.HarnessConfig;
import dev.greeter.conformance.spec.Defaults;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;

/**
 * The probe's control channel is the holder container's stdin and stdout: the implementation under
 * test, in the holder's network namespace, finds no socket of the harness's there, and nothing is
 * published on the host; the probe still answers once a server runs next to it.
 */
class ControlChannelIT {

    private static final String DOCKER_DNS = "127.0.0.11";

    @Test
    void theSharedNamespaceHoldsNoControlSocketAndTheProbeAnswersBesideAServer() {
        HarnessConfig config = HarnessConfig.defaults(Optional.of(OwnImageConformanceIT.IMAGE), Optional.empty(), List.of());
        try (Lab lab = Lab.open(config); ServerStage stage = lab.serverStage()) {
            // Docker's embedded DNS server for user-defined networks listens in every such namespace on 127.0.0.11.
            assertThat(stage.sockets().allListeners()).as("LISTEN sockets in the holder's namespace before any server, but Docker's DNS")
                    .filteredOn(l -> !l.address().equals(DOCKER_DNS)).isEmpty();

            stage.server().start();
            assertThat(stage.awaitAccepting().ready()).as("server accepting").isTrue();
            assertThat(stage.sockets().allListeners()).as("LISTEN sockets once the server runs: the server's alone")
                    .filteredOn(l -> !l.address().equals(DOCKER_DNS))
                    .extracting(ProbeReply.Listener::port).containsOnly(Defaults.PORT);
            assertThat(stage.clients().serve().served()).isTrue();
            assertThat(stage.local().call(new ProbeRequest.Hello("greeter-probe/2"), ProbeReply.Ready.class).protocol())
                    .isEqualTo("greeter-probe/2");

            InspectContainerResponse server = DockerClientFactory.instance().client().inspectContainerCmd(stage.server().containerId()).exec();
            String holderId = server.getHostConfig().getNetworkMode().substring("container:".length());
            InspectContainerResponse holder = DockerClientFactory.instance().client().inspectContainerCmd(holderId).exec();
            assertThat(holder.getConfig().getExposedPorts()).as("ports the holder exposes").isNullOrEmpty();
            assertThat(holder.getHostConfig().getPortBindings().getBindings()).as("ports the holder publishes").isEmpty();
            assertThat(holder.getConfig().getStdinOpen()).as("stdin open: the control channel").isTrue();
            assertThat(holder.getConfig().getTty()).isFalse();
        }
    }
}
