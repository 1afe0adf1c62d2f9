package dev.greeter.conformance.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/**
 * What a capture keeps of the frames a packet socket gives: loopback frames once (their receiving copy), Ethernet frames
 * both ways, no other device; a flood up to the bound; and what was still queued when it stopped.
 */
class PacketCaptureTest {

    /** Frames given in order, then nothing (time-outs) until closed. */
    private static final class ScriptedSocket implements PacketCapture.Socket {
        private final Queue<PacketCapture.Frame> frames;
        private final CountDownLatch drained = new CountDownLatch(1);
        private volatile boolean closed;

        ScriptedSocket(List<PacketCapture.Frame> frames) {
            this.frames = new ArrayDeque<>(frames);
        }

        @Override
        public synchronized PacketCapture.Frame receive(byte[] buffer) throws IOException {
            PacketCapture.Frame f = frames.poll();
            if (f == null) {
                drained.countDown();
                // As the real socket's short receive time-out does: nothing came for a moment.
                java.util.concurrent.locks.LockSupport.parkNanos(1_000_000L);
                return null;
            }
            java.util.Arrays.fill(buffer, 0, Math.min(f.length(), buffer.length), (byte) f.length());
            return f;
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    @Test
    void keepsLoopbackFramesOnceAndEthernetFramesBothWays() throws Exception {
        ScriptedSocket socket = new ScriptedSocket(List.of(
                new PacketCapture.Frame(74, PacketCapture.ARPHRD_LOOPBACK, PacketCapture.PACKET_OUTGOING),
                new PacketCapture.Frame(74, PacketCapture.ARPHRD_LOOPBACK, 0),
                new PacketCapture.Frame(66, PacketCapture.ARPHRD_ETHER, PacketCapture.PACKET_OUTGOING),
                new PacketCapture.Frame(67, PacketCapture.ARPHRD_ETHER, 0, 1_700_000_000_654_321L),
                new PacketCapture.Frame(80, 768, 0)));
        PacketCapture capture = PacketCapture.start(socket, 1 << 20);
        socket.drained.await();
        ProbeReply.CaptureState stopped = capture.stop();

        assertThat(stopped.error()).as("no reading error").isEmpty();
        assertThat(socket.closed).as("socket closed on stop").isTrue();
        List<Pcap.Packet> packets = Pcap.read(capture.bytes(0, Integer.MAX_VALUE).bytes());
        assertThat(packets.stream().map(p -> p.data().length).toList())
                .as("loopback's receiving copy, both Ethernet directions, no tunnel device").containsExactly(74, 66, 67);
        assertThat(stopped.packets()).as("packets counted as kept").isEqualTo(3);
        assertThat(packets.get(2).micros()).as("the kernel's time of a frame, when it gives one").isEqualTo(1_700_000_000_654_321L);
        assertThat(packets.get(0).micros()).as("else the time it was read").isGreaterThan(1_700_000_000_654_321L);
    }

    @Test
    void aFloodStopsAtTheBoundAndIsCounted() throws Exception {
        List<PacketCapture.Frame> flood = java.util.stream.Stream.generate(() -> new PacketCapture.Frame(1000, PacketCapture.ARPHRD_ETHER, 0))
                .limit(5000).toList();
        ScriptedSocket socket = new ScriptedSocket(flood);
        int bound = 64 * 1024;
        PacketCapture capture = PacketCapture.start(socket, bound);
        socket.drained.await();
        ProbeReply.CaptureState stopped = capture.stop();

        assertThat(stopped.bytes()).as("pcap bytes within the bound").isLessThanOrEqualTo(bound);
        assertThat(stopped.packets() + stopped.notKept()).as("every frame kept or counted").isEqualTo(5000);
        assertThat(stopped.notKept()).as("frames after the bound").isPositive();
        ProbeReply.CaptureData first = capture.bytes(0, 1000);
        ProbeReply.CaptureData rest = capture.bytes(1000, Integer.MAX_VALUE);
        assertThat(first.total()).as("whole file's length").isEqualTo(stopped.bytes());
        assertThat(first.bytes().length + rest.bytes().length).as("the file in pieces").isEqualTo(stopped.bytes());
    }

    @Test
    void whatIsCapturedSoFarHasEveryFrameQueuedWhenAskedAndTheCaptureGoesOn() throws Exception {
        List<PacketCapture.Frame> queued = java.util.stream.Stream.generate(() -> new PacketCapture.Frame(100, PacketCapture.ARPHRD_ETHER, 0))
                .limit(200).toList();
        ScriptedSocket socket = new ScriptedSocket(queued);
        PacketCapture capture = PacketCapture.start(socket, 1 << 20);
        ProbeReply.CaptureState soFar = capture.state();

        assertThat(soFar.packets()).as("every frame queued when asked").isEqualTo(200);
        assertThat(socket.closed).as("the capture goes on").isFalse();
        byte[] prefix = capture.bytes(0, soFar.bytes()).bytes();
        assertThat(Pcap.read(prefix)).as("the file so far is whole").hasSize(200);
        assertThat(capture.stop().packets()).as("nothing lost by looking").isEqualTo(200);
    }

    @Test
    void anAgentWithoutACaptureSaysSo() throws Exception {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        String line = ProbeCodec.encode(ProbeRequest.class, 7, new ProbeRequest.StopCapture()) + "\n";
        ProbeAgent.run(new java.io.ByteArrayInputStream(line.getBytes(java.nio.charset.StandardCharsets.US_ASCII)),
                new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.US_ASCII));
        ProbeReply reply = ProbeCodec.decode(ProbeReply.class, out.toString(java.nio.charset.StandardCharsets.US_ASCII).strip()).body();
        assertThat(reply).as("a stop without a start").isInstanceOf(ProbeReply.Failed.class);
    }
}
