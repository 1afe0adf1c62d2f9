package dev.greeter.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.greeter.client.ClientFailure.Kind;
import dev.greeter.protocol.Protocol;
import dev.greeter.protocol.Transport;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Scripted Unix-domain servers in a fresh directory per test. */
class UnixClientTest {

    private static final byte[] GREETING = Protocol.DEFAULT_GREETING.getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    private ClientConfig config(Duration connectTimeout) {
        return new ClientConfig(Transport.UNIX, UnixDomainSocketAddress.of(dir.resolve("g.sock")), connectTimeout,
                Duration.ofSeconds(5));
    }

    private ServerSocketChannel listen(int backlog) throws Exception {
        ServerSocketChannel listener = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        listener.bind(UnixDomainSocketAddress.of(dir.resolve("g.sock")), backlog);
        return listener;
    }

    @Test
    void readsTheGreetingToEndOfStream() throws Exception {
        try (ServerSocketChannel listener = listen(5)) {
            CompletableFuture<Void> served = CompletableFuture.runAsync(() -> {
                try (SocketChannel client = listener.accept()) {
                    client.write(ByteBuffer.wrap(GREETING));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            assertThat(GreetingClient.fetch(config(Duration.ofSeconds(5)))).isEqualTo(GREETING);
            served.join();
        }
    }

    @Test
    void noFileIsNoSuchSocket() {
        ClientFailure failure = catchThrowableOfType(ClientFailure.class, () -> GreetingClient.fetch(config(Duration.ofSeconds(5))));
        assertThat(failure.kind()).isEqualTo(Kind.NO_SUCH_SOCKET);
        assertThat(failure.getMessage()).isEqualTo("no socket at " + dir.resolve("g.sock") + " (is a server listening there?)");
    }

    @Test
    void aFileNobodyListensOnIsRefused() throws Exception {
        listen(5).close();
        ClientFailure failure = catchThrowableOfType(ClientFailure.class, () -> GreetingClient.fetch(config(Duration.ofSeconds(5))));
        assertThat(failure.kind()).as(failure.getMessage()).isEqualTo(Kind.REFUSED);
    }

    /** With the queue full a connect waits (the kernel blocks it); the connect timeout ends the wait. */
    @Test
    void aFullQueueIsAConnectTimeout() throws Exception {
        List<SocketChannel> queued = new ArrayList<>();
        try (ServerSocketChannel listener = listen(1)) {
            for (int i = 0; i < 2; i++) {
                SocketChannel filler = SocketChannel.open(StandardProtocolFamily.UNIX);
                queued.add(filler);
                filler.connect(listener.getLocalAddress());
            }
            long start = System.nanoTime();
            ClientFailure failure = catchThrowableOfType(ClientFailure.class,
                    () -> GreetingClient.fetch(config(Duration.ofMillis(300))));
            assertThat(failure.kind()).as(failure.getMessage()).isEqualTo(Kind.CONNECT_TIMEOUT);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(300), Duration.ofSeconds(3));
        } finally {
            for (SocketChannel filler : queued) {
                filler.close();
            }
        }
    }
}
