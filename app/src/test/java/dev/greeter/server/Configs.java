package dev.greeter.server;

import dev.greeter.protocol.Transport;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.file.Path;
import java.time.Duration;

/** The configurations the server tests bind, each transport's irrelevant fields at their defaults. */
public final class Configs {

    private Configs() {
    }

    public static ServerConfig tcp(InetAddress bindAddress, int port, int backlog, String greeting, Duration writeTimeout,
            SocketIo io) {
        return new ServerConfig(Transport.TCP, new InetSocketAddress(bindAddress, port), backlog, greeting, writeTimeout, io);
    }

    public static ServerConfig udp(InetAddress bindAddress, int port, String greeting) {
        return new ServerConfig(Transport.UDP, new InetSocketAddress(bindAddress, port), 1, greeting,
                ServerConfig.DEFAULT_WRITE_TIMEOUT, SocketIo.JDK);
    }

    public static ServerConfig unix(Path path, int backlog, String greeting) {
        return new ServerConfig(Transport.UNIX, UnixDomainSocketAddress.of(path), backlog, greeting,
                ServerConfig.DEFAULT_WRITE_TIMEOUT, SocketIo.JDK);
    }
}
