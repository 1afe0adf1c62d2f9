package dev.greeter.conformance.probe;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The classic pcap file format (not pcapng), which tcpdump, Wireshark and every capture library read: a 24-byte
 * header (magic {@code a1b2c3d4}, version 2.4, snapshot length, link type) and one 16-byte record header per packet
 * (seconds, microseconds, bytes kept, bytes on the wire). Written little-endian, with microsecond times; link type
 * Ethernet, which is what a Linux packet socket gives for a veth and for loopback (an Ethernet header of zeros).
 */
public final class Pcap {

    public static final int MAGIC_MICROS = 0xa1b2c3d4;
    public static final int LINKTYPE_ETHERNET = 1;
    /** As tcpdump's default: no frame on loopback or a veth comes near it. */
    public static final int SNAPLEN = 262_144;
    public static final int HEADER_BYTES = 24;
    public static final int RECORD_HEADER_BYTES = 16;

    /** One packet: when it was seen (microseconds since the epoch), its length on the wire, and the bytes kept. */
    public record Packet(long micros, int originalLength, byte[] data) {
    }

    private Pcap() {
    }

    /**
     * A capture file being written in memory, never longer than {@code limitBytes}: a packet that would not fit is
     * counted, not kept, and so are all after it (the file stays a prefix of what was seen, in order). One thread may
     * write while another reads: a file only grows, so its first {@link #length()} bytes stay as they were.
     */
    public static final class Writer {
        private final byte[] file;
        private int length;
        private long kept;
        private long notKept;

        public Writer(int limitBytes) {
            if (limitBytes < HEADER_BYTES) {
                throw new IllegalArgumentException("a capture of " + limitBytes + " bytes cannot hold the pcap header of " + HEADER_BYTES);
            }
            file = new byte[limitBytes];
            ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN)
                    .putInt(MAGIC_MICROS).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(SNAPLEN).putInt(LINKTYPE_ETHERNET);
            length = HEADER_BYTES;
        }

        /** Adds the first {@code captured} bytes of {@code frame}, a packet of {@code originalLength}; false when it did not fit. */
        public synchronized boolean add(long micros, byte[] frame, int captured, int originalLength) {
            int kept = Math.min(Math.min(captured, SNAPLEN), frame.length);
            if (notKept > 0 || (long) length + RECORD_HEADER_BYTES + kept > file.length) {
                notKept++;
                return false;
            }
            ByteBuffer.wrap(file, length, RECORD_HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN)
                    .putInt((int) Math.floorDiv(micros, 1_000_000L)).putInt((int) Math.floorMod(micros, 1_000_000L))
                    .putInt(kept).putInt(Math.max(kept, originalLength));
            System.arraycopy(frame, 0, file, length + RECORD_HEADER_BYTES, kept);
            length += RECORD_HEADER_BYTES + kept;
            this.kept++;
            return true;
        }

        public synchronized long packets() {
            return kept;
        }

        /** Packets seen after the file was full. */
        public synchronized long notKept() {
            return notKept;
        }

        public synchronized int length() {
            return length;
        }

        /** Up to {@code max} bytes of the file from {@code offset}. */
        public synchronized byte[] bytes(int offset, int max) {
            int from = Math.max(0, Math.min(offset, length));
            return Arrays.copyOfRange(file, from, from + Math.max(0, Math.min(max, length - from)));
        }

        public byte[] bytes() {
            return bytes(0, length);
        }
    }

    /** Every packet of a classic pcap file of either byte order; anything else, or a record cut short, is an IOException. */
    public static List<Packet> read(byte[] file) throws IOException {
        if (file.length < HEADER_BYTES) {
            throw new IOException("not a pcap file: " + file.length + " bytes, shorter than its header");
        }
        ByteBuffer b = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        int magic = b.getInt(0);
        if (magic != MAGIC_MICROS) {
            b.order(ByteOrder.BIG_ENDIAN);
            if (b.getInt(0) != MAGIC_MICROS) {
                throw new IOException(String.format("not a classic pcap file with microsecond times: magic %08x", magic));
            }
        }
        if (b.getInt(20) != LINKTYPE_ETHERNET) {
            throw new IOException("link type " + b.getInt(20) + ", not Ethernet (" + LINKTYPE_ETHERNET + ")");
        }
        List<Packet> packets = new ArrayList<>();
        int at = HEADER_BYTES;
        while (at < file.length) {
            if (file.length - at < RECORD_HEADER_BYTES) {
                throw new IOException("a record header cut short at byte " + at);
            }
            long seconds = b.getInt(at) & 0xffffffffL;
            long micros = b.getInt(at + 4) & 0xffffffffL;
            int kept = b.getInt(at + 8);
            int original = b.getInt(at + 12);
            if (kept < 0 || kept > file.length - at - RECORD_HEADER_BYTES) {
                throw new IOException("a record of " + (kept & 0xffffffffL) + " bytes at byte " + at + " runs past the end of the file");
            }
            packets.add(new Packet(seconds * 1_000_000L + micros, original, Arrays.copyOfRange(file, at + RECORD_HEADER_BYTES,
                    at + RECORD_HEADER_BYTES + kept)));
            at += RECORD_HEADER_BYTES + kept;
        }
        return packets;
    }

    /**
     * One file of the packets of several captures (several namespaces a rule ran in) in time order, at most
     * {@code limitBytes} long, as {@link Writer} writes it: what does not fit is counted in its {@link Writer#notKept()}.
     */
    public static Writer merge(List<byte[]> files, int limitBytes) throws IOException {
        List<Packet> all = new ArrayList<>();
        long length = HEADER_BYTES;
        for (byte[] f : files) {
            for (Packet p : read(f)) {
                all.add(p);
                length += RECORD_HEADER_BYTES + p.data().length;
            }
        }
        all.sort(Comparator.comparingLong(Packet::micros));
        Writer out = new Writer((int) Math.min(limitBytes, length));
        for (Packet p : all) {
            out.add(p.micros(), p.data(), p.data().length, p.originalLength());
        }
        return out;
    }
}
