package dev.greeter.cli;

import dev.greeter.protocol.Protocol;
import dev.greeter.server.GreetingServer;
import dev.greeter.server.ServerConfig;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import sun.misc.Signal;

@Command(name = "server",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {"Listen for TCP connections; send each the greeting, then close it (FIN).",
            "Serves until SIGTERM or SIGINT, then stops accepting, finishes greetings in flight and exits 0."})
final class ServerCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--bind", paramLabel = "ADDRESS", defaultValue = Protocol.ALL_INTERFACES,
            description = "Address to listen on; 0.0.0.0 is all interfaces, 127.0.0.1 loopback only (default: ${DEFAULT-VALUE}).")
    String bind;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "" + Protocol.DEFAULT_PORT,
            description = "TCP port, 0 for any free port (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--backlog", paramLabel = "N", defaultValue = "" + Protocol.DEFAULT_BACKLOG,
            description = "Listen backlog: completed handshakes the kernel queues while none is accepted, 1-65535 (default: ${DEFAULT-VALUE}).")
    int backlog;

    @Option(names = "--greeting", paramLabel = "TEXT", defaultValue = Protocol.DEFAULT_GREETING,
            description = "Bytes sent to each client, UTF-8, no terminator added (default: '${DEFAULT-VALUE}').")
    String greeting;

    @Override
    public Integer call() throws IOException, InterruptedException {
        ServerConfig config = resolve();
        GreetingServer server;
        try {
            server = GreetingServer.bind(config);
        } catch (BindException e) {
            throw new ParameterException(spec.commandLine(), "cannot listen on " + bind + ":" + port + ": " + e.getMessage()
                    + (port != 0 && "Address already in use".equals(e.getMessage()) ? " (port " + port + " is taken)" : ""));
        }
        Runnable stop = server::stop;
        Signal.handle(new Signal("TERM"), s -> stop.run());
        Signal.handle(new Signal("INT"), s -> stop.run());
        spec.commandLine().getOut().println("greeter server listening on " + server);
        spec.commandLine().getOut().flush();
        server.serve();
        spec.commandLine().getOut().println("greeter server stopped: " + server.served() + " greeted, " + server.dropped() + " dropped");
        return ExitCodes.OK;
    }

    private ServerConfig resolve() {
        Addresses.port(spec, port, 0);
        if (backlog < 1 || backlog > 65535) {
            throw new ParameterException(spec.commandLine(),
                    "Invalid value for option '--backlog': " + backlog + " is not in 1-65535");
        }
        int length = greeting.getBytes(StandardCharsets.UTF_8).length;
        if (length == 0 || length > Protocol.MAX_GREETING_BYTES) {
            throw new ParameterException(spec.commandLine(), "Invalid value for option '--greeting': " + length
                    + " bytes is not in 1-" + Protocol.MAX_GREETING_BYTES);
        }
        InetAddress address = Addresses.resolve(spec, "--bind", bind);
        if (!address.isAnyLocalAddress() && !isLocal(address)) {
            throw new ParameterException(spec.commandLine(),
                    "Invalid value for option '--bind': '" + bind + "' is not an address of this host");
        }
        return new ServerConfig(address, port, backlog, greeting, ServerConfig.DEFAULT_WRITE_TIMEOUT);
    }

    private static boolean isLocal(InetAddress address) {
        try {
            return address.isLoopbackAddress() || NetworkInterface.getByInetAddress(address) != null;
        } catch (SocketException e) {
            return false;
        }
    }
}
