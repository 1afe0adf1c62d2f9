package dev.greeter.server;

import dev.greeter.protocol.Protocol;
import dev.greeter.protocol.Transport;
import java.io.Closeable;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Greets every connection and closes it, on one thread, with one selector: over TCP, or a Unix-domain stream
 * socket, which takes the same loop (its file is {@link UnixSocketFile}'s).
 *
 * <p>The close is a lingering one (SPEC 2.4, 10.8): once the greeting is out the sending side is shut down (the
 * client reads the end of stream at once) and what the client already sent is read and discarded. A client that sent
 * nothing is closed at once, as before; one that spoke first stays in the loop, registered for reading, until it
 * closes or {@link Protocol#LINGER_BOUND} passes, for closing with its data unread would make the kernel reset the
 * connection. No thread is added per connection; a client that does not speak costs two system calls more
 * (shutdown, a recv that finds nothing) than accept, send and close.
 *
 * <p>Why this shape: the whole job per connection is accept, a small write and close, all of which
 * the kernel does; one non-blocking loop that drains the accept queue on each wake-up keeps up with
 * it without a thread per client, so threads and file descriptors stay bounded under a flood. A
 * write that does not complete at once (a very long greeting, a client that does not read) waits in
 * the selector with a deadline instead of blocking everyone else.
 *
 * <p>With {@link SocketIo#NATIVE} the same loop runs on the server's own listening socket, made through FFM
 * ({@link NativeSockets}): it waits in poll(2) on that socket, on an eventfd that {@link #stop()} signals and on the
 * lingering connections, drains the accept queue on each wake-up with accept4, and greets each connection with one
 * send, then the lingering close.
 * Greetings are then at most {@link #ONE_WRITE_MAX_BYTES}, so no write is ever left pending.
 */
public final class GreetingServer implements Server {

    /** After an accept failure (e.g. out of file descriptors) wait this long instead of spinning. */
    private static final long ACCEPT_BACKOFF_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
    /**
     * A fresh socket's send buffer takes at least this much (Linux's minimum SO_SNDBUF is 4608), so a
     * greeting this short is written in one call that cannot block: the native path's limit. (The JDK's
     * channels are made non-blocking for every connection, for the lingering close's read; a longer greeting
     * waits in the selector.)
     */
    public static final int ONE_WRITE_MAX_BYTES = 1024;
    /** How long a stop waits for greetings already being written. */
    private static final long DRAIN_NANOS = TimeUnit.MILLISECONDS.toNanos(500);
    private static final long LINGER_NANOS = Protocol.LINGER_BOUND.toNanos();
    /**
     * At most this many connections linger at once; past it a client that spoke first is closed at once, after its
     * FIN (over TCP it still reads the end of stream: the reset comes after it). Each lingers one round trip when its
     * client behaves, {@link Protocol#LINGER_BOUND} when it does not.
     */
    static final int MAX_LINGERING = 1024;
    /** Where discarded bytes go: one buffer for the loop, which is single-threaded. */
    private final ByteBuffer discarded = ByteBuffer.allocateDirect(4096);

    private final ServerConfig config;
    /** The JDK's channels ({@link SocketIo#JDK}); both null with native I/O. */
    private final ServerSocketChannel listener;
    private final Selector selector;
    /** The server's own socket ({@link SocketIo#NATIVE}); null with the JDK's channels. */
    private final NativeListener nativeListener;
    /** The Unix-domain socket's file; null for TCP. */
    private final UnixSocketFile socketFile;
    private final ByteBuffer greeting;
    private final long writeTimeoutNanos;
    private final CountDownLatch finished = new CountDownLatch(1);
    /** One instance for every select: a method reference made per call would be garbage in the loop. */
    private final Consumer<SelectionKey> onReady = this::onReady;

    private volatile boolean stopping;
    private volatile boolean serving;
    private volatile long served;
    private volatile long dropped;
    private int pendingWrites;
    private int lingering;
    /** The soonest a lingering connection's bound may pass: the keys are looked through no sooner. */
    private long nextLingerExpiry = Long.MAX_VALUE;
    private long acceptResumeAt;

    private GreetingServer(ServerConfig config, ServerSocketChannel listener, Selector selector, NativeListener nativeListener,
            UnixSocketFile socketFile) {
        this.config = config;
        this.listener = listener;
        this.selector = selector;
        this.nativeListener = nativeListener;
        this.socketFile = socketFile;
        this.greeting = ByteBuffer.allocateDirect(config.greetingBytes().length).put(config.greetingBytes()).flip().asReadOnlyBuffer();
        this.writeTimeoutNanos = config.writeTimeout().toNanos();
    }

    /**
     * Binds and listens (TCP or Unix), so that a port already in use, an address not on this host or a Unix path
     * taken fails here, before anything is announced.
     */
    public static GreetingServer bind(ServerConfig config) throws IOException {
        if (config.io() == SocketIo.NATIVE) {
            return new GreetingServer(config, null, null, NativeListener.open(config), null);
        }
        boolean unix = config.transport() == Transport.UNIX;
        UnixSocketFile socketFile = unix ? UnixSocketFile.claim(config.path()) : null;
        ServerSocketChannel listener = unix ? ServerSocketChannel.open(StandardProtocolFamily.UNIX) : ServerSocketChannel.open();
        try {
            if (!unix) {
                listener.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            }
            listener.bind(config.address(), config.backlog());
            if (unix) {
                socketFile.bound();
            }
            listener.configureBlocking(false);
            Selector selector = Selector.open();
            listener.register(selector, SelectionKey.OP_ACCEPT);
            return new GreetingServer(config, listener, selector, null, socketFile);
        } catch (IOException | RuntimeException e) {
            listener.close();
            if (unix) {
                socketFile.remove();
            }
            throw e;
        }
    }

    /** The TCP address and port listened on; an {@link IllegalStateException} for Unix. */
    public InetSocketAddress localAddress() {
        if (nativeListener != null) {
            return new InetSocketAddress(config.inetAddress().getAddress(), nativeListener.port);
        }
        try {
            if (listener.getLocalAddress() instanceof InetSocketAddress bound) {
                return bound;
            }
        } catch (IOException e) {
            return config.inetAddress();
        }
        return config.inetAddress();
    }

    /** Connections that received the whole greeting. */
    @Override
    public long served() {
        return served;
    }

    /** Connections closed before the whole greeting went out (client reset, write timeout). */
    @Override
    public long dropped() {
        return dropped;
    }

    /** Serves on the calling thread until {@link #stop()}; then stops accepting and finishes greetings in flight. */
    @Override
    public void serve() throws IOException {
        serving = true;
        try {
            if (nativeListener != null) {
                serveNative();
                return;
            }
            while (!stopping) {
                selector.select(onReady, selectTimeoutMillis());
                resumeAcceptingIfDue();
                if (pendingWrites > 0) {
                    expireWrites(System.nanoTime());
                }
                if (lingering > 0 && System.nanoTime() - nextLingerExpiry >= 0) {
                    expireLingering(System.nanoTime());
                }
            }
            drain();
        } finally {
            closeAll();
            finished.countDown();
        }
    }

    /** The native loop: wait for the listening socket or a stop, drain the accept queue, repeat; then drain once more. */
    private void serveNative() {
        while (!stopping) {
            boolean paused = acceptResumeAt != 0;
            int timeout = nativeListener.lingerTimeoutMillis(paused ? 50 : -1);
            if (nativeListener.await(timeout, !paused)) {
                acceptAllNative();
            }
            nativeListener.serviceLingering();
            resumeAcceptingIfDue();
        }
        // As drain(): greet what the kernel already queued, then stop listening.
        acceptAllNative();
        nativeListener.closeListeningSocket();
    }

    /** Asks the serving thread to stop; safe from any thread, including a signal handler. */
    @Override
    public void stop() {
        stopping = true;
        if (nativeListener != null) {
            nativeListener.wakeup();
        } else {
            selector.wakeup();
        }
    }

    @Override
    public boolean awaitFinished(Duration timeout) throws InterruptedException {
        return finished.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    @Override
    public void close() throws IOException {
        stop();
        if (!serving) {
            closeAll();
        }
    }

    private long selectTimeoutMillis() {
        if (acceptResumeAt != 0 || pendingWrites > 0 || lingering > 0) {
            return 50;
        }
        return 0;
    }

    private void onReady(SelectionKey key) {
        if (!key.isValid()) {
            return;
        }
        if (key.isAcceptable()) {
            acceptAll(key);
        } else if (key.isReadable()) {
            continueLingering(key);
        } else if (key.isWritable()) {
            continueWrite(key);
        }
    }

    private void acceptAll(SelectionKey key) {
        while (true) {
            SocketChannel client;
            try {
                client = listener.accept();
            } catch (IOException e) {
                acceptFailed(key, e.getMessage());
                return;
            }
            if (client == null) {
                return;
            }
            greet(client);
        }
    }

    private void acceptAllNative() {
        MemorySegment bytes = nativeListener.greeting;
        int length = (int) bytes.byteSize();
        while (true) {
            int fd = NativeSockets.accept(nativeListener.fd);
            if (fd == NativeSockets.NONE_QUEUED) {
                return;
            }
            if (fd < 0) {
                acceptFailed(null, NativeSockets.describe(-fd));
                return;
            }
            int greeted = NativeSockets.greet(fd, bytes, length, nativeListener.scratch);
            if (greeted == length || greeted == NativeSockets.LINGER) {
                served++;
            } else {
                dropped++;
            }
            if (greeted == NativeSockets.LINGER) {
                nativeListener.linger(fd);
            }
        }
    }

    /** Typically EMFILE: leave the rest queued in the kernel and retry shortly, instead of spinning. */
    private void acceptFailed(SelectionKey key, String reason) {
        if (key != null) {
            key.interestOps(0);
        }
        acceptResumeAt = System.nanoTime() + ACCEPT_BACKOFF_NANOS;
        System.err.println("greeter server: accept failed, retrying: " + reason);
    }

    private void greet(SocketChannel client) {
        ByteBuffer out = greeting.duplicate();
        try {
            // Non-blocking from the start: the lingering close reads what the client sent without waiting for more.
            client.configureBlocking(false);
            client.write(out);
            if (!out.hasRemaining()) {
                served++;
                closeLingering(client, null);
                return;
            }
            client.register(selector, SelectionKey.OP_WRITE, new PendingWrite(out, System.nanoTime() + writeTimeoutNanos));
            pendingWrites++;
        } catch (IOException e) {
            dropped++;
            closeQuietly(client);
        }
    }

    private void continueWrite(SelectionKey key) {
        PendingWrite pending = (PendingWrite) key.attachment();
        SocketChannel client = (SocketChannel) key.channel();
        try {
            client.write(pending.buffer());
            if (pending.buffer().hasRemaining()) {
                return;
            }
            served++;
        } catch (IOException e) {
            dropped++;
            finishWrite(key);
            return;
        }
        pendingWrites--;
        closeLingering(client, key);
    }

    /**
     * The greeting is out: shut down the sending side, read what the client sent, and close, unless it sent something
     * and has not closed; then it lingers, registered for reading (on {@code key} if it has one), until it closes or
     * the bound passes.
     */
    private void closeLingering(SocketChannel client, SelectionKey key) {
        try {
            client.shutdownOutput();
            if (discard(client) == NativeSockets.READ_SOME && lingering < MAX_LINGERING) {
                long deadline = System.nanoTime() + LINGER_NANOS;
                Lingering state = new Lingering(deadline);
                if (key != null) {
                    key.interestOps(SelectionKey.OP_READ);
                    key.attach(state);
                } else {
                    client.register(selector, SelectionKey.OP_READ, state);
                }
                lingering++;
                if (deadline - nextLingerExpiry < 0) {
                    nextLingerExpiry = deadline;
                }
                return;
            }
        } catch (IOException e) {
            // The client is gone already: nothing to linger for.
        }
        if (key != null) {
            key.cancel();
        }
        closeQuietly(client);
    }

    /** As {@link NativeSockets#discard}, for a channel: NOTHING_WAITING, READ_SOME or ENDED. */
    private int discard(SocketChannel client) {
        int result = NativeSockets.NOTHING_WAITING;
        try {
            for (int reads = 0; reads < 16; reads++) {
                int n = client.read(discarded.clear());
                if (n < 0) {
                    return NativeSockets.ENDED;
                } else if (n == 0) {
                    return result;
                }
                result = NativeSockets.READ_SOME;
            }
            return result;
        } catch (IOException e) {
            return NativeSockets.ENDED;
        }
    }

    private void continueLingering(SelectionKey key) {
        if (discard((SocketChannel) key.channel()) == NativeSockets.ENDED) {
            endLingering(key);
        }
    }

    private void endLingering(SelectionKey key) {
        key.cancel();
        lingering--;
        closeQuietly(key.channel());
    }

    private void expireLingering(long now) {
        long next = Long.MAX_VALUE;
        for (SelectionKey key : selector.keys()) {
            if (key.attachment() instanceof Lingering state) {
                if (now - state.deadline() >= 0) {
                    endLingering(key);
                } else if (state.deadline() - next < 0) {
                    next = state.deadline();
                }
            }
        }
        nextLingerExpiry = next;
    }

    private void expireWrites(long now) {
        for (SelectionKey key : selector.keys()) {
            if (key.attachment() instanceof PendingWrite pending && now - pending.deadline() > 0) {
                dropped++;
                finishWrite(key);
            }
        }
    }

    private void finishWrite(SelectionKey key) {
        key.cancel();
        pendingWrites--;
        closeQuietly(key.channel());
    }

    private void resumeAcceptingIfDue() {
        if (acceptResumeAt != 0 && System.nanoTime() - acceptResumeAt >= 0) {
            acceptResumeAt = 0;
            if (nativeListener != null) {
                return;
            }
            SelectionKey key = listener.keyFor(selector);
            if (key != null && key.isValid()) {
                key.interestOps(SelectionKey.OP_ACCEPT);
            }
        }
    }

    /**
     * Greets the connections whose handshake the kernel already completed, then stops listening, so a
     * client either gets its greeting or is refused; then gives writes in flight a short while.
     */
    private void drain() throws IOException {
        SelectionKey acceptKey = listener.keyFor(selector);
        if (acceptKey != null && acceptKey.isValid()) {
            acceptAll(acceptKey);
            acceptKey.cancel();
        }
        listener.close();
        removeSocketFile();
        long deadline = System.nanoTime() + DRAIN_NANOS;
        while (pendingWrites > 0 && deadline - System.nanoTime() > 0) {
            selector.select(onReady, 20);
        }
        expireWrites(Long.MAX_VALUE);
    }

    private void closeAll() throws IOException {
        if (nativeListener != null) {
            nativeListener.close();
            return;
        }
        for (SelectionKey key : selector.keys()) {
            closeQuietly(key.channel());
        }
        selector.close();
        listener.close();
        removeSocketFile();
    }

    /** After the listener is closed: a client then finds no file (ENOENT) rather than a stale one (ECONNREFUSED). */
    private void removeSocketFile() {
        if (socketFile != null) {
            socketFile.remove();
        }
    }

    private static void closeQuietly(Closeable c) {
        try {
            c.close();
        } catch (IOException ignored) {
            // Nothing useful to do: the connection is gone either way.
        }
    }

    private record PendingWrite(ByteBuffer buffer, long deadline) {
    }

    private record Lingering(long deadline) {
    }

    /**
     * The native path's descriptors: the listening socket, the eventfd that wakes the loop, the two struct
     * pollfd the loop waits on, and the greeting in native memory. Closed once, by whichever of the serving
     * thread or {@link #close()} gets there.
     */
    private static final class NativeListener {

        private final Arena arena = Arena.ofShared();
        final int fd;
        final int port;
        final MemorySegment greeting;
        /** Where the bytes a client sent are read to and discarded. */
        final MemorySegment scratch;
        private final int wakeFd;
        /** struct pollfd: the listening socket, the eventfd, then one per lingering connection. */
        private MemorySegment pollFds;
        /** The lingering connections' descriptors and deadlines (System.nanoTime), in the order of their pollfd. */
        private int[] lingerFds = new int[16];
        private long[] lingerDeadlines = new long[16];
        private int lingerCount;
        private boolean listening = true;
        private boolean closed;

        private NativeListener(int fd, int port, int wakeFd, byte[] greeting) {
            this.fd = fd;
            this.port = port;
            this.wakeFd = wakeFd;
            this.greeting = arena.allocateFrom(ValueLayout.JAVA_BYTE, greeting);
            this.scratch = arena.allocate(4096);
            this.pollFds = arena.allocate((2 + lingerFds.length) * NativeSockets.POLLFD_BYTES, 8);
            pollFds.set(ValueLayout.JAVA_INT, 0, fd);
            pollFds.set(ValueLayout.JAVA_INT, NativeSockets.POLLFD_BYTES, wakeFd);
            pollFds.set(ValueLayout.JAVA_SHORT, NativeSockets.POLLFD_BYTES + 4, NativeSockets.POLLIN);
        }

        /**
         * Keeps {@code clientFd}, whose client spoke first, until it closes or the linger bound passes; past
         * {@link #MAX_LINGERING} it is closed at once (its FIN is already out).
         */
        void linger(int clientFd) {
            if (lingerCount == MAX_LINGERING) {
                NativeSockets.close(clientFd);
                return;
            }
            if (lingerCount == lingerFds.length) {
                int capacity = lingerFds.length * 2;
                lingerFds = java.util.Arrays.copyOf(lingerFds, capacity);
                lingerDeadlines = java.util.Arrays.copyOf(lingerDeadlines, capacity);
                // The shared arena frees nothing before close: doubling keeps what it holds below twice the largest set.
                MemorySegment grown = arena.allocate((2 + capacity) * NativeSockets.POLLFD_BYTES, 8);
                grown.copyFrom(pollFds);
                pollFds = grown;
            }
            lingerFds[lingerCount] = clientFd;
            lingerDeadlines[lingerCount] = System.nanoTime() + LINGER_NANOS;
            long at = (2 + lingerCount) * NativeSockets.POLLFD_BYTES;
            pollFds.set(ValueLayout.JAVA_INT, at, clientFd);
            pollFds.set(ValueLayout.JAVA_SHORT, at + 4, NativeSockets.POLLIN);
            pollFds.set(ValueLayout.JAVA_SHORT, at + 6, (short) 0);
            lingerCount++;
        }

        /** {@code timeoutMillis} (negative: none), shortened to the soonest lingering deadline. */
        int lingerTimeoutMillis(int timeoutMillis) {
            if (lingerCount == 0) {
                return timeoutMillis;
            }
            long now = System.nanoTime();
            long soonest = Long.MAX_VALUE;
            for (int i = 0; i < lingerCount; i++) {
                soonest = Math.min(soonest, lingerDeadlines[i] - now);
            }
            int untilDeadline = (int) Math.max(0, TimeUnit.NANOSECONDS.toMillis(soonest) + 1);
            return timeoutMillis < 0 ? untilDeadline : Math.min(timeoutMillis, untilDeadline);
        }

        /** After a poll: reads what lingering clients sent, closes those that closed, failed, or ran out of time. */
        void serviceLingering() {
            if (lingerCount == 0) {
                return;
            }
            long now = System.nanoTime();
            for (int i = lingerCount - 1; i >= 0; i--) {
                long at = (2 + i) * NativeSockets.POLLFD_BYTES;
                boolean ready = pollFds.get(ValueLayout.JAVA_SHORT, at + 6) != 0;
                pollFds.set(ValueLayout.JAVA_SHORT, at + 6, (short) 0);
                boolean ended = ready && NativeSockets.discard(lingerFds[i], scratch) == NativeSockets.ENDED;
                if (ended || now - lingerDeadlines[i] >= 0) {
                    NativeSockets.close(lingerFds[i]);
                    removeLingering(i);
                }
            }
        }

        /** Moves the last lingering connection into slot {@code i}. */
        private void removeLingering(int i) {
            int last = lingerCount - 1;
            if (i != last) {
                lingerFds[i] = lingerFds[last];
                lingerDeadlines[i] = lingerDeadlines[last];
                long to = (2 + i) * NativeSockets.POLLFD_BYTES;
                long from = (2 + last) * NativeSockets.POLLFD_BYTES;
                pollFds.set(ValueLayout.JAVA_INT, to, pollFds.get(ValueLayout.JAVA_INT, from));
                pollFds.set(ValueLayout.JAVA_SHORT, to + 4, pollFds.get(ValueLayout.JAVA_SHORT, from + 4));
                pollFds.set(ValueLayout.JAVA_SHORT, to + 6, pollFds.get(ValueLayout.JAVA_SHORT, from + 6));
            }
            lingerCount = last;
        }

        static NativeListener open(ServerConfig config) throws IOException {
            int fd = NativeSockets.listen(config.inetAddress(), config.backlog());
            int wakeFd = -1;
            try {
                int port = NativeSockets.localPort(fd);
                wakeFd = NativeSockets.eventFd();
                return new NativeListener(fd, port, wakeFd, config.greetingBytes());
            } catch (IOException | RuntimeException e) {
                NativeSockets.close(fd);
                if (wakeFd >= 0) {
                    NativeSockets.close(wakeFd);
                }
                throw e;
            }
        }

        /**
         * Waits until a connection is queued (only when {@code acceptable}), a stop is signalled, or the timeout
         * passes (negative: no timeout); true when the listening socket has connections to accept.
         */
        boolean await(int timeoutMillis, boolean acceptable) {
            pollFds.set(ValueLayout.JAVA_SHORT, 4, acceptable ? NativeSockets.POLLIN : 0);
            pollFds.set(ValueLayout.JAVA_SHORT, 6, (short) 0);
            int ready = NativeSockets.poll(pollFds, 2 + lingerCount, timeoutMillis);
            // EINTR or a failed poll: the loop checks stopping and comes back; accept4 says what is wrong, if anything.
            return acceptable && (ready < 0 || pollFds.get(ValueLayout.JAVA_SHORT, 6) != 0);
        }

        /** Safe from any thread: the eventfd is closed only under the same lock. */
        synchronized void wakeup() {
            if (!closed) {
                NativeSockets.signal(wakeFd);
            }
        }

        synchronized void closeListeningSocket() {
            if (listening) {
                listening = false;
                NativeSockets.close(fd);
            }
        }

        synchronized void close() {
            if (!closed) {
                closeListeningSocket();
                for (int i = 0; i < lingerCount; i++) {
                    NativeSockets.close(lingerFds[i]);
                }
                lingerCount = 0;
                NativeSockets.close(wakeFd);
                closed = true;
                arena.close();
            }
        }
    }

    /** TCP's line has no transport word, {@code [::]:40674 (...)}, as it always had: scripts and the image's tests read it. */
    @Override
    public String toString() {
        String where;
        if (config.transport() == Transport.UNIX) {
            where = "unix " + config.path();
        } else {
            where = ServerConfig.where(localAddress());
        }
        return where + " (backlog " + config.backlog() + ", " + config.io().label() + ")";
    }

}
