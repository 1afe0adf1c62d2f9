package dev.greeter.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.TopContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import dev.greeter.conformance.lab.Lab;
import dev.greeter.conformance.lab.ServerStage;
import dev.greeter.conformance.probe.ProbeReply;
import dev.greeter.conformance.probe.ProbeReply.ExchangeResult;
import dev.greeter.conformance.config.HarnessConfig;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;

/**
 * Our image as users are told to run it — read-only, no capabilities, no-new-privileges — runs as a
 * non-root user, carries no shell or package manager, and stops gracefully: on SIGTERM it greets the
 * connections already queued and exits 0 within a second.
 */
class OwnImageHardeningIT {

    static final String IMAGE = OwnImageConformanceIT.IMAGE;
    static Lab lab;

    @BeforeAll
    static void openLab() {
        lab = Lab.open(HarnessConfig.defaults(Optional.of(IMAGE), Optional.empty(), List.of()));
    }

    @AfterAll
    static void closeLab() {
        lab.close();
    }

    static DockerClient docker() {
        return DockerClientFactory.instance().client();
    }

    @Test
    void theImageDeclaresANumericNonRootUser() {
        assertThat(docker().inspectImageCmd(IMAGE).exec().getConfig().getUser()).isEqualTo("65532:65532");
    }

    @Test
    void hardenedItServesAsANonRootProcessAndHasNoShellOrPackageManager() {
        try (ServerStage stage = lab.serverStage()) {
            stage.server().start();
            assertThat(stage.awaitAccepting().ready()).as("serving while read-only, without capabilities").isTrue();
            assertThat(stage.clients().serve().served()).isTrue();
            TopContainerResponse top = docker().topContainerCmd(stage.server().containerId()).withPsArgs("-o pid,uid,comm").exec();
            List<String[]> processes = Arrays.asList(top.getProcesses());
            assertThat(processes).as("processes " + Arrays.deepToString(top.getProcesses())).isNotEmpty()
                    .allSatisfy(p -> assertThat(p[1]).as("uid of " + p[2]).isEqualTo("65532"));
            for (String path : List.of("/bin/sh", "/usr/bin/sh", "/bin/bash", "/usr/bin/apt-get", "/usr/bin/dpkg", "/sbin/apk")) {
                assertThatThrownBy(() -> docker().copyArchiveFromContainerCmd(stage.server().containerId(), path).exec().close())
                        .as(path + " in the image").isInstanceOf(NotFoundException.class);
            }
        }
    }

    @Test
    void sigtermGreetsTheQueuedConnectionsAndExitsZeroWithinOneSecond() {
        try (ServerStage stage = lab.serverStage()) {
            stage.server().start();
            assertThat(stage.awaitAccepting().ready()).isTrue();
            // Frozen, the server cannot accept: these three wait in the kernel's queue, and SIGTERM follows
            // the resume at once, while they are still being accepted and greeted. (A signal is not sent to
            // the frozen container itself: the engine may then report it stopped and refuse to resume it.)
            stage.server().pause();
            ProbeReply.Opened queued = stage.clients().open(3, Duration.ofSeconds(1));
            stage.server().unpause();
            stage.server().signal("SIGTERM");
            long signalled = System.nanoTime();
            ProbeReply.Drained drained = stage.clients().drain(Duration.ofSeconds(2));
            assertThat(stage.server().awaitExit(Duration.ofSeconds(1))).as("exited within 1 s of SIGTERM").isTrue();
            long millis = (System.nanoTime() - signalled) / 1_000_000;
            assertThat(queued.connected()).isEqualTo(3);
            assertThat(drained.results()).as("queued connections greeted").hasSize(3).allMatch(ExchangeResult::served);
            assertThat(stage.server().state().getExitCodeLong()).as("exit status").isZero();
            assertThat(millis).as("ms from SIGTERM to exit").isLessThan(1000);
            assertThat(stage.clients().serve().outcome()).as("after exit").isEqualTo(ProbeReply.Outcome.REFUSED);
        }
    }
}
