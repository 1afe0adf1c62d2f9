package dev.greeter.server;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;

/**
 * Everything the server needs, resolved and validated once by the command line.
 *
 * @param bindAddress  interface to listen on; the wildcard address means all interfaces
 * @param port         0 lets the kernel choose (the listening line and {@link GreetingServer#localAddress()} tell which)
 * @param backlog      passed to listen(2): how many completed handshakes the kernel queues while nobody accepts
 * @param greeting     sent, UTF-8 encoded and unterminated, to every client
 * @param writeTimeout how long a client that does not take the greeting may hold its connection
 * @param io           how connections are accepted and greeted; {@link SocketIo#NATIVE} only where it is
 *                     available and the greeting is at most {@link GreetingServer#ONE_WRITE_MAX_BYTES}
 */
public record ServerConfig(InetAddress bindAddress, int port, int backlog, String greeting, Duration writeTimeout,
        SocketIo io) {

    public static final Duration DEFAULT_WRITE_TIMEOUT = Duration.ofSeconds(5);

    public ServerConfig {
        Objects.requireNonNull(bindAddress, "bindAddress");
        Objects.requireNonNull(greeting, "greeting");
        Objects.requireNonNull(writeTimeout, "writeTimeout");
        Objects.requireNonNull(io, "io");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is not in 0-65535");
        }
        if (backlog < 1) {
            throw new IllegalArgumentException("backlog " + backlog + " is less than 1");
        }
        if (io == SocketIo.NATIVE && greeting.getBytes(StandardCharsets.UTF_8).length > GreetingServer.ONE_WRITE_MAX_BYTES) {
            throw new IllegalArgumentException("native I/O takes greetings up to " + GreetingServer.ONE_WRITE_MAX_BYTES + " bytes");
        }
    }

    /** The JDK's channels: works everywhere, with any greeting. */
    public ServerConfig(InetAddress bindAddress, int port, int backlog, String greeting, Duration writeTimeout) {
        this(bindAddress, port, backlog, greeting, writeTimeout, SocketIo.JDK);
    }

    public InetSocketAddress socketAddress() {
        return new InetSocketAddress(bindAddress, port);
    }

    public byte[] greetingBytes() {
        return greeting.getBytes(StandardCharsets.UTF_8);
    }
}
