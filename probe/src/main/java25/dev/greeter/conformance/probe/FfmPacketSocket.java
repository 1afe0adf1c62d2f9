package dev.greeter.conformance.probe;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.ByteOrder;

/**
 * {@link PacketCapture.Socket} over libc's socket, setsockopt, recvfrom and close, through the FFM API: compiled for
 * Java 25 (from src/main/java25) and loaded by name, as {@link FfmNetlink} is. A packet socket of every protocol
 * (ETH_P_ALL), bound to no device, so it sees every device of the namespace; recvfrom's sockaddr_ll says which kind of
 * device and which direction. errno is captured with each call.
 */
final class FfmPacketSocket implements PacketCapture.Socket {

    // Linux's values on x86_64 and aarch64 (asm-generic).
    private static final int AF_PACKET = 17;
    private static final int SOCK_RAW = 3;
    private static final int SOCK_CLOEXEC = 0x80000;
    private static final int ETH_P_ALL = 0x0003;
    private static final int SOL_SOCKET = 1;
    private static final int SO_RCVBUF = 8;
    private static final int SO_RCVTIMEO = 20;
    /** The kernel stamps each frame as it arrives; SIOCGSTAMP reads the last one's, so a reader that lags keeps true times. */
    private static final int SO_TIMESTAMP = 29;
    private static final long SIOCGSTAMP = 0x8906;
    /** recvfrom: return a frame's real length even when it was longer than the buffer. */
    private static final int MSG_TRUNC = 0x20;
    private static final int EINTR = 4;
    private static final int EAGAIN = 11;
    /** Short: a stop, and a look at what is captured so far, wait for the socket to be found empty. A time-out is only "nothing came". */
    private static final int RECEIVE_TIMEOUT_MICROS = 10_000;
    /** Frames wait here while the reader writes; the kernel caps it at net.core.rmem_max. */
    private static final int RECEIVE_BUFFER_BYTES = 4 << 20;
    /** struct sockaddr_ll: family, protocol (u16), ifindex (i32), hatype (u16), pkttype, halen (u8), addr[8]. */
    private static final int SOCKADDR_LL_BYTES = 20;
    private static final long HATYPE_OFFSET = 8;
    private static final long PKTTYPE_OFFSET = 10;

    private static final MethodHandle SOCKET = FfmCalls.downcall("socket", FunctionDescriptor.of(ValueLayout.JAVA_INT,
            ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
    private static final MethodHandle SETSOCKOPT = FfmCalls.downcall("setsockopt", FunctionDescriptor.of(ValueLayout.JAVA_INT,
            ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT));
    private static final MethodHandle RECVFROM = FfmCalls.downcall("recvfrom", FunctionDescriptor.of(ValueLayout.JAVA_LONG,
            ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.ADDRESS));
    private static final MethodHandle IOCTL = FfmCalls.LINKER.downcallHandle(FfmCalls.LINKER.defaultLookup().find("ioctl").orElseThrow(),
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG, ValueLayout.ADDRESS),
            Linker.Option.firstVariadicArg(2), Linker.Option.captureCallState("errno"));

    private final Arena arena = Arena.ofShared();
    private final FfmCalls calls = new FfmCalls(arena);
    private final MemorySegment address = arena.allocate(SOCKADDR_LL_BYTES, 4);
    private final MemorySegment addressLength = arena.allocate(ValueLayout.JAVA_INT);
    /** struct timeval { long tv_sec; long tv_usec; } of the last frame. */
    private final MemorySegment stamp = arena.allocate(16, 8);
    private final int fd;
    private MemorySegment received = MemorySegment.NULL;
    private boolean closed;

    private FfmPacketSocket() throws IOException {
        // The protocol is in network byte order: htons(ETH_P_ALL).
        int protocol = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN ? Short.reverseBytes((short) ETH_P_ALL) & 0xffff : ETH_P_ALL;
        int opened = (int) calls.invoke(SOCKET, AF_PACKET, SOCK_RAW | SOCK_CLOEXEC, protocol);
        if (opened < 0) {
            IOException e = calls.failure("socket(AF_PACKET, SOCK_RAW, ETH_P_ALL) (the holder needs CAP_NET_RAW)");
            arena.close();
            throw e;
        }
        fd = opened;
        // struct timeval { long tv_sec; long tv_usec; }
        MemorySegment timeout = arena.allocate(16, 8);
        timeout.set(ValueLayout.JAVA_LONG, 0, 0);
        timeout.set(ValueLayout.JAVA_LONG, 8, RECEIVE_TIMEOUT_MICROS);
        MemorySegment size = arena.allocate(ValueLayout.JAVA_INT);
        size.set(ValueLayout.JAVA_INT, 0, RECEIVE_BUFFER_BYTES);
        MemorySegment on = arena.allocate(ValueLayout.JAVA_INT);
        on.set(ValueLayout.JAVA_INT, 0, 1);
        if ((int) calls.invoke(SETSOCKOPT, fd, SOL_SOCKET, SO_RCVTIMEO, timeout, (int) timeout.byteSize()) < 0
                || (int) calls.invoke(SETSOCKOPT, fd, SOL_SOCKET, SO_RCVBUF, size, (int) size.byteSize()) < 0
                || (int) calls.invoke(SETSOCKOPT, fd, SOL_SOCKET, SO_TIMESTAMP, on, (int) on.byteSize()) < 0) {
            IOException e = calls.failure("setsockopt on the packet socket");
            close();
            throw e;
        }
    }

    /** Called by name from {@link PacketCapture}. */
    static PacketCapture.Socket open() throws IOException {
        return new FfmPacketSocket();
    }

    @Override
    public PacketCapture.Frame receive(byte[] buffer) throws IOException {
        if (received.byteSize() < buffer.length) {
            received = arena.allocate(buffer.length);
        }
        long n;
        do {
            addressLength.set(ValueLayout.JAVA_INT, 0, SOCKADDR_LL_BYTES);
            try {
                // invokeExact, not invokeWithArguments: this runs once a frame, and a flood brings thousands a second.
                n = (long) RECVFROM.invokeExact(calls.state(), fd, received, (long) buffer.length, MSG_TRUNC, address, addressLength);
            } catch (Throwable e) {
                throw new IOException("native call failed: " + e, e);
            }
        } while (n < 0 && calls.errno() == EINTR);
        if (n < 0) {
            if (calls.errno() == EAGAIN) {
                return null;
            }
            throw calls.failure("recvfrom on the packet socket");
        }
        MemorySegment.copy(received, ValueLayout.JAVA_BYTE, 0, buffer, 0, (int) Math.min(n, buffer.length));
        return new PacketCapture.Frame((int) Math.min(n, Integer.MAX_VALUE), address.get(ValueLayout.JAVA_SHORT, HATYPE_OFFSET) & 0xffff,
                address.get(ValueLayout.JAVA_BYTE, PKTTYPE_OFFSET) & 0xff, arrived());
    }

    /** When the kernel received the last frame, in microseconds since the epoch; 0 when it cannot say. */
    private long arrived() {
        int r;
        try {
            r = (int) IOCTL.invokeExact(calls.state(), fd, SIOCGSTAMP, stamp);
        } catch (Throwable e) {
            return 0;
        }
        return r < 0 ? 0 : stamp.get(ValueLayout.JAVA_LONG, 0) * 1_000_000L + stamp.get(ValueLayout.JAVA_LONG, 8);
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            calls.invoke(FfmCalls.CLOSE, fd);
        } catch (IOException ignored) {
            // Nothing left to do about a descriptor that does not close.
        } finally {
            arena.close();
        }
    }




}
