package dev.greeter.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.greeter.protocol.Protocol;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** Clients that misbehave at the socket level cost only their own connection, and leave nothing behind, on either I/O path. */
@ParameterizedClass(name = "{0}")
@EnumSource(SocketIo.class)
class GreetingServerFaultsTest {

    @Parameter
    SocketIo io;

    private GreetingServer server;
    private CompletableFuture<Void> serving;
    private InetSocketAddress address;

    @BeforeEach
    void start() throws IOException {
        SocketIoAssumptions.assumeAvailable(io);
        server = GreetingServer.bind(Configs.tcp(InetAddress.getLoopbackAddress(), 0, 128, Protocol.DEFAULT_GREETING,
                ServerConfig.DEFAULT_WRITE_TIMEOUT, io));
        serving = Serving.start(server);
        address = server.localAddress();
    }

    @AfterEach
    void stop() throws Exception {
        if (server == null) {
            return;
        }
        server.stop();
        assertThat(server.awaitFinished(Duration.ofSeconds(5))).isTrue();
        serving.join();
    }

    private byte[] greeting() throws IOException {
        try (Socket s = new Socket(address.getAddress(), address.getPort())) {
            s.setSoTimeout(5_000);
            return s.getInputStream().readAllBytes();
        }
    }

    /** Threads other than the test's own polling ones. */
    private static long threads() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> !t.getName().startsWith("awaitility")).count();
    }

    private static long openDescriptors() throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.count();
        }
    }

    @Test
    void aHalfOpenClientIsGreetedAndClosed() throws Exception {
        try (Socket halfOpen = new Socket(address.getAddress(), address.getPort())) {
            halfOpen.shutdownOutput();
            halfOpen.setSoTimeout(5_000);
            assertThat(halfOpen.getInputStream().readAllBytes()).isEqualTo(Protocol.DEFAULT_GREETING.getBytes(StandardCharsets.UTF_8));
        }
        assertThat(greeting()).isEqualTo(Protocol.DEFAULT_GREETING.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void clientsThatConnectAndVanishLeaveNoDescriptorsOrThreadsBehind() throws Exception {
        greeting();
        long fdsBefore = openDescriptors();
        long threadsBefore = threads();
        List<Socket> vanished = new ArrayList<>();
        try {
            // A flood of clients that never read and never close: the server must not hold anything for them.
            for (int i = 0; i < 500; i++) {
                vanished.add(new Socket(address.getAddress(), address.getPort()));
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> server.served() >= 501);
            assertThat(threads()).as("threads during the flood").isLessThanOrEqualTo(threadsBefore);
        } finally {
            for (Socket s : vanished) {
                s.close();
            }
        }
        assertThat(greeting()).as("served after the flood").isEqualTo(Protocol.DEFAULT_GREETING.getBytes(StandardCharsets.UTF_8));
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(openDescriptors()).as("descriptors after the flood").isLessThanOrEqualTo(fdsBefore + 2));
    }

    @Test
    void resetsDuringTheHandshakeBurstDoNotStopTheServer() throws Exception {
        for (int i = 0; i < 200; i++) {
            Socket s = new Socket();
            s.setSoLinger(true, 0);
            s.connect(address);
            s.close();
        }
        assertThat(greeting()).isEqualTo(Protocol.DEFAULT_GREETING.getBytes(StandardCharsets.UTF_8));
        await().atMost(Duration.ofSeconds(5)).until(() -> server.served() + server.dropped() >= 201);
    }
}
