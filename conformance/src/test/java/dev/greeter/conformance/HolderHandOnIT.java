package dev.greeter.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.greeter.conformance.config.HarnessConfig;
import dev.greeter.conformance.lab.Lab;
import dev.greeter.conformance.lab.ServerStage;
import dev.greeter.conformance.probe.ProbeReply;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;

/**
 * A holder is handed on to the next stage once the harness has cleared it (its server removed, the probe's held
 * connections closed, nothing bound in the namespace), and never after a stage the harness distrusts.
 */
class HolderHandOnIT {

    private static final String DOCKER_DNS = "127.0.0.11";

    @Test
    void aClearedHolderIsHandedOnEmptyAndADistrustedOneIsNot() {
        HarnessConfig config = HarnessConfig.defaults(Optional.of(OwnImageConformanceIT.IMAGE), Optional.empty(), List.of());
        try (Lab lab = Lab.open(config)) {
            String first;
            try (ServerStage stage = lab.serverStage()) {
                first = startedHolder(stage);
                assertThat(stage.clients().serve().served()).as("a client served").isTrue();
                assertThat(stage.clients().open(2, Duration.ofSeconds(5)).connected()).as("connections the probe holds open").isEqualTo(2);
            }
            String second;
            try (ServerStage stage = lab.serverStage()) {
                assertThat(stage.sockets().allListeners()).as("LISTEN sockets in a handed-on holder before its server, but Docker's DNS")
                        .filteredOn(l -> !l.address().equals(DOCKER_DNS)).isEmpty();
                second = startedHolder(stage);
                assertThat(second).as("the cleared holder is handed on").isEqualTo(first);
                assertThat(stage.sockets().allListeners()).as("the new server's socket alone")
                        .filteredOn(l -> !l.address().equals(DOCKER_DNS)).extracting(ProbeReply.Listener::port).containsOnly(config.port());
                stage.distrust();
            }
            try (ServerStage stage = lab.serverStage()) {
                assertThat(startedHolder(stage)).as("a distrusted holder is never handed on").isNotEqualTo(second);
            }
        }
    }

    /** Starts the stage's server, waits until it accepts, and returns the id of the holder whose namespace it joined. */
    private static String startedHolder(ServerStage stage) {
        stage.server().start();
        assertThat(stage.awaitAccepting().ready()).as("server accepting").isTrue();
        String mode = DockerClientFactory.instance().client().inspectContainerCmd(stage.server().containerId()).exec()
                .getHostConfig().getNetworkMode();
        return mode.substring("container:".length());
    }
}
