package dev.greeter.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.greeter.protocol.Datagrams;
import dev.greeter.protocol.Protocol;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The UDP server on loopback, with plain DatagramSockets as its peers. */
class DatagramServerTest {

    private static final byte[] GREETING = Protocol.DEFAULT_GREETING.getBytes(StandardCharsets.UTF_8);

    private DatagramServer server;
    private CompletableFuture<Void> serving;
    private InetSocketAddress address;

    @BeforeEach
    void start() throws IOException {
        server = DatagramServer.bind(Configs.udp(InetAddress.getLoopbackAddress(), 0, Protocol.DEFAULT_GREETING));
        serving = Serving.start(server);
        address = server.localAddress();
    }

    @AfterEach
    void stop() throws Exception {
        server.stop();
        assertThat(server.awaitFinished(Duration.ofSeconds(5))).as("server loop finished").isTrue();
        serving.join();
    }

    private static DatagramSocket peer() throws IOException {
        return Datagrams.loopbackSocket();
    }

    private void send(DatagramSocket from, byte[] request) throws IOException {
        from.send(new DatagramPacket(request, request.length, address));
    }

    @Test
    void repliesWithExactlyTheGreetingFromItsPortToTheSendersPort() throws Exception {
        try (DatagramSocket peer = peer()) {
            send(peer, new byte[Protocol.UDP_REQUEST_BYTES]);
            DatagramPacket reply = Datagrams.receive(peer);
            assertThat(Datagrams.payload(reply)).isEqualTo(GREETING);
            assertThat(reply.getSocketAddress()).as("the reply's source").isEqualTo(address);
        }
        assertServed(1, "one reply");
    }

    /**
     * Anti-amplification: no reply to a request shorter than the greeting. The peer sends the short ones first and
     * then one of the greeting's length: the first datagram it gets back must answer that one, and the server has
     * counted the three as too short.
     */
    @Test
    void requestsShorterThanTheGreetingGetNoReply() throws Exception {
        try (DatagramSocket peer = peer()) {
            send(peer, new byte[0]);
            send(peer, new byte[1]);
            send(peer, new byte[GREETING.length - 1]);
            await().atMost(Duration.ofSeconds(5)).until(() -> server.tooShort() == 3);
            send(peer, new byte[GREETING.length]);
            assertThat(Datagrams.payload(Datagrams.receive(peer))).isEqualTo(GREETING);
        }
        assertServed(1, "replies sent");
        assertThat(server.dropped()).isEqualTo(3);
    }

    @Test
    void aPeerThatClosedItsPortDoesNotStopTheNext() throws Exception {
        try (DatagramSocket gone = peer()) {
            send(gone, new byte[Protocol.UDP_REQUEST_BYTES]);
        }
        // Its reply meets a closed port, and the kernel answers the server with ICMP port unreachable.
        await().atMost(Duration.ofSeconds(5)).until(() -> server.served() == 1);
        try (DatagramSocket next = peer()) {
            for (int i = 0; i < 3; i++) {
                send(next, new byte[Protocol.UDP_REQUEST_BYTES]);
                assertThat(Datagrams.payload(Datagrams.receive(next))).as("reply %d to the next peer", i).isEqualTo(GREETING);
            }
        }
    }

    @Test
    void garbageAndOversizedRequestsAreAnsweredOnceAndServingGoesOn() throws Exception {
        byte[] garbage = new byte[Protocol.UDP_REQUEST_BYTES];
        new Random(13).nextBytes(garbage);
        try (DatagramSocket peer = peer()) {
            send(peer, garbage);
            assertThat(Datagrams.payload(Datagrams.receive(peer))).as("garbage").isEqualTo(GREETING);
            send(peer, new byte[Protocol.MAX_DATAGRAM_BYTES]);
            assertThat(Datagrams.payload(Datagrams.receive(peer))).as("the largest UDP payload").isEqualTo(GREETING);
            send(peer, new byte[0]);
            send(peer, new byte[Protocol.UDP_REQUEST_BYTES]);
            assertThat(Datagrams.payload(Datagrams.receive(peer))).as("after an empty one").isEqualTo(GREETING);
        }
        assertServed(3, "one reply each");
    }

    @Test
    void stoppingClosesThePort() throws Exception {
        server.stop();
        assertThat(server.awaitFinished(Duration.ofSeconds(5))).isTrue();
        try (DatagramSocket probe = new DatagramSocket(address)) {
            assertThat(probe.getLocalPort()).as("the port is free again").isEqualTo(address.getPort());
        }
    }

    /** The server counts a reply once send() has returned, which may be after the peer has read it: wait for the count. */
    private void assertServed(long expected, String what) {
        await().atMost(Duration.ofSeconds(5)).until(() -> server.served() >= expected);
        assertThat(server.served()).as(what).isEqualTo(expected);
    }
}
