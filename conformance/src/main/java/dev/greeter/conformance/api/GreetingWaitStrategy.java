package dev.greeter.conformance.api;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.testcontainers.containers.ContainerLaunchException;
import org.testcontainers.containers.wait.strategy.AbstractWaitStrategy;

/**
 * Waits until a connection to the mapped {@code port} receives exactly the greeting followed by an end of stream.
 * Through a published port the engine's proxy accepts a connection even while nothing listens behind it, and then
 * closes it with nothing sent; only a greeting received proves the server serves. Usable with any image of a greeting
 * server: {@code container.waitingFor(new GreetingWaitStrategy(40674, () -> "Thank you for connecting"))}.
 */
public final class GreetingWaitStrategy extends AbstractWaitStrategy {

    /** A connection's whole exchange is bounded, so a server that accepts and stays silent costs one attempt, not the timeout. */
    private static final Duration ATTEMPT = Duration.ofSeconds(2);

    private final int port;
    private final Supplier<String> greeting;

    /** Waits for {@code greeting} (read when the wait starts, so it may still change until then) on container port {@code port}. */
    public GreetingWaitStrategy(int port, Supplier<String> greeting) {
        this.port = port;
        this.greeting = greeting;
    }

    @Override
    protected void waitUntilReady() {
        String host = waitStrategyTarget.getHost();
        int mapped = waitStrategyTarget.getMappedPort(port);
        byte[] expected = greeting.get().getBytes(StandardCharsets.UTF_8);
        AtomicReference<String> last = new AtomicReference<>("no attempt finished");
        try {
            Awaitility.await("greeting on " + host + ":" + mapped).atMost(startupTimeout).pollDelay(Duration.ZERO)
                    .pollInterval(Duration.ofMillis(100)).until(() -> {
                        String got = attempt(host, mapped, expected);
                        last.set(got);
                        return got == null;
                    });
        } catch (ConditionTimeoutException e) {
            throw new ContainerLaunchException("the server on " + host + ":" + mapped + " did not send its greeting within "
                    + startupTimeout.toSeconds() + " s; last attempt: " + last.get());
        }
    }

    /** Null when the greeting and an end of stream arrived; else what happened instead. */
    private static String attempt(String host, int port, byte[] expected) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, port), (int) ATTEMPT.toMillis());
            s.setSoTimeout((int) ATTEMPT.toMillis());
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            InputStream in = s.getInputStream();
            byte[] buf = new byte[8192];
            for (int n; (n = in.read(buf)) >= 0; ) {
                got.write(buf, 0, n);
                if (got.size() > expected.length) {
                    break;
                }
            }
            byte[] received = got.toByteArray();
            return Arrays.equals(received, expected) ? null
                    : "received " + received.length + " bytes, not the " + expected.length + "-byte greeting";
        } catch (IOException e) {
            return e.toString();
        }
    }
}
