package dev.greeter.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.greeter.client.ClientFailure.Kind;
import dev.greeter.protocol.Datagrams;
import dev.greeter.protocol.Protocol;
import dev.greeter.protocol.Transport;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Each scripted server is a loopback DatagramSocket acting out one way a UDP server or the network can behave. */
class DatagramClientTest {

    private static final byte[] GREETING = Protocol.DEFAULT_GREETING.getBytes(StandardCharsets.UTF_8);

    private static ClientConfig config(int port, Duration readTimeout) {
        return new ClientConfig(Transport.UDP, new InetSocketAddress(InetAddress.getLoopbackAddress(), port), Duration.ofSeconds(5),
                readTimeout);
    }

    private static DatagramSocket scriptedServer() throws IOException {
        return Datagrams.loopbackSocket();
    }

    @Test
    void sendsA1200ByteZeroRequestAgainWhenTheFirstGetsNoReply() throws Exception {
        try (DatagramSocket server = scriptedServer()) {
            CompletableFuture<List<byte[]>> requests = CompletableFuture.supplyAsync(() -> {
                try {
                    byte[] lost = Datagrams.payload(Datagrams.receive(server));
                    DatagramPacket second = Datagrams.receive(server);
                    server.send(new DatagramPacket(GREETING, GREETING.length, second.getSocketAddress()));
                    return List.of(lost, Datagrams.payload(second));
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            assertThat(GreetingClient.fetch(config(server.getLocalPort(), Duration.ofSeconds(5)))).isEqualTo(GREETING);
            assertThat(requests.join()).as("the dropped request and its retry").hasSize(2)
                    .allSatisfy(request -> assertThat(request).hasSize(Protocol.UDP_REQUEST_BYTES).containsOnly(0));
        }
    }

    /** A datagram from another port reaches the client's address first: the connected socket never sees it. */
    @Test
    void acceptsOnlyAReplyFromTheServersAddressAndPort() throws Exception {
        try (DatagramSocket server = scriptedServer(); DatagramSocket decoy = scriptedServer()) {
            CompletableFuture<Void> script = CompletableFuture.runAsync(() -> {
                try {
                    DatagramPacket request = Datagrams.receive(server);
                    byte[] forged = "not the greeting".getBytes(StandardCharsets.UTF_8);
                    decoy.send(new DatagramPacket(forged, forged.length, request.getSocketAddress()));
                    server.send(new DatagramPacket(GREETING, GREETING.length, request.getSocketAddress()));
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            assertThat(GreetingClient.fetch(config(server.getLocalPort(), Duration.ofSeconds(5)))).isEqualTo(GREETING);
            script.join();
        }
    }

    @Test
    void aClosedPortIsRefused() throws Exception {
        int closed;
        try (DatagramSocket probe = scriptedServer()) {
            closed = probe.getLocalPort();
        }
        long start = System.nanoTime();
        ClientFailure failure = catchThrowableOfType(ClientFailure.class,
                () -> GreetingClient.fetch(config(closed, Duration.ofSeconds(5))));
        assertThat(failure.kind()).as(failure.getMessage()).isEqualTo(Kind.REFUSED);
        assertThat(failure.getMessage()).isEqualTo("udp port unreachable at 127.0.0.1:" + closed
                + " (ICMP port unreachable: is a server listening?)");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("refused at once, not after the read timeout")
                .isLessThan(Duration.ofSeconds(2));
    }

    /** 600 ms: a request at 0 and its retry at 250 ms; the next would be due at 750 ms. */
    @Test
    void givesUpAtTheReadTimeoutAfterRetrying() throws Exception {
        try (DatagramSocket server = scriptedServer()) {
            long start = System.nanoTime();
            ClientFailure failure = catchThrowableOfType(ClientFailure.class,
                    () -> GreetingClient.fetch(config(server.getLocalPort(), Duration.ofMillis(600))));
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertThat(failure.kind()).as(failure.getMessage()).isEqualTo(Kind.READ_TIMEOUT);
            assertThat(failure.getMessage()).endsWith("(read timeout; 2 requests of 1200 bytes sent)");
            assertThat(took).isBetween(Duration.ofMillis(600), Duration.ofSeconds(3));
            server.setSoTimeout(1_000);
            List<Integer> received = new ArrayList<>();
            received.add(Datagrams.receive(server).getLength());
            received.add(Datagrams.receive(server).getLength());
            assertThat(received).containsExactly(1200, 1200);
        }
    }

    @Test
    void anEmptyReplyIsNoGreeting() throws Exception {
        try (DatagramSocket server = scriptedServer()) {
            CompletableFuture<Void> script = CompletableFuture.runAsync(() -> {
                try {
                    server.send(new DatagramPacket(new byte[0], 0, Datagrams.receive(server).getSocketAddress()));
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            ClientFailure failure = catchThrowableOfType(ClientFailure.class,
                    () -> GreetingClient.fetch(config(server.getLocalPort(), Duration.ofSeconds(5))));
            assertThat(failure.kind()).isEqualTo(Kind.EMPTY);
            script.join();
        }
    }
}
