package dev.greeter.conformance.probe;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/**
 * {@link UnixDiag.Transport} over libc's socket, send, recv and close, through the FFM API: compiled for
 * Java 25 (from src/main/java25) and loaded by name, so that nothing else in the probe needs more than
 * Java 17. The agent runs with {@code --enable-native-access=ALL-UNNAMED}, so the downcalls print no
 * warning (the agent's stdout is its control channel). errno is captured with each call.
 */
final class FfmNetlink implements UnixDiag.Transport {

    // Linux's values on x86_64 and aarch64 (asm-generic).
    private static final int AF_NETLINK = 16;
    private static final int SOCK_RAW = 3;
    private static final int SOCK_CLOEXEC = 0x80000;
    private static final int SOL_SOCKET = 1;
    private static final int SO_RCVTIMEO = 20;
    /** recv: return a datagram's real length even when it was longer than the buffer. */
    private static final int MSG_TRUNC = 0x20;
    private static final int EINTR = 4;
    private static final int EAGAIN = 11;
    /** The kernel answers a dump at once; a silent one is a broken probe, not a slow implementation. */
    private static final int RECEIVE_TIMEOUT_SECONDS = 10;

    private static final MethodHandle SOCKET = FfmCalls.downcall("socket", FunctionDescriptor.of(ValueLayout.JAVA_INT,
            ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
    private static final MethodHandle SETSOCKOPT = FfmCalls.downcall("setsockopt", FunctionDescriptor.of(ValueLayout.JAVA_INT,
            ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT));
    private static final MethodHandle SEND = FfmCalls.downcall("send", FunctionDescriptor.of(ValueLayout.JAVA_LONG,
            ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT));
    private static final MethodHandle RECV = FfmCalls.downcall("recv", FunctionDescriptor.of(ValueLayout.JAVA_LONG,
            ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT));

    private final Arena arena = Arena.ofConfined();
    private final FfmCalls calls = new FfmCalls(arena);
    private final int fd;
    private MemorySegment received = MemorySegment.NULL;

    private FfmNetlink(int protocol) throws IOException {
        int opened = (int) calls.invoke(SOCKET, AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, protocol);
        if (opened < 0) {
            IOException e = calls.failure("socket(AF_NETLINK, SOCK_RAW, " + protocol + ")");
            arena.close();
            throw e;
        }
        fd = opened;
        // struct timeval { long tv_sec; long tv_usec; }
        MemorySegment timeout = arena.allocate(16, 8);
        timeout.set(ValueLayout.JAVA_LONG, 0, RECEIVE_TIMEOUT_SECONDS);
        if ((int) calls.invoke(SETSOCKOPT, fd, SOL_SOCKET, SO_RCVTIMEO, timeout, (int) timeout.byteSize()) < 0) {
            IOException e = calls.failure("setsockopt(SO_RCVTIMEO)");
            close();
            throw e;
        }
    }

    /** Called by name from {@link UnixDiag}. */
    static UnixDiag.Transport open(int protocol) throws IOException {
        return new FfmNetlink(protocol);
    }

    @Override
    public void send(byte[] message) throws IOException {
        MemorySegment out = arena.allocate(message.length);
        out.copyFrom(MemorySegment.ofArray(message));
        long n;
        do {
            n = (long) calls.invoke(SEND, fd, out, (long) message.length, 0);
        } while (n < 0 && calls.errno() == EINTR);
        if (n != message.length) {
            throw n < 0 ? calls.failure("send on the netlink socket") : new IOException("send on the netlink socket sent " + n + " of "
                    + message.length + " bytes");
        }
    }

    @Override
    public int receive(byte[] buffer) throws IOException {
        if (received.byteSize() < buffer.length) {
            received = arena.allocate(buffer.length);
        }
        MemorySegment in = received;
        long n;
        do {
            n = (long) calls.invoke(RECV, fd, in, (long) buffer.length, MSG_TRUNC);
        } while (n < 0 && calls.errno() == EINTR);
        if (n < 0) {
            throw calls.errno() == EAGAIN ? new IOException("no reply from the kernel to the sock_diag dump within "
                    + RECEIVE_TIMEOUT_SECONDS + " s") : calls.failure("recv on the netlink socket");
        }
        if (n > buffer.length) {
            throw new IOException("a sock_diag reply of " + n + " bytes is longer than the probe's buffer of " + buffer.length);
        }
        MemorySegment.copy(in, ValueLayout.JAVA_BYTE, 0, buffer, 0, (int) n);
        return (int) n;
    }

    @Override
    public void close() {
        try {
            calls.invoke(FfmCalls.CLOSE, fd);
        } catch (IOException ignored) {
            // Nothing left to do about a descriptor that does not close.
        } finally {
            arena.close();
        }
    }




}
