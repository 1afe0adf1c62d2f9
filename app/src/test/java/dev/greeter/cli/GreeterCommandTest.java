package dev.greeter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.greeter.protocol.Protocol;
import dev.greeter.server.GreetingServer;
import dev.greeter.server.ServerConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GreeterCommandTest {

    record Result(int status, String out, String err) {
    }

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = GreeterCommand.run(new PrintWriter(out), new PrintWriter(err), args);
        return new Result(status, out.toString(), err.toString());
    }

    @Test
    void versionAndHelpWorkEverywhere() {
        for (String[] args : new String[][] {{"--version"}, {"server", "--version"}, {"client", "--version"}}) {
            Result r = run(args);
            assertThat(r.status()).as(String.join(" ", args)).isZero();
            assertThat(r.out()).startsWith("greeter 0.");
        }
        for (String[] args : new String[][] {{"--help"}, {"server", "--help"}, {"client", "--help"}}) {
            Result r = run(args);
            assertThat(r.status()).as(String.join(" ", args)).isZero();
            assertThat(r.out()).contains("Usage: greeter");
        }
        assertThat(run("server", "--help").out()).contains("--port", "--backlog", "--bind", "--greeting", "40674");
        assertThat(run("client", "--help").out()).contains("--host", "--port", "--connect-timeout", "--read-timeout");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            ""                                            | missing command
            nonsense                                      | nonsense
            server --port abc                             | 'abc'
            server --port 70000                           | 70000
            server --port -1                              | -1
            server --backlog -5                           | -5
            server --backlog 0                            | 0 is not in 1-65535
            server --backlog x                            | 'x'
            server --bind no-such-host.invalid            | 'no-such-host.invalid'
            server --bind 192.0.2.1                       | '192.0.2.1' is not an address of this host
            server --greeting=                            | '--greeting': 0 bytes
            server --frobnicate                           | --frobnicate
            client --port 0                               | 0 is not a port
            client --port 65536                           | 65536
            client --host no-such-host.invalid            | 'no-such-host.invalid'
            client --connect-timeout 0                    | '0' is out of range
            client --read-timeout soon                    | 'soon'
            """)
    void invalidInputIsOneLineNamingTheValueWithTheUsageStatus(String args, String named) {
        Result r = run(args.isEmpty() ? new String[0] : args.split(" "));
        assertThat(r.status()).as("exit status").isEqualTo(ExitCodes.USAGE);
        assertThat(r.err().strip()).as("stderr").contains(named).doesNotContain("\n");
        assertThat(r.out()).as("stdout").isEmpty();
    }

    @Test
    void aPortInUseIsAUsageErrorNamingThePort() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Result r = run("server", "--bind", "127.0.0.1", "--port", "" + taken.getLocalPort());
            assertThat(r.status()).isEqualTo(ExitCodes.USAGE);
            assertThat(r.err().strip()).contains("port " + taken.getLocalPort() + " is taken").doesNotContain("\n");
        }
    }

    @Test
    void clientPrintsTheGreetingFromAServer() throws Exception {
        GreetingServer server = GreetingServer.bind(new ServerConfig(InetAddress.getLoopbackAddress(), 0, 5,
                Protocol.DEFAULT_GREETING, ServerConfig.DEFAULT_WRITE_TIMEOUT));
        CompletableFuture<Void> serving = CompletableFuture.runAsync(() -> {
            try {
                server.serve();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        try {
            Result r = run("client", "--port", "" + server.localAddress().getPort());
            assertThat(r.status()).isZero();
            assertThat(r.out()).isEqualTo(Protocol.DEFAULT_GREETING + System.lineSeparator());
        } finally {
            server.stop();
            assertThat(server.awaitFinished(Duration.ofSeconds(5))).isTrue();
            serving.join();
        }
    }

    @Test
    void clientRefusedHasItsOwnStatusAndOneLine() throws IOException {
        int freePort;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            freePort = probe.getLocalPort();
        }
        Result r = run("client", "--port", "" + freePort);
        assertThat(r.status()).isEqualTo(ExitCodes.CONNECTION_REFUSED);
        assertThat(r.err().strip()).startsWith("greeter client: connection refused by 127.0.0.1:" + freePort).doesNotContain("\n");
    }
}
