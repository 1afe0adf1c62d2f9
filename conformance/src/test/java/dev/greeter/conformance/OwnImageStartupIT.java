package dev.greeter.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;

/**
 * Our image starts its server from the class-data sharing archive trained at build time (app/src/main/cds).
 * The JVM ignores a missing or stale archive without a word and merely starts slower, so this asks the JVM
 * itself where each of our classes came from. How fast it starts is measured by ci/bench-startup, not here.
 */
class OwnImageStartupIT {

    private static final Pattern OUR_CLASS = Pattern.compile("\\] (dev\\.greeter\\.\\S+) source: (.+)$", Pattern.MULTILINE);

    @Test
    void everyClassTheServerLoadsToStartComesFromTheArchive() {
        try (GenericContainer<?> server = new GenericContainer<>(DockerImageName.parse(OwnImageConformanceIT.IMAGE))
                .withNetworkMode("none")
                .withEnv("JAVA_TOOL_OPTIONS", "-Xlog:class+load=info")
                // As users are told to run it: the archive is only read, never written.
                .withCreateContainerCmdModifier(cmd -> cmd.getHostConfig().withReadonlyRootfs(true))
                .waitingFor(Wait.forLogMessage(".*greeter server listening.*", 1).withStartupTimeout(Duration.ofSeconds(30)))) {
            server.start();
            String log = server.getLogs();
            Matcher m = OUR_CLASS.matcher(log.substring(0, log.indexOf("greeter server listening")));
            List<String> loaded = new ArrayList<>();
            List<String> notShared = new ArrayList<>();
            while (m.find()) {
                loaded.add(m.group(1));
                if (!m.group(2).equals("shared objects file (top)")) {
                    notShared.add(m.group(1) + " from " + m.group(2));
                }
            }
            assertThat(loaded).as("our classes loaded before listening").contains(
                    "dev.greeter.cli.GreeterCommand", "dev.greeter.cli.ServerCommand", "dev.greeter.server.GreetingServer");
            assertThat(notShared).as("classes not from the image's archive (stale or untrained?)").isEmpty();
        }
    }
}
