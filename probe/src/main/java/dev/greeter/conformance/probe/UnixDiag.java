package dev.greeter.conformance.probe;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.function.Consumer;

/**
 * The Unix-domain sockets of this network namespace, as the kernel's socket diagnostics report them
 * (NETLINK_SOCK_DIAG, UNIX_DIAG): each socket's type, state, inode and bound name as raw bytes, in
 * binary records. Unlike /proc/net/unix, where the kernel prints an abstract name raw, newlines and
 * all, so that a socket's name can hold whole forged rows, nothing a socket's owner chooses can make
 * one record look like another.
 *
 * <p>The request and the parsing are here, plain Java 17; the system calls (a netlink socket, send,
 * recv) are {@link Transport}'s, done through the FFM API, which is final only since Java 22: its
 * implementation, {@code FfmNetlink}, is compiled for Java 25 from {@code src/main/java25} and loaded by
 * name, so that the harness can still load the rest of the probe on Java 17. The agent runs on the probe
 * image's JDK 25; on an older runtime reading the table fails with a message saying so, and never falls
 * back to /proc/net/unix.
 */
final class UnixDiag {

    static final int NETLINK_SOCK_DIAG = 4;
    private static final int SOCK_DIAG_BY_FAMILY = 20;
    private static final int NLM_F_REQUEST = 0x1;
    private static final int NLM_F_DUMP = 0x300;
    private static final int NLMSG_ERROR = 2;
    private static final int NLMSG_DONE = 3;
    private static final int NLMSG_HDRLEN = 16;
    private static final int AF_UNIX = 1;
    private static final int ALL_STATES = -1;
    private static final int UDIAG_SHOW_NAME = 1;
    private static final int UDIAG_SHOW_VFS = 2;
    private static final int UNIX_DIAG_NAME = 0;
    private static final int UNIX_DIAG_VFS = 1;
    /** struct unix_diag_msg: family, type, state, pad (u8 each), ino, cookie[2] (u32 each). */
    private static final int UNIX_DIAG_MSG_LEN = 16;
    private static final int RTA_HDRLEN = 4;
    /** A reply datagram is at most a few pages; a bigger one would be cut, which recv reports. */
    static final int RECEIVE_BUFFER = 256 * 1024;
    /** Feature version of the first JDK where java.lang.foreign is final. */
    private static final int FFM_FEATURE = 22;
    private static final String TRANSPORT = "dev.greeter.conformance.probe.FfmNetlink";

    /** One socket: its type (SOCK_STREAM is 1), TCP-style state (TCP_LISTEN is 10), inode, and its name's bytes (empty if unnamed). */
    record Entry(int type, int state, long inode, byte[] name, long vfsInode, boolean hasVfs) {
    }

    /** A netlink socket of one protocol: requests go to the kernel, replies are whole datagrams. */
    interface Transport extends AutoCloseable {
        void send(byte[] message) throws IOException;

        /** One datagram into {@code buffer}; its length. A datagram longer than the buffer is an IOException. */
        int receive(byte[] buffer) throws IOException;

        @Override
        void close();
    }

    private UnixDiag() {
    }

    /** Every Unix-domain socket of the namespace, each given to {@code each} as the kernel lists it. */
    static void dump(Consumer<Entry> each) throws IOException {
        try (Transport netlink = open()) {
            int seq = 1;
            netlink.send(request(seq));
            byte[] buffer = new byte[RECEIVE_BUFFER];
            boolean done = false;
            while (!done) {
                int n = netlink.receive(buffer);
                done = parse(ByteBuffer.wrap(buffer, 0, n), seq, each);
            }
        }
    }

    /** The dump request: every state, names and socket-file identities. */
    static byte[] request(int seq) {
        int length = NLMSG_HDRLEN + 24;
        ByteBuffer b = ByteBuffer.allocate(length).order(ByteOrder.nativeOrder());
        b.putInt(length).putShort((short) SOCK_DIAG_BY_FAMILY).putShort((short) (NLM_F_REQUEST | NLM_F_DUMP)).putInt(seq).putInt(0);
        // struct unix_diag_req: family, protocol, pad, states, ino, show, cookie[2]
        b.put((byte) AF_UNIX).put((byte) 0).putShort((short) 0).putInt(ALL_STATES).putInt(0)
                .putInt(UDIAG_SHOW_NAME | UDIAG_SHOW_VFS).putInt(-1).putInt(-1);
        return b.array();
    }

    /**
     * The messages of one reply datagram, each socket given to {@code each}; true when the dump is done.
     * Lengths are checked against what is there; anything that does not fit is an IOException, never a
     * read past the datagram.
     */
    static boolean parse(ByteBuffer datagram, int seq, Consumer<Entry> each) throws IOException {
        ByteBuffer b = datagram.slice().order(ByteOrder.nativeOrder());
        while (b.remaining() >= NLMSG_HDRLEN) {
            int start = b.position();
            int length = b.getInt(start);
            int type = b.getShort(start + 4) & 0xffff;
            if (length < NLMSG_HDRLEN || length > b.remaining()) {
                throw new IOException("malformed sock_diag reply: a message of " + length + " bytes where " + b.remaining() + " remain");
            }
            if (b.getInt(start + 8) != seq) {
                // Not an answer to this request (nothing else is sent on this socket): skip it.
                b.position(Math.min(b.limit(), start + align(length)));
                continue;
            }
            if (type == NLMSG_DONE) {
                return true;
            } else if (type == NLMSG_ERROR) {
                int error = length >= NLMSG_HDRLEN + 4 ? -b.getInt(start + NLMSG_HDRLEN) : -1;
                throw new IOException("the kernel refused the sock_diag dump of Unix-domain sockets: errno " + error);
            } else if (type == SOCK_DIAG_BY_FAMILY) {
                each.accept(entry(b.duplicate().order(ByteOrder.nativeOrder()).position(start + NLMSG_HDRLEN).limit(start + length)));
            }
            b.position(Math.min(b.limit(), start + align(length)));
        }
        return false;
    }

    private static Entry entry(ByteBuffer m) throws IOException {
        if (m.remaining() < UNIX_DIAG_MSG_LEN) {
            throw new IOException("malformed sock_diag reply: a unix_diag_msg of " + m.remaining() + " bytes");
        }
        int at = m.position();
        int type = m.get(at + 1) & 0xff;
        int state = m.get(at + 2) & 0xff;
        long inode = m.getInt(at + 4) & 0xffffffffL;
        byte[] name = new byte[0];
        long vfsInode = 0;
        boolean hasVfs = false;
        m.position(at + UNIX_DIAG_MSG_LEN);
        while (m.remaining() >= RTA_HDRLEN) {
            int start = m.position();
            int length = m.getShort(start) & 0xffff;
            int kind = m.getShort(start + 2) & 0xffff;
            if (length < RTA_HDRLEN || length > m.remaining()) {
                throw new IOException("malformed sock_diag reply: an attribute of " + length + " bytes where " + m.remaining() + " remain");
            }
            if (kind == UNIX_DIAG_NAME) {
                name = new byte[length - RTA_HDRLEN];
                m.get(start + RTA_HDRLEN, name);
            } else if (kind == UNIX_DIAG_VFS && length >= RTA_HDRLEN + 8) {
                vfsInode = m.getInt(start + RTA_HDRLEN) & 0xffffffffL;
                hasVfs = true;
            }
            m.position(Math.min(m.limit(), start + align(length)));
        }
        return new Entry(type, state, inode, name, vfsInode, hasVfs);
    }

    private static int align(int length) {
        return (length + 3) & ~3;
    }

    private static Transport open() throws IOException {
        int feature = Runtime.version().feature();
        if (feature < FFM_FEATURE) {
            throw new IOException("reading the kernel's table of Unix-domain sockets (NETLINK_SOCK_DIAG, through the FFM API) needs"
                    + " a Java " + FFM_FEATURE + " or later runtime; this agent runs on Java " + feature);
        }
        try {
            return (Transport) Class.forName(TRANSPORT).getDeclaredMethod("open", int.class).invoke(null, NETLINK_SOCK_DIAG);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IOException("cannot open a NETLINK_SOCK_DIAG socket: " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new IOException("the probe's NETLINK_SOCK_DIAG transport (" + TRANSPORT + ", compiled for Java 25) cannot be loaded: "
                    + e, e);
        }
    }
}
