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
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * An implementation that sprays datagrams at the probe (or at its scripted server) is observed and counted:
 * the agent's reply stays a reply, far below the protocol's line limit, never a {@link ProbeReply.Failed}.
 */
class FloodTest {

    private static final byte[] GREETING = "Thank you for connecting".getBytes(StandardCharsets.US_ASCII);
    /** Datagrams a flood sends: kept whole, their heads alone would be over 4 MiB several times. */
    private static final int FLOOD = 20_000;
    private static final int FLOOD_BYTES = 1400;

    /** Every line the agent wrote, and the replies they decode to. */
    private record Conversation(List<String> lines, List<ProbeReply> replies) {
    }

    private static Conversation converse(ProbeRequest... requests) throws Exception {
        StringBuilder input = new StringBuilder();
        for (int i = 0; i < requests.length; i++) {
            input.append(ProbeCodec.encode(ProbeRequest.class, i + 1, requests[i])).append('\n');
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ProbeAgent.run(new ByteArrayInputStream(input.toString().getBytes(StandardCharsets.US_ASCII)),
                new PrintStream(out, true, StandardCharsets.US_ASCII));
        List<String> lines = List.of(out.toString(StandardCharsets.US_ASCII).split("\n"));
        List<ProbeReply> replies = new ArrayList<>();
        for (String line : lines) {
            replies.add(ProbeCodec.decode(ProbeReply.class, line).body());
        }
        return new Conversation(lines, replies);
    }

    @Test
    void aTallyCountsAMillionAndKeepsTheFirstFew() {
        Tally<Integer> t = new Tally<>();
        for (int i = 0; i < 1_000_000; i++) {
            t.add(i);
        }
        assertThat(t.count()).as("all counted").isEqualTo(1_000_000);
        assertThat(t.first()).as("the first kept, in order").hasSize(Tally.KEPT).startsWith(0, 1, 2).endsWith(Tally.KEPT - 1);
        assertThat(t.room()).isFalse();
    }

    @Test
    void aServerThatSpraysDatagramsAtEveryPeerIsCountedAndTheReplyStaysSmall() throws Exception {
        try (DatagramSocket server = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            CountDownLatch served = new CountDownLatch(3);
            Thread flooder = new Thread(() -> floodEachRequester(server, served), "flooder");
            flooder.setDaemon(true);
            flooder.start();
            List<UdpPeer> peers = Collections.nCopies(3, new UdpPeer(List.of(1200), false, false, false, 1));
            Conversation c = converse(new ProbeRequest.UdpRound("127.0.0.1", server.getLocalPort(), peers, 10_000, 500, 1));
            assertThat(served.await(10, TimeUnit.SECONDS)).as("the flooder answered all three peers").isTrue();

            assertThat(c.replies()).singleElement().as("a round's result, not a probe failure").isInstanceOf(UdpRoundResult.class);
            assertThat(c.lines().get(0).length()).as("the reply line, bounded").isLessThan(ProbeCodec.MAX_LINE_BYTES / 2);
            UdpRoundResult r = (UdpRoundResult) c.replies().get(0);
            long keptBytes = 0;
            for (UdpPeerResult p : r.peers()) {
                assertThat(p.datagrams()).as("a flood is counted beyond what is kept").isGreaterThan(Tally.KEPT);
                assertThat(p.received()).as("the first kept").hasSizeLessThanOrEqualTo(Tally.KEPT).isNotEmpty();
                assertThat(p.received().get(0).head()).as("the first datagram, the greeting").isEqualTo(GREETING);
                assertThat(p.bytes()).as("every byte counted").isEqualTo(GREETING.length + (p.datagrams() - 1) * FLOOD_BYTES);
                assertThat(p.complete()).isFalse();
                keptBytes += p.received().stream().mapToLong(d -> d.head().length).sum();
            }
            assertThat(keptBytes).as("the round's heads within its budget").isLessThanOrEqualTo(DatagramRounds.ROUND_KEPT_BYTES);
            assertThat(r.trace()).as("a short trace").hasSizeLessThan(20).anyMatch(t -> t.contains("datagrams in all"));
        }
    }

    /** For each of {@code served}'s requests: the greeting, then {@link #FLOOD} datagrams of {@link #FLOOD_BYTES}. */
    private static void floodEachRequester(DatagramSocket server, CountDownLatch served) {
        byte[] buffer = new byte[2048];
        byte[] spray = new byte[FLOOD_BYTES];
        try {
            while (served.getCount() > 0) {
                DatagramPacket request = new DatagramPacket(buffer, buffer.length);
                server.receive(request);
                InetSocketAddress peer = (InetSocketAddress) request.getSocketAddress();
                server.send(new DatagramPacket(GREETING, GREETING.length, peer));
                for (int i = 0; i < FLOOD; i++) {
                    server.send(new DatagramPacket(spray, spray.length, peer));
                }
                served.countDown();
            }
        } catch (java.io.IOException e) {
            // The test's socket closed: the latch says whether the flood happened.
        }
    }

    @Test
    void aClientThatFloodsTheScriptedServerIsCountedWithItsShortestRequest() throws Exception {
        int port;
        try (DatagramSocket s = new DatagramSocket(0)) {
            port = s.getLocalPort();
        }
        // The agent serves one request line at a time: the flood comes between the server's start and the report.
        java.io.PipedOutputStream toAgent = new java.io.PipedOutputStream();
        java.io.PipedInputStream agentIn = new java.io.PipedInputStream(toAgent, 1 << 16);
        CountDownLatch bound = new CountDownLatch(1);
        ByteArrayOutputStream out = new ByteArrayOutputStream() {
            @Override
            public synchronized void write(byte[] b, int off, int len) {
                super.write(b, off, len);
                if (toString(StandardCharsets.US_ASCII).contains("\n")) {
                    bound.countDown();
                }
            }
        };
        Thread agent = new Thread(() -> {
            try {
                ProbeAgent.run(agentIn, new PrintStream(out, true, StandardCharsets.US_ASCII));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }, "agent");
        agent.start();
        toAgent.write((ProbeCodec.encode(ProbeRequest.class, 1, new ProbeRequest.ServeUdp(port, DatagramServeMode.SILENT, GREETING, null))
                + "\n").getBytes(StandardCharsets.US_ASCII));
        toAgent.flush();
        assertThat(bound.await(10, TimeUnit.SECONDS)).as("the scripted server answered that it is up").isTrue();
        try (DatagramSocket client = new DatagramSocket()) {
            InetSocketAddress server = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
            client.send(new DatagramPacket(new byte[1200], 1200, server));
            for (int i = 0; i < 50_000; i++) {
                client.send(new DatagramPacket(new byte[1], 1, server));
            }
        }
        toAgent.write((ProbeCodec.encode(ProbeRequest.class, 2, new ProbeRequest.StopServing()) + "\n").getBytes(StandardCharsets.US_ASCII));
        toAgent.close();
        agent.join(10_000);

        String[] lines = out.toString(StandardCharsets.US_ASCII).split("\n");
        assertThat(lines).hasSize(2);
        ProbeReply reply = ProbeCodec.decode(ProbeReply.class, lines[1]).body();
        assertThat(reply).as("the scripted server's report, not a probe failure").isInstanceOf(ProbeReply.DatagramServeReport.class);
        ProbeReply.DatagramServeReport report = (ProbeReply.DatagramServeReport) reply;
        assertThat(report.requests()).as("the flood counted").isGreaterThan(Tally.KEPT);
        assertThat(report.requestBytes()).as("the first lengths kept").hasSize(Tally.KEPT).startsWith(1200, 1);
        assertThat(report.shortest()).as("the shortest of all").isEqualTo(1);
    }

    @Test
    void aRoundResultOfManyFloodedPeersEncodesWithinTheLimit() {
        // As a round keeps them at most: every peer its first Tally.KEPT, the round ROUND_KEPT_BYTES of heads.
        List<UdpPeerResult> peers = new ArrayList<>();
        long budget = DatagramRounds.ROUND_KEPT_BYTES;
        for (int i = 0; i < 40; i++) {
            List<Datagram> kept = new ArrayList<>();
            for (int k = 0; k < Tally.KEPT && budget >= DatagramRounds.KEPT_BYTES; k++) {
                kept.add(new Datagram("255.255.255.255", 65535, 65507, new byte[DatagramRounds.KEPT_BYTES], Long.MAX_VALUE));
                budget -= DatagramRounds.KEPT_BYTES;
            }
            peers.add(new UdpPeerResult(65535, Long.MAX_VALUE, Long.MAX_VALUE, kept, false, null));
        }
        String line = ProbeCodec.encode(ProbeReply.class, 1, new UdpRoundResult(peers, List.of()));
        assertThat(line.length()).isLessThan(ProbeCodec.MAX_LINE_BYTES);
    }
}
