package dev.greeter.server;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Greets every connection and closes it, on one thread, with one selector.
 *
 * <p>Why this shape: the whole job per connection is accept, a small write and close, all of which
 * the kernel does; one non-blocking loop that drains the accept queue on each wake-up keeps up with
 * it without a thread per client, so threads and file descriptors stay bounded under a flood. A
 * write that does not complete at once (a very long greeting, a client that does not read) waits in
 * the selector with a deadline instead of blocking everyone else.
 */
public final class GreetingServer implements Closeable {

    /** After an accept failure (e.g. out of file descriptors) wait this long instead of spinning. */
    private static final long ACCEPT_BACKOFF_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
    /**
     * A fresh socket's send buffer takes at least this much (Linux's minimum SO_SNDBUF is 4608), so a
     * greeting this short is written in one blocking call that cannot block; only longer ones pay for
     * non-blocking mode (two more system calls per connection) and the selector.
     */
    public static final int ONE_WRITE_MAX_BYTES = 1024;
    /** How long a stop waits for greetings already being written. */
    private static final long DRAIN_NANOS = TimeUnit.MILLISECONDS.toNanos(500);

    private final ServerConfig config;
    private final ServerSocketChannel listener;
    private final Selector selector;
    private final ByteBuffer greeting;
    private final long writeTimeoutNanos;
    private final CountDownLatch finished = new CountDownLatch(1);
    /** One instance for every select: a method reference made per call would be the loop's only garbage on the native path. */
    private final Consumer<SelectionKey> onReady = this::onReady;
    /** The listening socket's descriptor for {@link SocketIo#NATIVE}; -1 when the JDK's channels do the work. */
    private final int nativeListenerFd;

    private volatile boolean stopping;
    private volatile boolean serving;
    private volatile long served;
    private volatile long dropped;
    private int pendingWrites;
    private long acceptResumeAt;

    private GreetingServer(ServerConfig config, ServerSocketChannel listener, Selector selector, int nativeListenerFd) {
        this.config = config;
        this.nativeListenerFd = nativeListenerFd;
        this.listener = listener;
        this.selector = selector;
        this.greeting = ByteBuffer.allocateDirect(config.greetingBytes().length).put(config.greetingBytes()).flip().asReadOnlyBuffer();
        this.writeTimeoutNanos = config.writeTimeout().toNanos();
    }

    /**
     * Binds and listens, so that a port already in use or an address not on this host fails here,
     * before anything is announced.
     */
    public static GreetingServer bind(ServerConfig config) throws IOException {
        ServerSocketChannel listener = ServerSocketChannel.open();
        try {
            listener.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            listener.bind(config.socketAddress(), config.backlog());
            listener.configureBlocking(false);
            Selector selector = Selector.open();
            listener.register(selector, SelectionKey.OP_ACCEPT);
            return new GreetingServer(config, listener, selector, config.io() == SocketIo.NATIVE ? nativeFd(listener) : -1);
        } catch (IOException | RuntimeException e) {
            listener.close();
            throw e;
        }
    }

    private static int nativeFd(ServerSocketChannel listener) throws IOException {
        Optional<String> unavailable = NativeSockets.unavailableReason();
        if (unavailable.isPresent()) {
            throw new IOException("native I/O is not available: " + unavailable.get());
        }
        int fd = NativeSockets.listenerFd(listener);
        if (fd < 0) {
            throw new IOException("native I/O: no descriptor found for the listening channel " + listener.getClass().getName());
        }
        return fd;
    }

    public InetSocketAddress localAddress() {
        try {
            return (InetSocketAddress) listener.getLocalAddress();
        } catch (IOException e) {
            return config.socketAddress();
        }
    }

    public ServerConfig config() {
        return config;
    }

    /** Connections that received the whole greeting. */
    public long served() {
        return served;
    }

    /** Connections closed before the whole greeting went out (client reset, write timeout). */
    public long dropped() {
        return dropped;
    }

    /** Serves on the calling thread until {@link #stop()}; then stops accepting and finishes greetings in flight. */
    public void serve() throws IOException {
        serving = true;
        try {
            while (!stopping) {
                selector.select(onReady, selectTimeoutMillis());
                resumeAcceptingIfDue();
                if (pendingWrites > 0) {
                    expireWrites(System.nanoTime());
                }
            }
            drain();
        } finally {
            closeAll();
            finished.countDown();
        }
    }

    /** Asks the serving thread to stop; safe from any thread, including a signal handler. */
    public void stop() {
        stopping = true;
        selector.wakeup();
    }

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
        if (acceptResumeAt != 0 || pendingWrites > 0) {
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
        } else if (key.isWritable()) {
            continueWrite(key);
        }
    }

    private void acceptAll(SelectionKey key) {
        if (nativeListenerFd >= 0) {
            acceptAllNative(key);
            return;
        }
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

    private void acceptAllNative(SelectionKey key) {
        int length = greeting.remaining();
        while (true) {
            int fd = NativeSockets.accept(nativeListenerFd);
            if (fd == NativeSockets.NONE_QUEUED) {
                return;
            }
            if (fd < 0) {
                acceptFailed(key, NativeSockets.describe(-fd));
                return;
            }
            if (NativeSockets.greetAndClose(fd, greeting, length) == length) {
                served++;
            } else {
                dropped++;
            }
        }
    }

    /** Typically EMFILE: leave the rest queued in the kernel and retry shortly, instead of spinning. */
    private void acceptFailed(SelectionKey key, String reason) {
        key.interestOps(0);
        acceptResumeAt = System.nanoTime() + ACCEPT_BACKOFF_NANOS;
        System.err.println("greeter server: accept failed, retrying: " + reason);
    }

    private void greet(SocketChannel client) {
        ByteBuffer out = greeting.duplicate();
        try {
            if (out.remaining() > ONE_WRITE_MAX_BYTES) {
                client.configureBlocking(false);
            }
            client.write(out);
            if (!out.hasRemaining()) {
                served++;
                client.close();
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
        }
        finishWrite(key);
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
        long deadline = System.nanoTime() + DRAIN_NANOS;
        while (pendingWrites > 0 && deadline - System.nanoTime() > 0) {
            selector.select(onReady, 20);
        }
        expireWrites(Long.MAX_VALUE);
    }

    private void closeAll() throws IOException {
        for (SelectionKey key : selector.keys()) {
            closeQuietly(key.channel());
        }
        selector.close();
        listener.close();
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

    @Override
    public String toString() {
        InetSocketAddress a = localAddress();
        return a.getAddress().getHostAddress() + ":" + a.getPort() + " (backlog " + config.backlog() + ", " + config.io().label() + ")";
    }

}
