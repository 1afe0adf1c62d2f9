package dev.greeter.conformance.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The classic pcap format as tcpdump reads it: header fields, records, the byte bound, merging captures in time order. */
class PcapTest {

    private static final byte[] FRAME = frame(60);

    @Test
    void writesTheClassicHeaderAndRecordsThatReadBack() throws IOException {
        Pcap.Writer w = new Pcap.Writer(4096);
        assertThat(w.add(1_700_000_000_123_456L, FRAME, FRAME.length, FRAME.length)).isTrue();
        assertThat(w.add(1_700_000_001_000_001L, FRAME, 20, 1500)).isTrue();
        byte[] file = w.bytes();

        ByteBuffer b = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(new byte[] {file[0], file[1], file[2], file[3]}).as("little-endian magic of microsecond pcap")
                .containsExactly(0xd4, 0xc3, 0xb2, 0xa1);
        assertThat(b.getShort(4)).as("major version").isEqualTo((short) 2);
        assertThat(b.getShort(6)).as("minor version").isEqualTo((short) 4);
        assertThat(b.getInt(16)).as("snapshot length").isEqualTo(Pcap.SNAPLEN);
        assertThat(b.getInt(20)).as("link type Ethernet").isEqualTo(1);
        assertThat(b.getInt(24)).as("first record's seconds").isEqualTo(1_700_000_000);
        assertThat(b.getInt(28)).as("first record's microseconds").isEqualTo(123_456);
        assertThat(file).as("header, two record headers, 60 and 20 bytes kept").hasSize(24 + 16 + 60 + 16 + 20);

        List<Pcap.Packet> read = Pcap.read(file);
        assertThat(read).as("packets read back").hasSize(2);
        assertThat(read.get(0).data()).as("first frame").isEqualTo(FRAME);
        assertThat(read.get(1).data()).as("second frame, cut").isEqualTo(Arrays.copyOf(FRAME, 20));
        assertThat(read.get(1).originalLength()).as("second frame's length on the wire").isEqualTo(1500);
        assertThat(read.get(1).micros()).as("second frame's time").isEqualTo(1_700_000_001_000_001L);
    }

    @Test
    void neverGrowsPastItsBoundAndCountsWhatItDidNotKeep() throws IOException {
        int limit = 24 + 3 * (16 + 60) + 10;
        Pcap.Writer w = new Pcap.Writer(limit);
        for (int i = 0; i < 1000; i++) {
            w.add(i, FRAME, FRAME.length, FRAME.length);
        }
        assertThat(w.length()).as("file length within the bound").isLessThanOrEqualTo(limit);
        assertThat(w.packets()).as("packets kept").isEqualTo(3);
        assertThat(w.notKept()).as("packets counted, not kept").isEqualTo(997);
        assertThat(Pcap.read(w.bytes())).as("the bounded file is whole").hasSize(3);
    }

    @Test
    void keepsNothingAfterTheFirstPacketThatDidNotFit() throws IOException {
        Pcap.Writer w = new Pcap.Writer(24 + 16 + 60 + 16 + 10);
        w.add(1, FRAME, 60, 60);
        assertThat(w.add(2, FRAME, 60, 60)).as("a frame too long for what is left").isFalse();
        assertThat(w.add(3, FRAME, 5, 5)).as("a short frame after it, so the file stays a prefix of what was seen").isFalse();
        assertThat(Pcap.read(w.bytes())).hasSize(1);
    }

    @Test
    void mergesCapturesInTimeOrder() throws IOException {
        Pcap.Writer a = new Pcap.Writer(4096);
        a.add(10, frame(50), 50, 50);
        a.add(30, frame(51), 51, 51);
        Pcap.Writer b = new Pcap.Writer(4096);
        b.add(20, frame(52), 52, 52);
        List<Pcap.Packet> merged = Pcap.read(Pcap.merge(List.of(a.bytes(), b.bytes()), 4096).bytes());
        assertThat(merged.stream().map(Pcap.Packet::micros).toList()).as("times in order").containsExactly(10L, 20L, 30L);
        assertThat(merged.stream().map(p -> p.data().length).toList()).as("each frame with its time").containsExactly(50, 52, 51);

        Pcap.Writer bounded = Pcap.merge(List.of(a.bytes(), b.bytes()), 24 + 16 + 50 + 16 + 52);
        assertThat(Pcap.read(bounded.bytes())).as("a merge keeps the bound").hasSize(2);
        assertThat(bounded.notKept()).as("the last packet counted, not kept").isEqualTo(1);
    }

    @Test
    void refusesWhatIsNotAWholePcapFile() {
        assertThatThrownBy(() -> Pcap.read(new byte[10])).as("shorter than a header").isInstanceOf(IOException.class);
        Pcap.Writer w = new Pcap.Writer(4096);
        w.add(1, FRAME, 60, 60);
        byte[] cut = Arrays.copyOf(w.bytes(), w.length() - 1);
        assertThatThrownBy(() -> Pcap.read(cut)).as("a record cut short").isInstanceOf(IOException.class).hasMessageContaining("past the end");
        byte[] pcapng = w.bytes();
        pcapng[0] = 0x0a;
        assertThatThrownBy(() -> Pcap.read(pcapng)).as("another magic").isInstanceOf(IOException.class).hasMessageContaining("magic");
    }

    static byte[] frame(int length) {
        byte[] f = new byte[length];
        for (int i = 0; i < length; i++) {
            f[i] = (byte) (i * 7 + length);
        }
        return f;
    }
}
