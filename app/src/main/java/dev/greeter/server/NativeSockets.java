package dev.greeter.server;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.net.BindException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.nio.ByteOrder;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The libc side of {@link SocketIo#NATIVE}, through the FFM API ({@code java.lang.foreign}): the server's own
 * listening socket (socket, setsockopt, bind, listen, getsockname), and per connection accept4, send, shutdown,
 * recv and close: the three system calls a C server makes, and two for a lingering close (SPEC 2.4): shutdown
 * sends the FIN close would have sent, recv (MSG_DONTWAIT) tells whether the client spoke first. The serving loop waits in
 * poll(2) on the listening socket and an eventfd that {@link GreetingServer#stop()} writes to.
 *
 * <p>Each call captures errno through {@link Linker.Option#captureCallState}; failures are returned as
 * -errno (as the kernel does) and described with strerror. Nothing here reads a JDK internal, and no C is
 * compiled: the downcalls are bound to the C library the JVM itself links.
 *
 * <p><b>One call shape for every function.</b> Each distinct {@link FunctionDescriptor} costs the JVM a
 * generated stub and a few dozen method-handle classes at its first link, which the AOT cache cannot keep:
 * 11 shapes took 110-130 ms of the server's start here, one shape 42 ms (bench/README.md). So every
 * function is linked as {@code long f(long, long, long, long, long)}: on the two ABIs allowed here (x86_64
 * System V, AArch64 AAPCS64) integer and pointer arguments travel in the same 64-bit registers whatever
 * their C type, a callee reads only the low 32 bits of an {@code int} argument and ignores registers it does
 * not take, and an {@code int} result is the low 32 bits of the return register; {@link #call} truncates it.
 *
 * <p>Availability is decided once: Linux on x86_64 or aarch64 (the constants below are theirs), native
 * access enabled for this code ({@code --enable-native-access=ALL-UNNAMED}, which the image and the jar's
 * manifest give; without it the JVM would print a warning on the first downcall), and every symbol found.
 * Otherwise {@code --io auto} uses the JDK's channels and {@code --io native} is refused with the reason.
 */
final class NativeSockets {

    // Linux's values on x86_64 and aarch64 (asm-generic); other architectures are refused in load().
    private static final int AF_INET = 2;
    private static final int AF_INET6 = 10;
    private static final int SOCK_STREAM = 1;
    private static final int SOCK_NONBLOCK = 0x800;
    private static final int SOCK_CLOEXEC = 0x80000;
    private static final int SOL_SOCKET = 1;
    private static final int SO_REUSEADDR = 2;
    private static final int IPPROTO_IPV6 = 41;
    private static final int IPV6_V6ONLY = 26;
    private static final int MSG_NOSIGNAL = 0x4000;
    private static final int MSG_DONTWAIT = 0x40;
    private static final int SHUT_WR = 1;
    private static final int EFD_NONBLOCK = 0x800;
    private static final int EFD_CLOEXEC = 0x80000;
    private static final int EINTR = 4;
    private static final int EAGAIN = 11;
    private static final int EACCES = 13;
    private static final int EADDRINUSE = 98;
    private static final int EADDRNOTAVAIL = 99;
    private static final int ECONNABORTED = 103;
    static final short POLLIN = 1;
    /** struct pollfd: int fd; short events; short revents. */
    static final long POLLFD_BYTES = 8;

    /** What {@link #accept} returns when no connection is queued. */
    static final int NONE_QUEUED = -EAGAIN;

    private static final Set<String> ARCHITECTURES = Set.of("amd64", "x86_64", "aarch64");

    private static final StructLayout CALL_STATE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CALL_STATE.varHandle(MemoryLayout.PathElement.groupElement("errno"));

    /** {@code long f(long, long, long, long, long)}, errno captured: the one shape every function is called with. */
    private static final FunctionDescriptor SHAPE = FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG,
            ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG);

    /** Empty when the native path can be used; otherwise why not, in one line. */
    private static final Optional<String> UNAVAILABLE;
    /** The shape's downcall, taking the function's address first: one stub for all. */
    private static final MethodHandle CALL;
    // The functions' addresses.
    private static final MemorySegment SOCKET;
    private static final MemorySegment SETSOCKOPT;
    private static final MemorySegment BIND;
    private static final MemorySegment LISTEN;
    private static final MemorySegment GETSOCKNAME;
    private static final MemorySegment ACCEPT4;
    private static final MemorySegment SEND;
    private static final MemorySegment CLOSE;
    private static final MemorySegment POLL;
    private static final MemorySegment EVENTFD;
    private static final MemorySegment WRITE;
    private static final MemorySegment STRERROR;
    private static final MemorySegment SHUTDOWN;
    private static final MemorySegment RECV;

    static {
        String reason = null;
        MethodHandle call = null;
        MemorySegment[] f = new MemorySegment[14];
        try {
            reason = unsupportedPlatform();
            if (reason == null) {
                Linker linker = Linker.nativeLinker();
                SymbolLookup libc = linker.defaultLookup();
                String[] names = {"socket", "setsockopt", "bind", "listen", "getsockname", "accept4", "send", "close", "poll",
                    "eventfd", "write", "strerror", "shutdown", "recv"};
                for (int k = 0; k < names.length; k++) {
                    String name = names[k];
                    f[k] = libc.find(name).orElseThrow(() -> new MissingSymbol(name));
                }
                call = linker.downcallHandle(SHAPE, Linker.Option.captureCallState("errno"));
            }
        } catch (MissingSymbol e) {
            reason = "the C library has no " + e.getMessage();
        } catch (RuntimeException | LinkageError e) {
            reason = "the FFM API refused a downcall: " + e;
        }
        UNAVAILABLE = Optional.ofNullable(reason);
        CALL = call;
        SOCKET = f[0];
        SETSOCKOPT = f[1];
        BIND = f[2];
        LISTEN = f[3];
        GETSOCKNAME = f[4];
        ACCEPT4 = f[5];
        SEND = f[6];
        CLOSE = f[7];
        POLL = f[8];
        EVENTFD = f[9];
        WRITE = f[10];
        STRERROR = f[11];
        SHUTDOWN = f[12];
        RECV = f[13];
    }

    /** One errno capture area per thread: the serving thread's is reused for every call, so the loop allocates nothing. */
    private static final ThreadLocal<MemorySegment> CALL_STATES =
            ThreadLocal.withInitial(() -> Arena.ofAuto().allocate(CALL_STATE));

    private NativeSockets() {
    }

    private static String unsupportedPlatform() {
        String os = System.getProperty("os.name", "");
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        if (!os.equals("Linux") || !ARCHITECTURES.contains(arch)) {
            return "it needs Linux on x86_64 or aarch64, this is " + os + " on " + arch;
        }
        Module module = NativeSockets.class.getModule();
        if (!module.isNativeAccessEnabled()) {
            return module.isNamed()
                    ? "native access is not enabled for module " + module.getName() + " (run java with --enable-native-access=" + module.getName() + ")"
                    : "native access is not enabled for the unnamed module (run java with --enable-native-access=ALL-UNNAMED)";
        }
        return null;
    }

    /**
     * Calls the C function at {@code function} with up to five integer or pointer arguments (unused ones 0);
     * errno lands in {@code state}. The result is the full return register: an {@code int} function's is
     * {@code (int)} of it.
     */
    private static long call(MemorySegment function, MemorySegment state, long a, long b, long c, long d, long e) {
        try {
            return (long) CALL.invokeExact(function, state, a, b, c, d, e);
        } catch (RuntimeException | Error x) {
            throw x;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    private static final class MissingSymbol extends RuntimeException {
        private static final long serialVersionUID = 1L;

        MissingSymbol(String name) {
            super(name, null, false, false);
        }
    }

    static Optional<String> unavailableReason() {
        return UNAVAILABLE;
    }

    private static MemorySegment state() {
        return CALL_STATES.get();
    }

    private static int errno(MemorySegment state) {
        return (int) ERRNO.get(state, 0L);
    }

    private static void requireAvailable() throws IOException {
        if (UNAVAILABLE.isPresent()) {
            throw new IOException("native I/O is not available: " + UNAVAILABLE.get());
        }
    }

    /**
     * A non-blocking, close-on-exec listening socket with SO_REUSEADDR, bound to {@code address} (port 0: any
     * free port) with {@code backlog}; its descriptor.
     *
     * @throws BindException when the address is in use or not this host's, with strerror's words (as the JDK's)
     */
    static int listen(InetSocketAddress address, int backlog) throws IOException {
        requireAvailable();
        MemorySegment state = state();
        try (Arena arena = Arena.ofConfined()) {
            boolean v6 = address.getAddress() instanceof Inet6Address;
            MemorySegment sockaddr = sockaddr(arena, address, v6);
            int fd = (int) call(SOCKET, state, v6 ? AF_INET6 : AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0, 0, 0);
            if (fd < 0) {
                throw new IOException("socket: " + describe(errno(state)));
            }
            try {
                MemorySegment one = arena.allocateFrom(ValueLayout.JAVA_INT, 1);
                if ((int) call(SETSOCKOPT, state, fd, SOL_SOCKET, SO_REUSEADDR, one.address(), 4) < 0) {
                    throw new IOException("setsockopt(SO_REUSEADDR): " + describe(errno(state)));
                }
                // Dual-stack whatever the host's net.ipv6.bindv6only says, as the JDK's sockets are: :: takes IPv4 too.
                MemorySegment zero = arena.allocateFrom(ValueLayout.JAVA_INT, 0);
                if (v6 && (int) call(SETSOCKOPT, state, fd, IPPROTO_IPV6, IPV6_V6ONLY, zero.address(), 4) < 0) {
                    throw new IOException("setsockopt(IPV6_V6ONLY): " + describe(errno(state)));
                }
                if ((int) call(BIND, state, fd, sockaddr.address(), sockaddr.byteSize(), 0, 0) < 0) {
                    int error = errno(state);
                    if (error == EADDRINUSE || error == EADDRNOTAVAIL || error == EACCES) {
                        throw new BindException(describe(error));
                    }
                    throw new IOException("bind: " + describe(error));
                }
                if ((int) call(LISTEN, state, fd, backlog, 0, 0, 0) < 0) {
                    throw new IOException("listen: " + describe(errno(state)));
                }
                return fd;
            } catch (IOException | RuntimeException | Error e) {
                close(fd);
                throw e;
            }
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** The port a bound socket has (the kernel's choice when bound to port 0). */
    static int localPort(int fd) throws IOException {
        requireAvailable();
        MemorySegment state = state();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment sockaddr = arena.allocate(28, 4);
            MemorySegment length = arena.allocateFrom(ValueLayout.JAVA_INT, (int) sockaddr.byteSize());
            if ((int) call(GETSOCKNAME, state, fd, sockaddr.address(), length.address(), 0, 0) < 0) {
                throw new IOException("getsockname: " + describe(errno(state)));
            }
            return Short.toUnsignedInt(sockaddr.get(ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN), 2));
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    private static MemorySegment sockaddr(Arena arena, InetSocketAddress address, boolean v6) {
        ValueLayout.OfShort port = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
        byte[] ip = address.getAddress().getAddress();
        if (v6) {
            // struct sockaddr_in6: family, port, flowinfo, 16 address bytes, scope id
            MemorySegment s = arena.allocate(28, 4);
            s.set(ValueLayout.JAVA_SHORT, 0, (short) AF_INET6);
            s.set(port, 2, (short) address.getPort());
            MemorySegment.copy(ip, 0, s, ValueLayout.JAVA_BYTE, 8, 16);
            s.set(ValueLayout.JAVA_INT, 24, ((Inet6Address) address.getAddress()).getScopeId());
            return s;
        }
        // struct sockaddr_in: family, port, 4 address bytes, 8 zero bytes
        MemorySegment s = arena.allocate(16, 4);
        s.set(ValueLayout.JAVA_SHORT, 0, (short) AF_INET);
        s.set(port, 2, (short) address.getPort());
        MemorySegment.copy(ip, 0, s, ValueLayout.JAVA_BYTE, 4, ((Inet4Address) address.getAddress()).getAddress().length);
        return s;
    }

    /** A new connection's descriptor (blocking, close-on-exec), {@link #NONE_QUEUED}, or -errno. */
    static int accept(int listenerFd) {
        MemorySegment state = state();
        try {
            while (true) {
                // Blocking mode (no SOCK_NONBLOCK): a short greeting is then sent in one call or fails.
                int fd = (int) call(ACCEPT4, state, listenerFd, 0, 0, SOCK_CLOEXEC, 0);
                if (fd >= 0) {
                    return fd;
                }
                int error = errno(state);
                // A connection reset while queued is the client's business, not an accept failure.
                if (error != EINTR && error != ECONNABORTED) {
                    return -error;
                }
            }
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** {@link #greet}'s answer when the client had sent something: {@code fd} is left open for the caller to linger on. */
    static final int LINGER = Integer.MIN_VALUE;

    /** {@link #discard}: nothing was waiting. */
    static final int NOTHING_WAITING = 0;
    /** {@link #discard}: bytes were waiting, all read; the client has not closed. */
    static final int READ_SOME = 1;
    /** {@link #discard}: the client closed (end of stream) or the connection failed. */
    static final int ENDED = 2;

    /**
     * Sends {@code length} bytes of the native segment {@code greeting}, shuts down the sending side (the FIN goes out
     * now) and reads whatever the client already sent into {@code scratch}, discarding it. Then closes {@code fd},
     * unless the client had sent something and has not closed: then it is {@link #LINGER}, and the caller reads on
     * until the client closes or a bound passes (SPEC 2.4). Closing with unread data would make the kernel answer with
     * a reset. When nothing was waiting, closing at once is safe: the FIN is already out, and a line arriving later
     * draws a reset only after it, so the client still reads the greeting and the end of stream (measured).
     *
     * @return {@code length} (closed), {@link #LINGER} (left open), or -errno when the send failed (closed)
     */
    static int greet(int fd, MemorySegment greeting, int length, MemorySegment scratch) {
        MemorySegment state = state();
        try {
            int sent = 0;
            int error = 0;
            while (error == 0 && sent < length) {
                // MSG_NOSIGNAL: a client that already reset gets EPIPE here, not a SIGPIPE to the JVM.
                long n = call(SEND, state, fd, greeting.address() + sent, length - sent, MSG_NOSIGNAL, 0);
                if (n >= 0) {
                    sent += (int) n;
                } else if (errno(state) != EINTR) {
                    error = errno(state);
                }
            }
            if (error == 0) {
                call(SHUTDOWN, state, fd, SHUT_WR, 0, 0, 0);
                if (discard(fd, scratch) == READ_SOME) {
                    return LINGER;
                }
            }
            // Linux releases the descriptor even when close reports an error, so there is nothing to retry.
            int closed = (int) call(CLOSE, state, fd, 0, 0, 0, 0);
            assert closed == 0 || closed == -1;
            return error == 0 ? sent : -error;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /**
     * Reads without blocking, into {@code scratch}, what is waiting on {@code fd}, and discards it; at most
     * {@link #DISCARD_READS} reads, so that a client that sends without pause cannot hold the serving thread (it is
     * READ_SOME then, and the loop comes back to it).
     */
    static int discard(int fd, MemorySegment scratch) {
        MemorySegment state = state();
        int result = NOTHING_WAITING;
        for (int reads = 0; reads < DISCARD_READS; reads++) {
            long n = call(RECV, state, fd, scratch.address(), scratch.byteSize(), MSG_DONTWAIT, 0);
            if (n > 0) {
                result = READ_SOME;
            } else if (n == 0) {
                return ENDED;
            } else if (errno(state) == EAGAIN) {
                return result;
            } else if (errno(state) != EINTR) {
                // ECONNRESET and the like: the client is gone, nothing is left to linger for.
                return ENDED;
            }
        }
        return READ_SOME;
    }

    private static final int DISCARD_READS = 16;

    /** close(2); 0 or -errno. */
    static int close(int fd) {
        MemorySegment state = state();
        try {
            return (int) call(CLOSE, state, fd, 0, 0, 0, 0) == 0 ? 0 : -errno(state);
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** A non-blocking eventfd: {@link #signal} makes it readable, which ends a {@link #poll}. */
    static int eventFd() throws IOException {
        requireAvailable();
        MemorySegment state = state();
        try {
            int fd = (int) call(EVENTFD, state, 0, EFD_NONBLOCK | EFD_CLOEXEC, 0, 0, 0);
            if (fd < 0) {
                throw new IOException("eventfd: " + describe(errno(state)));
            }
            return fd;
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** Adds one to the eventfd's counter (one 8-byte write), which makes it readable. */
    static void signal(int eventFd) {
        MemorySegment state = state();
        try (Arena arena = Arena.ofConfined()) {
            long written = call(WRITE, state, eventFd, arena.allocateFrom(ValueLayout.JAVA_LONG, 1L).address(), 8, 0, 0);
            assert written == 8 || errno(state) == EAGAIN;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /**
     * poll(2) on {@code count} struct pollfd in {@code fds}; the number of descriptors with events, 0 on timeout,
     * or -errno. A negative timeout waits until one is ready.
     */
    static int poll(MemorySegment fds, int count, int timeoutMillis) {
        MemorySegment state = state();
        try {
            int n = (int) call(POLL, state, fds.address(), count, timeoutMillis, 0, 0);
            return n >= 0 ? n : -errno(state);
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** strerror(3) of a positive errno. */
    static String describe(int errno) {
        if (UNAVAILABLE.isPresent()) {
            return "errno " + errno;
        }
        try {
            long text = call(STRERROR, state(), errno, 0, 0, 0, 0);
            return MemorySegment.ofAddress(text).reinterpret(1024).getString(0);
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }
}
