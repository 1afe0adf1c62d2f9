package dev.greeter.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.greeter.protocol.Datagrams;
import dev.greeter.protocol.Protocol;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** SPEC 8.1 and 8.8: the UDP server on all interfaces (::) is one socket that answers IPv4 and IPv6 peers alike. */
class DualStackDatagramServerTest {

    private DatagramServer server;
    private CompletableFuture<Void> serving;
    private int port;

    @BeforeEach
    void start() throws IOException {
        server = DatagramServer.bind(Configs.udp(InetAddress.getByName(Protocol.ALL_INTERFACES), 0, Protocol.DEFAULT_GREETING));
        serving = Serving.start(server);
        port = server.localAddress().getPort();
    }

    @AfterEach
    void stop() throws Exception {
        server.stop();
        assertThat(server.awaitFinished(Duration.ofSeconds(5))).as("server loop finished").isTrue();
        serving.join();
    }

    @Test
    void answersIpv4AndIpv6PeersEachFromTheAddressItWasSentTo() throws Exception {
        assertThat(server.toString()).as("the listening line").startsWith("udp [::]:" + port + " (");
        for (String client : new String[] {"127.0.0.1", "::1"}) {
            InetSocketAddress to = new InetSocketAddress(InetAddress.getByName(client), port);
            try (DatagramSocket peer = new DatagramSocket(new InetSocketAddress(InetAddress.getByName(client), 0))) {
                peer.setSoTimeout(5_000);
                peer.send(new DatagramPacket(new byte[Protocol.UDP_REQUEST_BYTES], Protocol.UDP_REQUEST_BYTES, to));
                DatagramPacket reply = Datagrams.receive(peer);
                assertThat(Datagrams.payload(reply)).as("reply to a peer on " + client)
                        .isEqualTo(Protocol.DEFAULT_GREETING.getBytes(StandardCharsets.UTF_8));
                assertThat(reply.getAddress()).as("the reply's source, for a peer on " + client).isEqualTo(to.getAddress());
            }
        }
    }
}
