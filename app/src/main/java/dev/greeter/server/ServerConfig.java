package dev.greeter.server;

import dev.greeter.protocol.Protocol;
import dev.greeter.protocol.Transport;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Everything a server needs, resolved and validated once by the command line and passed down unchanged.
 *
 * @param transport    TCP, UDP or a Unix-domain stream socket
 * @param address      an {@link InetSocketAddress} for TCP and UDP (the wildcard address means all interfaces; port 0
 *                     lets the kernel choose, which the listening line tells), a {@link UnixDomainSocketAddress}
 *                     for Unix
 * @param backlog      passed to listen(2) (TCP, Unix): how many connections the kernel queues while nobody accepts
 * @param greeting     sent, UTF-8 encoded and unterminated, to every client; for UDP at most
 *                     {@link Protocol#UDP_REQUEST_BYTES}, the size clients pad their requests to
 * @param writeTimeout how long a client that does not take the greeting may hold its connection (TCP, Unix)
 * @param io           how connections are accepted and greeted, within the limits of {@link SocketIo#refusal}
 */
public record ServerConfig(Transport transport, SocketAddress address, int backlog, String greeting, Duration writeTimeout,
        SocketIo io) {

    public static final Duration DEFAULT_WRITE_TIMEOUT = Duration.ofSeconds(5);

    public ServerConfig {
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(greeting, "greeting");
        Objects.requireNonNull(writeTimeout, "writeTimeout");
        Objects.requireNonNull(io, "io");
        if ((transport == Transport.UNIX) != (address instanceof UnixDomainSocketAddress)
                || (transport != Transport.UNIX && !(address instanceof InetSocketAddress))) {
            throw new IllegalArgumentException(transport.label() + " cannot listen on " + address);
        }
        if (backlog < 1) {
            throw new IllegalArgumentException("backlog " + backlog + " is less than 1");
        }
        int length = greeting.getBytes(StandardCharsets.UTF_8).length;
        if (length == 0) {
            throw new IllegalArgumentException("the greeting is empty");
        }
        if (transport == Transport.UDP && length > Protocol.UDP_REQUEST_BYTES) {
            throw new IllegalArgumentException("a UDP greeting is at most " + Protocol.UDP_REQUEST_BYTES + " bytes");
        }
        io.refusal(transport, length).ifPresent(why -> {
            throw new IllegalArgumentException(why);
        });
    }

    /** An address and port as the server's lines show it: {@code 0.0.0.0:40674}, {@code [::]:40674}, {@code [0:0:0:0:0:0:0:1]:40674}. */
    public static String where(InetSocketAddress address) {
        java.net.InetAddress a = address.getAddress();
        String host = a instanceof java.net.Inet6Address ? "[" + (a.isAnyLocalAddress() ? "::" : a.getHostAddress().replaceAll("%.*", "")) + "]"
                : a.getHostAddress();
        return host + ":" + address.getPort();
    }

    /** TCP's and UDP's address; an {@link IllegalStateException} for Unix. */
    public InetSocketAddress inetAddress() {
        if (address instanceof InetSocketAddress inet) {
            return inet;
        }
        throw new IllegalStateException(transport.label() + " has no IP address");
    }

    /** The Unix-domain socket's path; an {@link IllegalStateException} for TCP and UDP. */
    public Path path() {
        if (address instanceof UnixDomainSocketAddress unix) {
            return unix.getPath();
        }
        throw new IllegalStateException(transport.label() + " has no path");
    }

    public byte[] greetingBytes() {
        return greeting.getBytes(StandardCharsets.UTF_8);
    }
}
