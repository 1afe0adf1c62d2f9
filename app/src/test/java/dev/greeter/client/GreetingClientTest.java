package dev.greeter.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.greeter.client.ClientFailure.Kind;
import dev.greeter.protocol.Protocol;
import dev.greeter.protocol.Transport;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Each scripted server below is a loopback ServerSocket acting out one way a server can behave. */
class GreetingClientTest {

    private static final Duration SHORT = Duration.ofMillis(300);

    private static ClientConfig config(int port, Duration connectTimeout, Duration readTimeout) {
        return new ClientConfig(Transport.TCP, new InetSocketAddress(InetAddress.getLoopbackAddress(), port), connectTimeout, readTimeout);
    }

    private static ClientFailure failure(ClientConfig config) {
        return catchThrowableOfType(ClientFailure.class, () -> GreetingClient.fetch(config));
    }

    /** Accepts one connection and hands it to the script, on another thread. */
    private static CompletableFuture<Void> serveOnce(ServerSocket listener, SocketScript script) {
        return CompletableFuture.runAsync(() -> {
            try (Socket socket = listener.accept()) {
                script.run(socket);
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    interface SocketScript {
        void run(Socket socket) throws IOException, InterruptedException;
    }

    @Test
    void readsAGreetingThatArrivesInPieces() throws Exception {
        CountDownLatch firstPieceRead = new CountDownLatch(1);
        try (ServerSocket listener = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            CompletableFuture<Void> served = serveOnce(listener, socket -> {
                socket.setTcpNoDelay(true);
                OutputStream out = socket.getOutputStream();
                out.write("Thank you".getBytes());
                out.flush();
                firstPieceRead.await(100, TimeUnit.MILLISECONDS);
                out.write(" for connecting".getBytes());
            });
            byte[] greeting = GreetingClient.fetch(config(listener.getLocalPort(), SHORT, Duration.ofSeconds(5)));
            firstPieceRead.countDown();
            served.join();
            assertThat(greeting).isEqualTo(Protocol.DEFAULT_GREETING.getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void aRefusedConnectionIsReportedAsRefused() throws Exception {
        int freePort;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            freePort = probe.getLocalPort();
        }
        ClientFailure failure = failure(config(freePort, SHORT, SHORT));
        assertThat(failure.kind()).isEqualTo(Kind.REFUSED);
        assertThat(failure.getMessage()).contains("refused", "127.0.0.1:" + freePort);
    }

    @Test
    void aSilentServerEndsInAReadTimeout() throws Exception {
        // Listening but never accepting: the kernel completes the handshake, nobody ever writes.
        try (ServerSocket silent = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            long start = System.nanoTime();
            ClientFailure failure = failure(config(silent.getLocalPort(), SHORT, SHORT));
            assertThat(failure.kind()).isEqualTo(Kind.READ_TIMEOUT);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as("gave up in bounded time").isLessThan(Duration.ofSeconds(3));
        }
    }

    @Test
    void aFullAcceptQueueEndsInAConnectTimeout() throws Exception {
        List<Socket> queued = new ArrayList<>();
        try (ServerSocket full = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            // Fill the accept queue until the kernel starts dropping SYNs; the client's handshake then never completes.
            boolean dropping = false;
            for (int i = 0; i < 16 && !dropping; i++) {
                Socket s = new Socket();
                try {
                    s.connect(full.getLocalSocketAddress(), 200);
                    queued.add(s);
                } catch (SocketTimeoutException e) {
                    s.close();
                    dropping = true;
                }
            }
            assertThat(dropping).as("accept queue filled").isTrue();
            ClientFailure failure = failure(config(full.getLocalPort(), SHORT, SHORT));
            assertThat(failure.kind()).isEqualTo(Kind.CONNECT_TIMEOUT);
        } finally {
            for (Socket s : queued) {
                s.close();
            }
        }
    }

    @Test
    void aResetIsReportedAsReset() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            serveOnce(listener, socket -> socket.setSoLinger(true, 0));
            ClientFailure f = failure(config(listener.getLocalPort(), SHORT, Duration.ofSeconds(5)));
            assertThat(f.kind()).as(f.getMessage()).isEqualTo(Kind.RESET);
        }
    }

    @Test
    void aCloseWithoutGreetingIsReportedAsEmpty() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            serveOnce(listener, socket -> { });
            assertThat(failure(config(listener.getLocalPort(), SHORT, Duration.ofSeconds(5))).kind()).isEqualTo(Kind.EMPTY);
        }
    }

    @Test
    void anEndlessGreetingIsCutOff() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            serveOnce(listener, socket -> {
                byte[] chunk = new byte[8192];
                try {
                    for (int i = 0; i < 64; i++) {
                        socket.getOutputStream().write(chunk);
                    }
                } catch (IOException expected) {
                    // The client hung up once it had seen enough.
                }
            });
            assertThat(failure(config(listener.getLocalPort(), SHORT, Duration.ofSeconds(5))).kind()).isEqualTo(Kind.TOO_LONG);
        }
    }

    @Test
    void aServerKilledMidGreetingIsReportedAsReset() throws Exception {
        // A killed process's sockets are reset by the kernel; the client has part of a greeting and must say so.
        try (ServerSocket listener = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            serveOnce(listener, socket -> {
                socket.getOutputStream().write("Thank you".getBytes());
                socket.getOutputStream().flush();
                socket.setSoLinger(true, 0);
            });
            ClientFailure f = failure(config(listener.getLocalPort(), SHORT, Duration.ofSeconds(5)));
            // The reset may land before connect() returns or after the 9 bytes were read: a reset either way.
            assertThat(f.kind()).as(f.getMessage()).isEqualTo(Kind.RESET);
            assertThat(f.getMessage()).contains("reset by 127.0.0.1:" + listener.getLocalPort());
        }
    }
}
