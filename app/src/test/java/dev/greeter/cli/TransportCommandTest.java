package dev.greeter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.greeter.cli.GreeterCommandTest.Result;
import dev.greeter.protocol.Protocol;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --transport udp} and {@code unix} through the command line. Servers run in their own JVM, as in the image,
 * so that SIGTERM is what stops them.
 */
class TransportCommandTest {

    private static Result run(String... args) {
        return GreeterCommandTest.run(args);
    }

    private static Process server(Path stderr, String... args) throws Exception {
        Path classes = Path.of(GreeterCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classes.toString(), GreeterCommand.class.getName(), "server"));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectError(stderr.toFile()).start();
    }

    /**
     * SIGTERM, then the exit status and the rest of stdout (the stopped line). Through the handle: {@code Process.destroy}
     * would close the streams the stopped line is read from.
     */
    private static int terminate(Process server, BufferedReader out, List<String> rest) throws Exception {
        server.toHandle().destroy();
        try {
            assertThat(server.waitFor(10, TimeUnit.SECONDS)).as("server stopped by SIGTERM").isTrue();
            out.lines().forEach(rest::add);
            return server.exitValue();
        } finally {
            server.destroyForcibly();
        }
    }

    @Test
    void udpServerAnswersTheClientAndAfterSigtermTheClientIsRefused(@TempDir Path dir) throws Exception {
        Process server = server(dir.resolve("err"), "--transport", "udp", "--bind", "127.0.0.1", "--port", "0");
        List<String> rest = new ArrayList<>();
        int port;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8))) {
            String listening = out.readLine();
            Matcher m = Pattern.compile("greeter server listening on udp 127\\.0\\.0\\.1:(\\d+) "
                    + "\\(requests of at least 24 bytes answered, JDK I/O\\)").matcher(String.valueOf(listening));
            assertThat(m.matches()).as("listening line: %s", listening).isTrue();
            port = Integer.parseInt(m.group(1));
            Result fetched = run("client", "--transport", "udp", "--port", "" + port);
            assertThat(fetched.status()).as(fetched.err()).isZero();
            assertThat(fetched.out()).isEqualTo(Protocol.DEFAULT_GREETING + System.lineSeparator());
            assertThat(terminate(server, out, rest)).as("exit status after SIGTERM").isZero();
        }
        assertThat(rest).containsExactly("greeter server stopped: 1 greeted, 0 dropped (0 requests shorter than the greeting)");
        Result refused = run("client", "--transport", "udp", "--port", "" + port);
        assertThat(refused.status()).isEqualTo(ExitCodes.CONNECTION_REFUSED);
        assertThat(refused.err()).isEqualTo("greeter client: udp port unreachable at 127.0.0.1:" + port
                + " (ICMP port unreachable: is a server listening?)" + System.lineSeparator());
    }

    @Test
    void unixServerGreetsRemovesItsFileOnSigtermAndTheClientThenFindsNoSocket(@TempDir Path dir) throws Exception {
        Path socket = dir.resolve("g.sock");
        Process server = server(dir.resolve("err"), "--transport", "unix", "--path", socket.toString());
        List<String> rest = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8))) {
            assertThat(out.readLine()).isEqualTo("greeter server listening on unix " + socket + " (backlog 5, JDK I/O)");
            Result fetched = run("client", "--transport", "unix", "--path", socket.toString());
            assertThat(fetched.status()).as(fetched.err()).isZero();
            assertThat(fetched.out()).isEqualTo(Protocol.DEFAULT_GREETING + System.lineSeparator());
            Result second = run("server", "--transport", "unix", "--path", socket.toString());
            assertThat(second.status()).as("a second server on the live path").isEqualTo(ExitCodes.USAGE);
            assertThat(second.err()).isEqualTo("greeter server: another server is listening on " + socket
                    + " (see 'greeter server --help')" + System.lineSeparator());
            assertThat(run("client", "--transport", "unix", "--path", socket.toString()).status())
                    .as("the first server still serves").isZero();
            assertThat(terminate(server, out, rest)).as("exit status after SIGTERM").isZero();
        }
        // The second server's probe connects and closes at once: greeted or dropped, depending on who was first.
        assertThat(rest).singleElement().isIn("greeter server stopped: 2 greeted, 1 dropped", "greeter server stopped: 3 greeted, 0 dropped");
        assertThat(Files.exists(socket, LinkOption.NOFOLLOW_LINKS)).as("socket file after SIGTERM").isFalse();
        Result gone = run("client", "--transport", "unix", "--path", socket.toString());
        assertThat(gone.status()).isEqualTo(ExitCodes.NO_SUCH_SOCKET);
        assertThat(gone.err()).isEqualTo("greeter client: no socket at " + socket + " (is a server listening there?)"
                + System.lineSeparator());
    }

    @Test
    void unixClientOnAStaleFileIsRefused(@TempDir Path dir) throws Exception {
        Path socket = dir.resolve("g.sock");
        // What a killed server leaves: a socket file that nobody listens on.
        try (ServerSocketChannel killed = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            killed.bind(UnixDomainSocketAddress.of(socket));
        }
        Result r = run("client", "--transport", "unix", "--path", socket.toString());
        assertThat(r.status()).isEqualTo(ExitCodes.CONNECTION_REFUSED);
        assertThat(r.err()).isEqualTo("greeter client: connection refused by " + socket
                + " (a socket file nobody listens on: its server was killed?)" + System.lineSeparator());
    }

    @Test
    void aUnixDirectoryThatIsMissingIsAFailureNamingIt(@TempDir Path dir) {
        Path socket = dir.resolve("none").resolve("g.sock");
        Result r = run("server", "--transport", "unix", "--path", socket.toString());
        assertThat(r.status()).isEqualTo(ExitCodes.FAILURE);
        assertThat(r.err()).isEqualTo("greeter server: cannot listen on unix " + socket + ": directory " + socket.getParent()
                + " does not exist (mount a writable one there)" + System.lineSeparator());
    }

    @Test
    void aUdpPortInUseIsAUsageErrorNamingThePort() throws IOException {
        try (DatagramSocket taken = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            Result r = run("server", "--transport", "udp", "--bind", "127.0.0.1", "--port", "" + taken.getLocalPort());
            assertThat(r.status()).isEqualTo(ExitCodes.USAGE);
            assertThat(r.err()).isEqualTo("greeter server: cannot listen on udp 127.0.0.1:" + taken.getLocalPort()
                    + ": Address already in use (port " + taken.getLocalPort() + " is taken) (see 'greeter server --help')"
                    + System.lineSeparator());
        }
    }

    @Test
    void aBacklogWithUdpIsAUsageErrorRatherThanIgnored() {
        Result r = run("server", "--transport", "udp", "--backlog", "50");
        assertThat(r.status()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).isEqualTo("greeter server: option '--backlog' does not apply to --transport udp (a datagram socket has no"
                + " accept queue) (see 'greeter server --help')" + System.lineSeparator());
    }

    @Test
    void aConnectTimeoutWithUdpIsAUsageErrorRatherThanIgnored() {
        Result r = run("client", "--transport", "udp", "--connect-timeout", "2s");
        assertThat(r.status()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).isEqualTo("greeter client: option '--connect-timeout' does not apply to --transport udp (there is no"
                + " handshake; --read-timeout bounds the wait) (see 'greeter client --help')" + System.lineSeparator());
    }

    @Test
    void aUdpGreetingLongerThanAPaddedRequestIsAUsageError() {
        Result r = run("server", "--transport", "udp", "--greeting", "x".repeat(Protocol.UDP_REQUEST_BYTES + 1));
        assertThat(r.status()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).isEqualTo("greeter server: Invalid value for option '--greeting': 1201 bytes is not in 1-1200 "
                + "(udp: clients pad their requests to 1200 bytes) (see 'greeter server --help')" + System.lineSeparator());
    }

    @Test
    void aUnixPathLongerThanSunPathIsAUsageError() {
        String path = "/" + "p".repeat(Transports.MAX_PATH_BYTES);
        Result r = run("client", "--transport", "unix", "--path", path);
        assertThat(r.status()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).isEqualTo("greeter client: Invalid value for option '--path': '" + path
                + "' is 108 bytes; a Unix socket path is at most 107 (see 'greeter client --help')" + System.lineSeparator());
    }

    /** The help's exit statuses come from ExitCodes, and docs/greeter.md's table says the same. */
    @Test
    void everyExitStatusIsInTheHelpAndTheDocs() throws IOException {
        String help = run("--help").out();
        List<String> readme = Files.readAllLines(Path.of("..", "docs", "greeter.md"));
        for (ExitCodes.Status status : ExitCodes.all()) {
            assertThat(help.replaceAll("\\s+", " ")).as("help").contains(" " + status.code() + " " + status.meaning());
            assertThat(readme).as("docs/greeter.md's exit status table").contains("| " + status.code() + " | " + status.meaning() + " |");
        }
        assertThat(ExitCodes.all()).extracting(ExitCodes.Status::code).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
    }
}
