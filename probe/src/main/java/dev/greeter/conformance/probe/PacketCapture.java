package dev.greeter.conformance.probe;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Every frame of this network namespace (loopback and the lab's interface), from a packet socket (AF_PACKET, SOCK_RAW,
 * ETH_P_ALL) read on a thread of its own, into a {@link Pcap.Writer} bounded in bytes: an implementation that floods
 * fills the bound, and what comes after is counted, not kept. The socket needs CAP_NET_RAW, which only the harness's
 * holder gets; it is {@link Socket}'s, done through the FFM API ({@code FfmPacketSocket}, compiled for Java 25 and
 * loaded by name, as {@link UnixDiag}'s netlink socket is).
 */
final class PacketCapture implements AutoCloseable {

    /** ARPHRD_ETHER and ARPHRD_LOOPBACK: both frames carry an Ethernet header (zeros on loopback); other devices are skipped. */
    static final int ARPHRD_ETHER = 1;
    static final int ARPHRD_LOOPBACK = 772;
    /** A frame this host sent: on loopback the same frame comes back as received, so it is kept once, as libpcap does. */
    static final int PACKET_OUTGOING = 4;
    /** After a stop, frames still queued in the socket are read for at most this long (a flood keeps it full). */
    private static final long DRAIN_MILLIS = 500;
    private static final String SOCKET = "dev.greeter.conformance.probe.FfmPacketSocket";
    private static final int FFM_FEATURE = 22;

    /**
     * One frame: its length on the wire (more than the buffer when cut), the device's type, the direction, and when the
     * kernel received it (microseconds since the epoch; 0 when it cannot say, and the time it was read is taken).
     */
    record Frame(int length, int deviceType, int direction, long micros) {
        Frame(int length, int deviceType, int direction) {
            this(length, deviceType, direction, 0);
        }
    }

    /** A packet socket bound to every device of the namespace. */
    interface Socket extends AutoCloseable {
        /** The next frame into {@code buffer}; null when none came within the socket's short receive time-out. */
        Frame receive(byte[] buffer) throws IOException;

        @Override
        void close();
    }

    private final Socket socket;
    private final Pcap.Writer file;
    private final Thread reader;
    private volatile boolean stopping;
    private volatile String error;
    /** When a receive last found nothing (guarded by this: every frame queued before then is read), and whether the reader ended. */
    private long emptySince = System.nanoTime();
    private boolean ended;

    private PacketCapture(Socket socket, int limitBytes) {
        this.socket = socket;
        this.file = new Pcap.Writer(limitBytes);
        this.reader = new Thread(this::read, "packet-capture");
        reader.setDaemon(true);
    }

    /** Captures from now on (the socket is open when this returns), at most {@code limitBytes} of pcap. */
    static PacketCapture start(int limitBytes) throws IOException {
        return start(open(), limitBytes);
    }

    static PacketCapture start(Socket socket, int limitBytes) {
        PacketCapture capture = new PacketCapture(socket, limitBytes);
        capture.reader.start();
        return capture;
    }

    private void read() {
        byte[] buffer = new byte[Pcap.SNAPLEN];
        long drainUntil = Long.MAX_VALUE;
        try {
            while (true) {
                if (stopping && drainUntil == Long.MAX_VALUE) {
                    drainUntil = System.nanoTime() + DRAIN_MILLIS * 1_000_000L;
                }
                if (System.nanoTime() > drainUntil) {
                    return;
                }
                Frame frame = socket.receive(buffer);
                if (frame == null) {
                    synchronized (this) {
                        emptySince = System.nanoTime();
                        notifyAll();
                    }
                    if (stopping) {
                        return;
                    }
                } else if (kept(frame)) {
                    long micros = frame.micros() > 0 ? frame.micros() : ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
                    file.add(micros, buffer, Math.min(frame.length(), buffer.length), frame.length());
                }
            }
        } catch (IOException | RuntimeException e) {
            error = String.valueOf(e);
        } finally {
            synchronized (this) {
                ended = true;
                notifyAll();
            }
        }
    }

    /** Whether a frame is kept: Ethernet-framed, and not a loopback frame's sending copy (its receiving copy is kept). */
    static boolean kept(Frame frame) {
        if (frame.deviceType() == ARPHRD_LOOPBACK) {
            return frame.direction() != PACKET_OUTGOING;
        }
        return frame.deviceType() == ARPHRD_ETHER;
    }

    /**
     * What is captured so far, the capture going on: first every frame queued when this was asked is read (the reader
     * found the socket empty since), or {@link #DRAIN_MILLIS} passed (a flood keeps it full). The file's first
     * {@code bytes} stay as they are: it only grows.
     */
    ProbeReply.CaptureState state() throws InterruptedException {
        long asked = System.nanoTime();
        long deadline = asked + DRAIN_MILLIS * 1_000_000L;
        synchronized (this) {
            for (long left; !ended && emptySince - asked <= 0 && (left = deadline - System.nanoTime()) > 0; ) {
                wait(Math.max(1, left / 1_000_000L));
            }
        }
        return new ProbeReply.CaptureState(file.packets(), file.length(), file.notKept(), error == null ? "" : error);
    }

    /** Stops reading (after what is still queued) and closes the socket; the file stays readable. */
    ProbeReply.CaptureState stop() {
        stopping = true;
        try {
            reader.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        socket.close();
        return new ProbeReply.CaptureState(file.packets(), file.length(), file.notKept(), error == null ? "" : error);
    }

    /** Up to {@code max} bytes of the pcap file from {@code offset}. */
    ProbeReply.CaptureData bytes(int offset, int max) {
        return new ProbeReply.CaptureData(file.bytes(offset, max), file.length());
    }

    @Override
    public void close() {
        stop();
    }

    private static Socket open() throws IOException {
        int feature = Runtime.version().feature();
        if (feature < FFM_FEATURE) {
            throw new IOException("capturing packets (a packet socket, through the FFM API) needs a Java " + FFM_FEATURE
                    + " or later runtime; this agent runs on Java " + feature);
        }
        try {
            return (Socket) Class.forName(SOCKET).getDeclaredMethod("open").invoke(null);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IOException("cannot open a packet socket: " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new IOException("the probe's packet socket (" + SOCKET + ", compiled for Java 25) cannot be loaded: " + e, e);
        }
    }
}
