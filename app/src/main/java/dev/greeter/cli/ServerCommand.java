package dev.greeter.cli;

import dev.greeter.protocol.Protocol;
import dev.greeter.protocol.Transport;
import dev.greeter.server.DatagramServer;
import dev.greeter.server.GreetingServer;
import dev.greeter.server.PathTakenException;
import dev.greeter.server.Server;
import dev.greeter.server.ServerConfig;
import dev.greeter.server.SocketIo;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnixDomainSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import sun.misc.Signal;

/** {@code greeter server}: resolves its options into a {@link ServerConfig} once, then serves until a signal. */
final class ServerCommand implements Subcommand {

    private static final List<Option> OPTIONS = List.of(
            Transports.OPTION,
            new Option("--bind", "ADDRESS", Protocol.ALL_INTERFACES,
                    "Address to listen on; :: is all interfaces, IPv6 and IPv4 (0.0.0.0 where there is no IPv6), 0.0.0.0 all"
                            + " IPv4 ones, 127.0.0.1 loopback only (tcp, udp)"),
            new Option("--port", "PORT", Integer.toString(Protocol.DEFAULT_PORT),
                    "Port, 0 for any free port (tcp, udp)"),
            Transports.pathOption("listen on; its directory must exist and be writable"),
            new Option("--backlog", "N", Integer.toString(Protocol.DEFAULT_BACKLOG),
                    "Listen backlog: connections the kernel queues while none is accepted, 1-65535 (tcp, unix)"),
            new Option("--greeting", "TEXT", Protocol.DEFAULT_GREETING,
                    "Bytes sent to each client, UTF-8, no terminator added; for udp at most "
                            + Protocol.UDP_REQUEST_BYTES + " bytes"),
            new Option("--io", "MODE", "auto",
                    "native: its own socket, accept4/send/close called in libc through FFM (Linux, tcp, greetings up to "
                            + GreetingServer.ONE_WRITE_MAX_BYTES + " bytes); jdk: the JDK's channels; "
                            + "auto: native where it can, else jdk. The listening line says which"));

    @Override
    public String name() {
        return "server";
    }

    @Override
    public List<String> description() {
        return List.of("Listen for TCP connections; send each the greeting, then close it (FIN).",
                "With --transport unix the same on a Unix-domain socket; with --transport udp, answer each datagram "
                        + "at least as long as the greeting with one datagram holding it.",
                "Serves until SIGTERM or SIGINT, then stops accepting, finishes greetings in flight and exits 0.");
    }

    @Override
    public List<Option> options() {
        return OPTIONS;
    }

    @Override
    public int run(Arguments arguments, PrintWriter out, PrintWriter err) throws IOException {
        ServerConfig config = resolve(arguments);
        Server server = bind(config, arguments.value("--bind"));
        Signal.handle(new Signal("TERM"), signal -> server.stop());
        Signal.handle(new Signal("INT"), signal -> server.stop());
        out.println("greeter server listening on " + server);
        out.flush();
        server.serve();
        out.println("greeter server stopped: " + server.served() + " greeted, " + server.dropped() + " dropped"
                + (server instanceof DatagramServer udp ? " (" + udp.tooShort() + " requests shorter than the greeting)" : ""));
        return ExitCodes.OK;
    }

    /** An address or path someone else has is the command line's to change (2); anything else is a failure (1). */
    private static Server bind(ServerConfig config, String bind) {
        String where = switch (config.transport()) {
            case TCP -> ServerConfig.where(config.inetAddress());
            case UDP -> "udp " + ServerConfig.where(config.inetAddress());
            case UNIX -> "unix " + config.path();
        };
        try {
            return Server.bind(config);
        } catch (PathTakenException e) {
            throw new UsageException(e.getMessage());
        } catch (BindException e) {
            int port = config.transport() == Transport.UNIX ? 0 : config.inetAddress().getPort();
            throw new UsageException("cannot listen on " + where + ": " + e.getMessage()
                    + (port != 0 && "Address already in use".equals(e.getMessage()) ? " (port " + port + " is taken)" : ""));
        } catch (IOException e) {
            throw new CommandFailure("cannot listen on " + where + ": " + e.getMessage(), e);
        }
    }

    static ServerConfig resolve(Arguments arguments) {
        Transport transport = Transports.resolve(arguments, List.of("--bind", "--port"));
        // A datagram socket has no accept queue: a backlog given with udp would be silently without effect.
        if (transport == Transport.UDP && arguments.given("--backlog")) {
            throw new UsageException("option '--backlog' does not apply to --transport udp (a datagram socket has no accept queue)");
        }
        int backlog = arguments.intValue("--backlog");
        if (backlog < 1 || backlog > 65535) {
            throw UsageException.invalid("--backlog", backlog + " is not in 1-65535");
        }
        String greeting = arguments.value("--greeting");
        int length = greeting.getBytes(StandardCharsets.UTF_8).length;
        int max = transport == Transport.UDP ? Protocol.UDP_REQUEST_BYTES : Protocol.MAX_GREETING_BYTES;
        if (length == 0 || length > max) {
            throw UsageException.invalid("--greeting", length + " bytes is not in 1-" + max
                    + (transport == Transport.UDP ? " (udp: clients pad their requests to " + max + " bytes)" : ""));
        }
        SocketIo io;
        try {
            io = SocketIo.choose(arguments.value("--io"), transport, length);
        } catch (IllegalArgumentException e) {
            throw UsageException.invalid("--io", e.getMessage());
        }
        if (transport == Transport.UNIX) {
            return new ServerConfig(transport, UnixDomainSocketAddress.of(Transports.path(arguments)), backlog, greeting,
                    ServerConfig.DEFAULT_WRITE_TIMEOUT, io);
        }
        int port = Addresses.port(arguments.intValue("--port"), 0);
        String bind = arguments.value("--bind");
        InetAddress address = Addresses.resolve("--bind", bind);
        if (address instanceof java.net.Inet6Address && address.isAnyLocalAddress() && !Addresses.ipv6Available()) {
            address = Addresses.resolve("--bind", Protocol.ALL_IPV4_INTERFACES);
        }
        if (!address.isAnyLocalAddress() && !isLocal(address)) {
            throw UsageException.invalid("--bind", "'" + bind + "' is not an address of this host");
        }
        return new ServerConfig(transport, new InetSocketAddress(address, port), backlog, greeting, ServerConfig.DEFAULT_WRITE_TIMEOUT,
                io);
    }

    private static boolean isLocal(InetAddress address) {
        try {
            return address.isLoopbackAddress() || NetworkInterface.getByInetAddress(address) != null;
        } catch (SocketException e) {
            return false;
        }
    }
}
