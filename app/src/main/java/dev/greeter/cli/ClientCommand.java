package dev.greeter.cli;

import dev.greeter.client.ClientConfig;
import dev.greeter.client.ClientFailure;
import dev.greeter.client.GreetingClient;
import dev.greeter.protocol.Protocol;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "client",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Connect, read the greeting to end of stream, print it, exit 0.")
final class ClientCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--host", paramLabel = "HOST", defaultValue = Protocol.DEFAULT_HOST,
            description = "Server host name or address (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "" + Protocol.DEFAULT_PORT,
            description = "Server TCP port, 1-65535 (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--connect-timeout", paramLabel = "DURATION", defaultValue = "5s", converter = DurationConverter.class,
            description = "Give up if the handshake takes longer, e.g. 500ms, 5s (default: ${DEFAULT-VALUE}).")
    Duration connectTimeout;

    @Option(names = "--read-timeout", paramLabel = "DURATION", defaultValue = "5s", converter = DurationConverter.class,
            description = "Give up if the greeting has not ended this long after connecting (default: ${DEFAULT-VALUE}).")
    Duration readTimeout;

    @Override
    public Integer call() {
        Addresses.port(spec, port, 1);
        ClientConfig config = new ClientConfig(
                new InetSocketAddress(Addresses.resolve(spec, "--host", host), port), connectTimeout, readTimeout);
        PrintWriter out = spec.commandLine().getOut();
        try {
            byte[] greeting = GreetingClient.fetch(config);
            out.println(new String(greeting, StandardCharsets.UTF_8));
            out.flush();
            return ExitCodes.OK;
        } catch (ClientFailure failure) {
            spec.commandLine().getErr().println("greeter client: " + failure.getMessage());
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
            case IO -> ExitCodes.FAILURE;
        };
    }
}
