package dev.greeter.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.greeter.protocol.Protocol;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The stream server on a Unix-domain socket, in a fresh directory per test (short: sun_path holds 108 bytes). */
class UnixGreetingServerTest {

    private static final byte[] GREETING = Protocol.DEFAULT_GREETING.getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    /** Bound, some of them serving; closed after each test. */
    private final List<GreetingServer> servers = new ArrayList<>();
    private final List<GreetingServer> serving = new ArrayList<>();
    private final List<CompletableFuture<Void>> loops = new ArrayList<>();

    private Path path() {
        return dir.resolve("g.sock");
    }

    private GreetingServer bind(int backlog) throws IOException {
        GreetingServer server = GreetingServer.bind(Configs.unix(path(), backlog, Protocol.DEFAULT_GREETING));
        servers.add(server);
        return server;
    }

    private GreetingServer start() throws IOException {
        GreetingServer server = bind(5);
        serving.add(server);
        loops.add(Serving.start(server));
        return server;
    }

    private void stop(GreetingServer server) throws Exception {
        server.stop();
        assertThat(server.awaitFinished(Duration.ofSeconds(5))).as("server loop finished").isTrue();
    }

    @AfterEach
    void stopAll() throws Exception {
        for (GreetingServer server : servers) {
            server.close();
        }
        for (GreetingServer server : serving) {
            assertThat(server.awaitFinished(Duration.ofSeconds(5))).as("server loop finished").isTrue();
        }
        loops.forEach(CompletableFuture::join);
    }

    private byte[] greeting() throws IOException {
        try (SocketChannel client = SocketChannel.open(UnixDomainSocketAddress.of(path()))) {
            ByteBuffer received = ByteBuffer.allocate(1024);
            while (client.read(received) >= 0) {
                // To end of stream: the server closes after the greeting.
            }
            return Arrays.copyOf(received.array(), received.position());
        }
    }

    @Test
    void greetsAndClosesEachConnectionAndAnyUserMayConnect() throws Exception {
        GreetingServer server = start();
        assertThat(greeting()).isEqualTo(GREETING);
        assertThat(greeting()).isEqualTo(GREETING);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(path(), LinkOption.NOFOLLOW_LINKS)))
                .as("mode of the socket file").isEqualTo("rw-rw-rw-");
        assertThat(server.toString()).isEqualTo("unix " + path() + " (backlog 5, JDK I/O)");
    }

    /**
     * SPEC 10.8: the line waits unread when the server accepts (sent before its loop starts). Closing with it unread
     * would set ECONNRESET on this client after the greeting, even after a shutdown of the sending side (measured).
     */
    @Test
    void aClientThatSpeaksFirstGetsTheGreetingAndAnOrderlyClose() throws Exception {
        GreetingServer server = bind(5);
        try (SocketChannel client = SocketChannel.open(UnixDomainSocketAddress.of(path()))) {
            client.write(ByteBuffer.wrap("HELLO SERVER\r\n".getBytes(StandardCharsets.US_ASCII)));
            serving.add(server);
            loops.add(Serving.start(server));
            ByteBuffer received = ByteBuffer.allocate(1024);
            while (client.read(received) >= 0) {
                // To end of stream; a reset would throw here.
            }
            assertThat(Arrays.copyOf(received.array(), received.position())).isEqualTo(GREETING);
        }
        assertThat(greeting()).as("the next client").isEqualTo(GREETING);
    }

    /**
     * Measured, not assumed: with backlog 5 and nobody accepting, Linux queues backlog + 1 connections (its check
     * is "more than backlog"), then refuses a non-blocking connect with EAGAIN, not ECONNREFUSED as TCP's RST would.
     */
    @Test
    void aFullQueueTakesBacklogPlusOneNonBlockingConnectsThenEagain() throws Exception {
        bind(5);
        List<SocketChannel> queued = new ArrayList<>();
        try {
            String refusal = null;
            for (int i = 0; i < 8 && refusal == null; i++) {
                SocketChannel client = SocketChannel.open(StandardProtocolFamily.UNIX);
                queued.add(client);
                client.configureBlocking(false);
                try {
                    assertThat(client.connect(UnixDomainSocketAddress.of(path()))).as("connect %d completes at once", i + 1).isTrue();
                } catch (IOException e) {
                    refusal = e.getMessage();
                    queued.remove(client);
                    client.close();
                }
            }
            assertThat(queued).as("connections queued while nobody accepts").hasSize(6);
            assertThat(refusal).isEqualTo("Resource temporarily unavailable");
        } finally {
            for (SocketChannel client : queued) {
                client.close();
            }
        }
    }

    @Test
    void aStaleFileFromAKilledServerDoesNotStopTheNextStart() throws Exception {
        // What a killed server leaves: a socket file that nobody listens on.
        try (ServerSocketChannel killed = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            killed.bind(UnixDomainSocketAddress.of(path()));
        }
        assertThat(Files.exists(path(), LinkOption.NOFOLLOW_LINKS)).as("stale file left").isTrue();
        start();
        assertThat(greeting()).isEqualTo(GREETING);
    }

    @Test
    void aLiveServersPathIsNotTaken() throws Exception {
        start();
        Object before = Files.readAttributes(path(), BasicFileAttributes.class).fileKey();
        assertThatThrownBy(() -> bind(5)).isInstanceOf(PathTakenException.class)
                .hasMessage("another server is listening on " + path());
        assertThat(Files.readAttributes(path(), BasicFileAttributes.class).fileKey())
                .as("the same socket file").isEqualTo(before);
        assertThat(greeting()).as("the first server still serves").isEqualTo(GREETING);
    }

    @Test
    void aLiveServerWithAFullQueueIsNotTakenEither() throws Exception {
        bind(1);
        List<SocketChannel> queued = new ArrayList<>();
        try {
            for (int i = 0; i < 2; i++) {
                SocketChannel client = SocketChannel.open(StandardProtocolFamily.UNIX);
                queued.add(client);
                client.configureBlocking(false);
                client.connect(UnixDomainSocketAddress.of(path()));
            }
            assertThatThrownBy(() -> bind(5)).isInstanceOf(PathTakenException.class)
                    .hasMessage("another server is listening on " + path());
        } finally {
            for (SocketChannel client : queued) {
                client.close();
            }
        }
    }

    @Test
    void aFileThatIsNoSocketIsLeftAlone() throws Exception {
        Files.writeString(path(), "keep me");
        assertThatThrownBy(() -> bind(5)).isInstanceOf(PathTakenException.class)
                .hasMessage(path() + " exists and is not a socket; not removing it");
        assertThat(Files.readString(path())).isEqualTo("keep me");
    }

    @Test
    void aMissingDirectoryIsNamed() {
        Path nowhere = dir.resolve("none").resolve("g.sock");
        assertThatThrownBy(() -> GreetingServer.bind(Configs.unix(nowhere, 5, "hi")))
                .isInstanceOf(IOException.class).isNotInstanceOf(PathTakenException.class)
                .hasMessage("directory " + dir.resolve("none") + " does not exist (mount a writable one there)");
    }

    @Test
    void stoppingRemovesTheSocketFile() throws Exception {
        GreetingServer server = start();
        assertThat(greeting()).isEqualTo(GREETING);
        stop(server);
        assertThat(Files.exists(path(), LinkOption.NOFOLLOW_LINKS)).as("socket file after stop").isFalse();
    }

    /** Another server's file at the same path (ours was removed and replaced meanwhile) survives our stop. */
    @Test
    void stoppingLeavesAFileThatIsNotItsOwn() throws Exception {
        GreetingServer server = start();
        Files.delete(path());
        try (ServerSocketChannel other = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            other.bind(UnixDomainSocketAddress.of(path()));
            stop(server);
            assertThat(Files.exists(path(), LinkOption.NOFOLLOW_LINKS)).as("the other server's file").isTrue();
        }
    }
}
