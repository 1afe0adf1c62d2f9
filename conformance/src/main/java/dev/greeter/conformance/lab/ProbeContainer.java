package dev.greeter.conformance.lab;

import dev.greeter.conformance.probe.ProbeAgent;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.Awaitility;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.AbstractWaitStrategy;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.utility.DockerImageName;

/** A container running the probe agent; the harness reaches it through its published control port. */
final class ProbeContainer extends GenericContainer<ProbeContainer> {

    static final int CONTROL_PORT = 4000;

    private ProbeClient client;

    ProbeContainer(String image) {
        super(DockerImageName.parse(image));
        withCopyToContainer(Transferable.of(ProbeJar.bytes()), "/probe/probe.jar");
        withCommand("java", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto", "-XX:-UsePerfData",
                "-cp", "/probe/probe.jar", ProbeAgent.class.getName(), String.valueOf(CONTROL_PORT));
        withExposedPorts(CONTROL_PORT);
        waitingFor(new HelloWait());
    }

    ProbeClient client() {
        return client;
    }

    @Override
    public void stop() {
        if (client != null) {
            try {
                client.close();
            } catch (IOException ignored) {
                // The container goes next.
            }
            client = null;
        }
        super.stop();
    }

    /** Ready when the agent itself says hello: the published port's proxy accepts before the agent listens. */
    private final class HelloWait extends AbstractWaitStrategy {
        @Override
        protected void waitUntilReady() {
            AtomicReference<ProbeClient> connected = new AtomicReference<>();
            Awaitility.await("probe agent in " + getDockerImageName() + " says hello")
                    .atMost(startupTimeout.compareTo(Duration.ofSeconds(60)) > 0 ? startupTimeout : Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(50))
                    .ignoreExceptionsInstanceOf(IOException.class)
                    .until(() -> {
                        connected.set(ProbeClient.connect(getHost(), getMappedPort(CONTROL_PORT)));
                        return true;
                    });
            client = connected.get();
        }
    }
}
