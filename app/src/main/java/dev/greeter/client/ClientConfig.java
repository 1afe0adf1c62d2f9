package dev.greeter.client;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;

/**
 * @param server         resolved address of the server
 * @param connectTimeout bound on the TCP handshake
 * @param readTimeout    bound on the whole greeting, from connection to end of stream
 */
public record ClientConfig(InetSocketAddress server, Duration connectTimeout, Duration readTimeout) {
    public ClientConfig {
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(readTimeout, "readTimeout");
    }

    public String target() {
        return server.getAddress().getHostAddress() + ":" + server.getPort();
    }
}
