package dev.greeter.cli;

import dev.greeter.protocol.Protocol;
import dev.greeter.server.GreetingServer;
import dev.greeter.server.ServerConfig;
import dev.greeter.server.SocketIo;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.BindException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import sun.misc.Signal;

/** {@code greeter server}: resolves its options into a {@link ServerConfig} once, then serves until a signal. */
final class ServerCommand implements Subcommand {

    private static final List<Option> OPTIONS = List.of(
            new Option("--bind", "ADDRESS", Protocol.ALL_INTERFACES,
                    "Address to listen on; 0.0.0.0 is all interfaces, 127.0.0.1 loopback only"),
            new Option("--port", "PORT", Integer.toString(Protocol.DEFAULT_PORT),
                    "TCP port, 0 for any free port"),
            new Option("--backlog", "N", Integer.toString(Protocol.DEFAULT_BACKLOG),
                    "Listen backlog: completed handshakes the kernel queues while none is accepted, 1-65535"),
            new Option("--greeting", "TEXT", Protocol.DEFAULT_GREETING,
                    "Bytes sent to each client, UTF-8, no terminator added"),
            new Option("--io", "MODE", "auto",
                    "native: its own socket, accept4/send/close called in libc through FFM (Linux, greetings up to "
                            + GreetingServer.ONE_WRITE_MAX_BYTES + " bytes); jdk: the JDK's channels; "
                            + "auto: native where it can, else jdk. The listening line says which"));

    @Override
    public String name() {
        return "server";
    }

    @Override
    public List<String> description() {
        return List.of("Listen for TCP connections; send each the greeting, then close it (FIN).",
                "Serves until SIGTERM or SIGINT, then stops accepting, finishes greetings in flight and exits 0.");
    }

    @Override
    public List<Option> options() {
        return OPTIONS;
    }

    @Override
    public int run(Arguments arguments, PrintWriter out, PrintWriter err) throws IOException {
        ServerConfig config = resolve(arguments);
        GreetingServer server;
        try {
            server = GreetingServer.bind(config);
        } catch (BindException e) {
            String where = arguments.value("--bind") + ":" + config.port();
            throw new UsageException("cannot listen on " + where + ": " + e.getMessage()
                    + (config.port() != 0 && "Address already in use".equals(e.getMessage()) ? " (port " + config.port() + " is taken)" : ""));
        }
        Signal.handle(new Signal("TERM"), signal -> server.stop());
        Signal.handle(new Signal("INT"), signal -> server.stop());
        out.println("greeter server listening on " + server);
        out.flush();
        server.serve();
        out.println("greeter server stopped: " + server.served() + " greeted, " + server.dropped() + " dropped");
        return ExitCodes.OK;
    }

    static ServerConfig resolve(Arguments arguments) {
        int port = Addresses.port(arguments.intValue("--port"), 0);
        int backlog = arguments.intValue("--backlog");
        if (backlog < 1 || backlog > 65535) {
            throw UsageException.invalid("--backlog", backlog + " is not in 1-65535");
        }
        String greeting = arguments.value("--greeting");
        int length = greeting.getBytes(StandardCharsets.UTF_8).length;
        if (length == 0 || length > Protocol.MAX_GREETING_BYTES) {
            throw UsageException.invalid("--greeting", length + " bytes is not in 1-" + Protocol.MAX_GREETING_BYTES);
        }
        String bind = arguments.value("--bind");
        InetAddress address = Addresses.resolve("--bind", bind);
        if (!address.isAnyLocalAddress() && !isLocal(address)) {
            throw UsageException.invalid("--bind", "'" + bind + "' is not an address of this host");
        }
        return new ServerConfig(address, port, backlog, greeting, ServerConfig.DEFAULT_WRITE_TIMEOUT,
                io(arguments.value("--io"), length));
    }

    private static SocketIo io(String mode, int greetingLength) {
        boolean fits = greetingLength <= GreetingServer.ONE_WRITE_MAX_BYTES;
        switch (mode) {
            case "auto":
                return fits && SocketIo.nativeUnavailableReason().isEmpty() ? SocketIo.NATIVE : SocketIo.JDK;
            case "jdk":
                // Without linking the native path at all: that costs start time (README "Performance").
                return SocketIo.JDK;
            case "native":
                Optional<String> unavailable = SocketIo.nativeUnavailableReason();
                if (unavailable.isPresent()) {
                    throw UsageException.invalid("--io", "'native' is not available here: " + unavailable.get());
                }
                if (!fits) {
                    throw UsageException.invalid("--io", "'native' takes greetings up to " + GreetingServer.ONE_WRITE_MAX_BYTES
                            + " bytes; --greeting has " + greetingLength);
                }
                return SocketIo.NATIVE;
            default:
                throw UsageException.invalid("--io", "'" + mode + "' is not one of auto, native, jdk");
        }
    }

    private static boolean isLocal(InetAddress address) {
        try {
            return address.isLoopbackAddress() || NetworkInterface.getByInetAddress(address) != null;
        } catch (SocketException e) {
            return false;
        }
    }
}
