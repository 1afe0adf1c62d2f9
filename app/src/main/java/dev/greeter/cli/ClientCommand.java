package dev.greeter.cli;

import dev.greeter.client.ClientConfig;
import dev.greeter.client.ClientFailure;
import dev.greeter.client.GreetingClient;
import dev.greeter.protocol.Protocol;
import java.io.PrintWriter;
import dev.greeter.protocol.Transport;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** {@code greeter client}: one connection, the greeting printed, an exit status per kind of failure. */
final class ClientCommand implements Subcommand {

    private static final List<Option> OPTIONS = List.of(
            Transports.OPTION,
            new Option("--host", "HOST", Protocol.DEFAULT_HOST, "Server host name or address (tcp, udp)"),
            new Option("--port", "PORT", Integer.toString(Protocol.DEFAULT_PORT), "Server port, 1-65535 (tcp, udp)"),
            Transports.pathOption("connect to"),
            new Option("--connect-timeout", "DURATION", Durations.format(Protocol.DEFAULT_CONNECT_TIMEOUT),
                    "Give up if the handshake takes longer, e.g. 500ms, 5s (tcp; unix: waiting for room in a full queue)"),
            new Option("--read-timeout", "DURATION", Durations.format(Protocol.DEFAULT_READ_TIMEOUT),
                    "Give up if the greeting has not ended this long after connecting (udp: after the first request, "
                            + "which is sent again after 250 ms, then each wait doubles)"));

    @Override
    public String name() {
        return "client";
    }

    @Override
    public List<String> description() {
        return List.of("Connect, read the greeting to end of stream, print it, exit 0.",
                "With --transport udp, send a " + Protocol.UDP_REQUEST_BYTES + "-byte request (again, if no reply "
                        + "comes) and print the reply's payload.");
    }

    @Override
    public List<Option> options() {
        return OPTIONS;
    }

    @Override
    public int run(Arguments arguments, PrintWriter out, PrintWriter err) {
        Transport transport = Transports.resolve(arguments, List.of("--host", "--port"));
        // A UDP request has no handshake to time: a connect timeout given with udp would be silently without effect.
        if (transport == Transport.UDP && arguments.given("--connect-timeout")) {
            throw new UsageException("option '--connect-timeout' does not apply to --transport udp (there is no handshake; "
                    + "--read-timeout bounds the wait)");
        }
        SocketAddress server = transport == Transport.UNIX
                ? UnixDomainSocketAddress.of(Transports.path(arguments))
                : new InetSocketAddress(Addresses.resolve("--host", arguments.value("--host")),
                        Addresses.port(arguments.intValue("--port"), 1));
        ClientConfig config = new ClientConfig(transport, server,
                Durations.parse("--connect-timeout", arguments.value("--connect-timeout")),
                Durations.parse("--read-timeout", arguments.value("--read-timeout")));
        try {
            byte[] greeting = GreetingClient.fetch(config);
            out.println(new String(greeting, StandardCharsets.UTF_8));
            out.flush();
            return ExitCodes.OK;
        } catch (ClientFailure failure) {
            err.println("greeter client: " + failure.getMessage());
            return exitCode(failure.kind());
        }
    }

    static int exitCode(ClientFailure.Kind kind) {
        return switch (kind) {
            case REFUSED -> ExitCodes.CONNECTION_REFUSED;
            case CONNECT_TIMEOUT -> ExitCodes.CONNECT_TIMEOUT;
            case READ_TIMEOUT -> ExitCodes.READ_TIMEOUT;
            case RESET -> ExitCodes.CONNECTION_RESET;
            case UNREACHABLE -> ExitCodes.UNREACHABLE;
            case EMPTY, TOO_LONG -> ExitCodes.BAD_GREETING;
            case NO_SUCH_SOCKET -> ExitCodes.NO_SUCH_SOCKET;
            case IO -> ExitCodes.FAILURE;
        };
    }
}
