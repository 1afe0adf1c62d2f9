package dev.greeter.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.HostConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;

/**
 * Our image starts its server from the AOT cache trained at build time (app/src/main/aot): the JVM says it opened
 * the cache, and every class of ours the server loads to start comes from it. And the cache cannot go stale
 * silently: the image runs the JVM with -XX:AOTMode=on, so a cache that does not match the JVM's configuration
 * stops the JVM at start (the build then fails here and in every other IT) instead of slowing the start down.
 * How fast it starts is measured by ci/bench-startup, not here.
 */
class OwnImageStartupIT {

    private static final String CACHE = "/app/aot/greeter.aot";
    private static final Pattern OUR_CLASS = Pattern.compile("\\] (dev\\.greeter\\.\\S+) source: (.+)$", Pattern.MULTILINE);

    @Test
    void theJvmOpensTheCacheAndEveryClassTheServerLoadsToStartComesFromIt() {
        try (GenericContainer<?> server = new GenericContainer<>(DockerImageName.parse(OwnImageConformanceIT.IMAGE))
                .withNetworkMode("none")
                .withEnv("JAVA_TOOL_OPTIONS", "-Xlog:aot=info -Xlog:class+load=info")
                // As users are told to run it: the cache is only read, never written.
                .withCreateContainerCmdModifier(cmd -> cmd.getHostConfig().withReadonlyRootfs(true))
                .waitingFor(Wait.forLogMessage(".*greeter server listening.*", 1).withStartupTimeout(Duration.ofSeconds(30)))) {
            server.start();
            String log = server.getLogs();
            String start = log.substring(0, log.indexOf("greeter server listening"));
            assertThat(start).as("the JVM's AOT log").contains("Opened AOT cache " + CACHE + ".");
            Matcher m = OUR_CLASS.matcher(start);
            List<String> loaded = new ArrayList<>();
            List<String> notCached = new ArrayList<>();
            while (m.find()) {
                loaded.add(m.group(1));
                if (!m.group(2).startsWith("shared objects file")) {
                    notCached.add(m.group(1) + " from " + m.group(2));
                }
            }
            assertThat(loaded).as("our classes loaded before listening").contains(
                    "dev.greeter.cli.GreeterCommand", "dev.greeter.cli.ServerCommand", "dev.greeter.server.GreetingServer",
                    "dev.greeter.server.NativeSockets");
            assertThat(notCached).as("classes not from the image's AOT cache (stale or untrained?)").isEmpty();
        }
    }

    @Test
    void aCacheThatDoesNotMatchTheJvmStopsItInsteadOfSlowingItDown() throws Exception {
        List<String> entrypoint = Arrays.asList(docker().inspectImageCmd(OwnImageConformanceIT.IMAGE).exec().getConfig().getEntrypoint());
        assertThat(entrypoint).as("the image's java command").contains("-XX:AOTCache=" + CACHE, "-XX:AOTMode=on");

        // The cache was made with compressed object pointers; a JVM without them cannot map it. With the JVM's
        // default (AOTMode=auto) it would start without the cache, slower and without a word; with ours it refuses.
        String id = docker().createContainerCmd(OwnImageConformanceIT.IMAGE)
                .withEnv("JAVA_TOOL_OPTIONS=-XX:-UseCompressedOops")
                .withHostConfig(HostConfig.newHostConfig().withNetworkMode("none"))
                .exec().getId();
        try {
            docker().startContainerCmd(id).exec();
            Integer status = docker().waitContainerCmd(id).start().awaitStatusCode(30, TimeUnit.SECONDS);
            assertThat(status).as("exit status of the server with a mismatched cache").isNotZero();
            assertThat(logs(id)).as("what the JVM said").contains("Unable to use AOT cache");
        } finally {
            docker().removeContainerCmd(id).withForce(true).exec();
        }
    }

    private static DockerClient docker() {
        return DockerClientFactory.instance().client();
    }

    private static String logs(String id) throws InterruptedException {
        StringBuilder out = new StringBuilder();
        docker().logContainerCmd(id).withStdOut(true).withStdErr(true).exec(new ResultCallback.Adapter<Frame>() {
            @Override
            public void onNext(Frame frame) {
                out.append(new String(frame.getPayload(), java.nio.charset.StandardCharsets.UTF_8));
            }
        }).awaitCompletion(10, TimeUnit.SECONDS);
        return out.toString();
    }
}
