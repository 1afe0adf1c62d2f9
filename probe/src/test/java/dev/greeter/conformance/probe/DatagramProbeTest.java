package dev.greeter.conformance.probe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.greeter.conformance.probe.ProbeReply.Datagram;
import dev.greeter.conformance.probe.ProbeReply.UdpPeerResult;
import dev.greeter.conformance.probe.ProbeReply.UdpRoundResult;
import dev.greeter.conformance.probe.ProbeRequest.DatagramServeMode;
import dev.greeter.conformance.probe.ProbeRequest.UdpPeer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.DatagramSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The agent's UDP peers against its own scripted UDP server, on loopback only. */
class DatagramProbeTest {

    private static final byte[] GREETING = "Thank you for connecting".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] DECOY = "A decoy from another port".getBytes(StandardCharsets.US_ASCII);

    private static List<ProbeReply> converse(ProbeRequest... requests) throws Exception {
        StringBuilder input = new StringBuilder();
        for (int i = 0; i < requests.length; i++) {
            input.append(ProbeCodec.encode(ProbeRequest.class, i + 1, requests[i])).append('\n');
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ProbeAgent.run(new ByteArrayInputStream(input.toString().getBytes(StandardCharsets.US_ASCII)),
                new PrintStream(out, true, StandardCharsets.US_ASCII));
        List<ProbeReply> replies = new ArrayList<>();
        for (String line : out.toString(StandardCharsets.US_ASCII).split("\n")) {
            replies.add(ProbeCodec.decode(ProbeReply.class, line).body());
        }
        return replies;
    }

    private static int freePort() throws Exception {
        try (DatagramSocket s = new DatagramSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static UdpPeer peer(int bytes, boolean connected, int expect) {
        return new UdpPeer(List.of(bytes), false, false, connected, expect);
    }

    @Test
    void aConnectedPeerSeesOnlyTheServersReplyAnUnconnectedOneSeesTheDecoyToo() throws Exception {
        int port = freePort();
        List<ProbeReply> replies = converse(
                new ProbeRequest.ServeUdp(port, DatagramServeMode.DECOY, GREETING, DECOY),
                new ProbeRequest.UdpRound("127.0.0.1", port, List.of(peer(1200, true, 1), peer(30, false, 2)), 5000, 100, 1),
                new ProbeRequest.StopServing());
        assertThat(replies.get(0)).isEqualTo(new ProbeReply.Done());
        UdpRoundResult round = (UdpRoundResult) replies.get(1);
        UdpPeerResult connected = round.peers().get(0);
        assertThat(connected.received()).extracting(Datagram::head).containsExactly(GREETING);
        assertThat(connected.received().get(0).fromPort()).isEqualTo(port);
        UdpPeerResult unconnected = round.peers().get(1);
        assertThat(unconnected.received()).extracting(Datagram::head).containsExactlyInAnyOrder(GREETING, DECOY);
        assertThat(unconnected.received()).extracting(Datagram::fromPort).contains(port).anyMatch(p -> p != port);
        assertThat(connected.localPort()).isNotEqualTo(unconnected.localPort());
        assertThat(replies.get(2)).isInstanceOfSatisfying(ProbeReply.DatagramServeReport.class,
                r -> assertThat(r.requestBytes()).containsExactlyInAnyOrder(1200, 30));
    }

    @Test
    void theScriptedServerIgnoresTheFirstRequestOrAllOfThem() throws Exception {
        int port = freePort();
        List<ProbeReply> replies = converse(
                new ProbeRequest.ServeUdp(port, DatagramServeMode.IGNORE_FIRST, GREETING, null),
                new ProbeRequest.UdpRound("127.0.0.1", port, List.of(peer(1200, false, 0)), 5000, 200, 1),
                new ProbeRequest.UdpRound("127.0.0.1", port, List.of(peer(1200, false, 1)), 5000, 0, 1),
                new ProbeRequest.ServeUdp(port, DatagramServeMode.SILENT, GREETING, null),
                new ProbeRequest.UdpRound("127.0.0.1", port, List.of(peer(1200, false, 1)), 300, 0, 1),
                new ProbeRequest.StopServing());
        assertThat(((UdpRoundResult) replies.get(1)).peers().get(0).received()).isEmpty();
        assertThat(((UdpRoundResult) replies.get(2)).peers().get(0).received()).extracting(Datagram::head).containsExactly(GREETING);
        assertThat(((UdpRoundResult) replies.get(4)).peers().get(0).received()).isEmpty();
        assertThat(((ProbeReply.DatagramServeReport) replies.get(5)).requestBytes()).containsExactly(1200);
    }

    @Test
    void aConnectedPeerIsRefusedByAPortNothingIsBoundTo() throws Exception {
        int port = freePort();
        List<ProbeReply> replies = converse(
                new ProbeRequest.UdpSend("127.0.0.1", port, List.of(peer(1200, true, 1), peer(1200, false, 1)), 1),
                new ProbeRequest.UdpCollect(300, 0),
                new ProbeRequest.UdpCollect(300, 0));
        assertThat(replies.get(0)).isEqualTo(new ProbeReply.Done());
        UdpRoundResult round = (UdpRoundResult) replies.get(1);
        assertThat(round.peers().get(0).refused()).isTrue();
        // Unconnected, the same ICMP message says nothing to the socket: it only waits.
        assertThat(round.peers().get(1).refused()).isFalse();
        assertThat(round.peers().get(1).received()).isEmpty();
        assertThat(replies.get(2)).isInstanceOfSatisfying(ProbeReply.Failed.class,
                f -> assertThat(f.error()).contains("UdpCollect without a UdpSend"));
    }

    @Test
    void everyPeerSendsFromItsOwnPortAndAClosedOneGetsNothing() throws Exception {
        int port = freePort();
        List<UdpPeer> peers = new ArrayList<>();
        peers.add(new UdpPeer(List.of(1200), false, true, false, 0));
        for (int i = 0; i < 5; i++) {
            peers.add(peer(1200, false, 1));
        }
        peers.add(new UdpPeer(List.of(65507, 0, 7), true, false, false, 3));
        List<ProbeReply> replies = converse(
                new ProbeRequest.ServeUdp(port, DatagramServeMode.GREET, GREETING, null),
                new ProbeRequest.UdpRound("127.0.0.1", port, peers, 5000, 0, 42),
                new ProbeRequest.StopServing());
        UdpRoundResult round = (UdpRoundResult) replies.get(1);
        assertThat(round.peers()).hasSize(7);
        assertThat(round.peers().get(0).received()).isEmpty();
        assertThat(round.peers().subList(1, 6)).allSatisfy(p -> assertThat(p.received()).hasSize(1));
        assertThat(round.peers().stream().map(UdpPeerResult::localPort).distinct()).hasSize(7);
        assertThat(round.peers().get(6).received()).hasSize(3);
        assertThat(((ProbeReply.DatagramServeReport) replies.get(2)).requestBytes()).contains(65507, 0, 7);
    }
}
