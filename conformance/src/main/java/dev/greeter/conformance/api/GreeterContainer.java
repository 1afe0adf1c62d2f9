package dev.greeter.conformance.api;

import dev.greeter.conformance.spec.Defaults;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * The greeter server image as a Testcontainers container, to test a client of the greeting protocol against:
 *
 * <pre>{@code
 * try (GreeterContainer server = new GreeterContainer("greeter:0.1.0").withGreeting("hello")) {
 *     server.start();
 *     myClient.fetch(server.getHost(), server.getGreetingPort());   // "hello"
 * }
 * }</pre>
 *
 * <p>The image runs {@code server --greeting TEXT --backlog N}. {@link #start()} returns once a connection through the
 * mapped port received the whole greeting and an end of stream: the engine's port proxy accepts connections before
 * the server listens, so an open port alone proves nothing, and no log line is needed. An image of another name (a
 * build of your own) is accepted when declared a substitute:
 * {@code DockerImageName.parse("my/greeter:2").asCompatibleSubstituteFor("greeter")}.
 */
public class GreeterContainer extends GenericContainer<GreeterContainer> {

    /** The image name this module is for; any tag. */
    public static final DockerImageName DEFAULT_IMAGE_NAME = DockerImageName.parse("greeter");

    /** The port the server listens on inside the container. */
    public static final int GREETING_PORT = Defaults.PORT;

    private String greeting = Defaults.GREETING;
    private int backlog = Defaults.BACKLOG;

    /** A container of {@code dockerImageName}, which must be {@code greeter} (any tag) or declared compatible with it. */
    public GreeterContainer(String dockerImageName) {
        this(DockerImageName.parse(dockerImageName));
    }

    /** A container of {@code dockerImageName}, which must be {@code greeter} (any tag) or declared compatible with it. */
    @SuppressWarnings("this-escape") // GenericContainer's setters, called as every Testcontainers module calls them
    public GreeterContainer(DockerImageName dockerImageName) {
        super(dockerImageName);
        dockerImageName.assertCompatibleWith(DEFAULT_IMAGE_NAME);
        addExposedPort(GREETING_PORT);
        setWaitStrategy(new GreetingWaitStrategy(GREETING_PORT, () -> greeting));
    }

    /** The greeting the server sends each client, as UTF-8 with no terminator (default {@code Thank you for connecting}). */
    public GreeterContainer withGreeting(String greeting) {
        Objects.requireNonNull(greeting, "greeting");
        int bytes = greeting.getBytes(StandardCharsets.UTF_8).length;
        if (bytes < 1 || bytes > 65_536) {
            throw new IllegalArgumentException("greeting of " + bytes + " bytes: the server sends 1-65536");
        }
        this.greeting = greeting;
        return self();
    }

    /** The listen backlog the server declares, 1-65535 (default 5; the kernel caps it at {@code net.core.somaxconn}). */
    public GreeterContainer withBacklog(int backlog) {
        if (backlog < 1 || backlog > 65_535) {
            throw new IllegalArgumentException("backlog " + backlog + " is not in 1-65535");
        }
        this.backlog = backlog;
        return self();
    }

    /** The greeting this container's server sends. */
    public String getGreeting() {
        return greeting;
    }

    /** The host port mapped to the server's port: connect to {@link #getHost()} on it. */
    public int getGreetingPort() {
        return getMappedPort(GREETING_PORT);
    }

    @Override
    protected void configure() {
        // Set at start, not in each with-method, so that the two options compose in any order.
        setCommand("server", "--greeting", greeting, "--backlog", String.valueOf(backlog));
    }
}
