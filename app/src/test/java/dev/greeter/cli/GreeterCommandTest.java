package dev.greeter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.greeter.protocol.Protocol;
import dev.greeter.server.GreetingServer;
import dev.greeter.server.Configs;
import dev.greeter.server.ServerConfig;
import dev.greeter.server.SocketIo;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

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

    /** A row of docs/greeter.md's "Invalid input" table: the documented behaviour is the tested behaviour. */
    record Documented(String commandLine, String message, int status) {
        @Override
        public String toString() {
            return commandLine;
        }
    }

    static Stream<Documented> readmeInvalidInputTable() throws IOException {
        List<String> lines = Files.readAllLines(Path.of("..", "docs", "greeter.md"));
        int heading = lines.indexOf("## Invalid input");
        assertThat(heading).as("docs/greeter.md has an Invalid input section").isPositive();
        List<Documented> rows = new ArrayList<>();
        Pattern row = Pattern.compile("\\| `([^`]*)` \\| `([^`]*)` \\| (\\d+) \\|");
        for (String line : lines.subList(heading + 1, lines.size())) {
            if (line.startsWith("## ")) {
                break;
            }
            Matcher m = row.matcher(line);
            if (m.matches()) {
                rows.add(new Documented(m.group(1), m.group(2), Integer.parseInt(m.group(3))));
            }
        }
        assertThat(rows).as("rows of the Invalid input table").hasSizeGreaterThan(15);
        return rows.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("readmeInvalidInputTable")
    void invalidInputGivesTheDocumentedLineAndStatus(Documented row) {
        String[] words = row.commandLine().split(" ");
        Result r = run(Arrays.copyOfRange(words, 1, words.length));
        assertThat(r.status()).as("exit status").isEqualTo(row.status());
        assertThat(r.err()).as("stderr").isEqualTo(row.message() + System.lineSeparator());
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
    void nativeIoRefusesAGreetingItCannotSendInOneCall() {
        String greeting = "x".repeat(GreetingServer.ONE_WRITE_MAX_BYTES + 1);
        Result r = run("server", "--io", "native", "--greeting", greeting);
        assertThat(r.status()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).isEqualTo("greeter server: Invalid value for option '--io': 'native' takes greetings up to "
                + GreetingServer.ONE_WRITE_MAX_BYTES + " bytes; --greeting has " + greeting.length()
                + " (see 'greeter server --help')" + System.lineSeparator());
    }

    /** A JVM without --enable-native-access, as with a plain {@code java -cp greeter.jar ...}: FFM is then off limits. */
    private static Process serverWithoutNativeAccess(Path stderr, String... args) throws Exception {
        Path classes = Path.of(GreeterCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classes.toString(), GreeterCommand.class.getName(),
                "server", "--bind", "127.0.0.1", "--port", "0"));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectError(stderr.toFile()).start();
    }

    @Test
    void withoutNativeAccessAutoFallsBackToTheJdkAndNativeIsAUsageError(@TempDir Path dir) throws Exception {
        Path autoErr = dir.resolve("auto.err");
        Process auto = serverWithoutNativeAccess(autoErr);
        try (BufferedReader out = new BufferedReader(new InputStreamReader(auto.getInputStream(), StandardCharsets.UTF_8))) {
            assertThat(out.readLine()).as("listening line of --io auto").matches(
                    "greeter server listening on 127\\.0\\.0\\.1:\\d+ \\(backlog 5, JDK I/O\\)");
        } finally {
            auto.destroy();
            assertThat(auto.waitFor(10, TimeUnit.SECONDS)).as("server stopped by SIGTERM").isTrue();
            auto.destroyForcibly();
        }
        assertThat(Files.readString(autoErr)).as("stderr of --io auto: no restricted-method warning").isEmpty();
        Path forcedErr = dir.resolve("native.err");
        Process forced = serverWithoutNativeAccess(forcedErr, "--io", "native");
        assertThat(forced.waitFor(10, TimeUnit.SECONDS)).as("--io native exited").isTrue();
        assertThat(forced.exitValue()).as("exit status of --io native").isEqualTo(ExitCodes.USAGE);
        String err = Files.readString(forcedErr);
        assertThat(err.lines()).as("stderr of --io native").singleElement(InstanceOfAssertFactories.STRING)
                .isEqualTo("greeter server: Invalid value for option '--io': 'native' is not available here: "
                        + "native access is not enabled for the unnamed module (run java with --enable-native-access=ALL-UNNAMED)"
                        + " (see 'greeter server --help')");
    }

    @Test
    void clientPrintsTheGreetingFromAServer() throws Exception {
        GreetingServer server = GreetingServer.bind(Configs.tcp(InetAddress.getLoopbackAddress(), 0, 5,
                Protocol.DEFAULT_GREETING, ServerConfig.DEFAULT_WRITE_TIMEOUT, SocketIo.JDK));
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
