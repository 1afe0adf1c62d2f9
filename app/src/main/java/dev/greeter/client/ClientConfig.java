package dev.greeter.client;

import dev.greeter.protocol.Transport;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.time.Duration;
import java.util.Objects;

/**
 * @param transport      TCP, UDP or a Unix-domain stream socket
 * @param server         the server's resolved {@link InetSocketAddress} (TCP, UDP) or {@link UnixDomainSocketAddress}
 * @param connectTimeout bound on the TCP handshake, or on a Unix connect waiting for room in a full accept queue;
 *                       UDP has no connection to wait for
 * @param readTimeout    bound on the whole greeting, from connection (UDP: the first request) to its end
 */
public record ClientConfig(Transport transport, SocketAddress server, Duration connectTimeout, Duration readTimeout) {
    public ClientConfig {
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(readTimeout, "readTimeout");
        if ((transport == Transport.UNIX) != (server instanceof UnixDomainSocketAddress)
                || (transport != Transport.UNIX && !(server instanceof InetSocketAddress))) {
            throw new IllegalArgumentException(transport.label() + " cannot connect to " + server);
        }
    }

    /** {@code 127.0.0.1:40674}, or the Unix socket's path, as messages name the server. */
    public String target() {
        if (server instanceof InetSocketAddress inet) {
            return inet.getAddress().getHostAddress() + ":" + inet.getPort();
        }
        return ((UnixDomainSocketAddress) server).getPath().toString();
    }
}
