package dev.greeter.client;

import dev.greeter.client.ClientFailure.Kind;
import java.io.IOException;
import java.net.ConnectException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The Unix-domain client: connects to the socket file, reads the greeting to end of stream, closes.
 *
 * <p>Two failures TCP does not have, each with its own status: no file at the path (ENOENT: no server ever
 * started there, or it stopped and removed it) and a file nobody listens on (ECONNREFUSED: a killed server's stale
 * file). A connect to a server whose accept queue is full waits, as the kernel makes it (a non-blocking one would
 * get EAGAIN): it is bounded by the connect timeout.
 */
final class UnixClient {

    private UnixClient() {
    }

    static byte[] fetch(ClientConfig config) throws ClientFailure {
        UnixDomainSocketAddress server = (UnixDomainSocketAddress) config.server();
        String target = config.target();
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            connect(channel, server, config, target);
            return readToEnd(channel, config, target);
        } catch (IOException e) {
            throw new ClientFailure(Kind.IO, "I/O error with " + target + ": " + e.getMessage(), e);
        }
    }

    private static void connect(SocketChannel channel, UnixDomainSocketAddress server, ClientConfig config, String target)
            throws ClientFailure {
        CountDownLatch connecting = new CountDownLatch(1);
        // Whoever sets it first decides: the connect (it completed in time) or the watchdog (it closed the channel).
        AtomicBoolean decided = new AtomicBoolean();
        // The JDK's Unix-domain connect takes no timeout: closing the channel is what ends a connect that waits.
        Thread watchdog = Thread.ofPlatform().daemon().name("greeter-connect-timeout").start(() -> {
            try {
                if (!connecting.await(config.connectTimeout().toNanos(), TimeUnit.NANOSECONDS) && decided.compareAndSet(false, true)) {
                    channel.close();
                }
            } catch (InterruptedException | IOException e) {
                // The connect is over either way.
            }
        });
        try {
            channel.connect(server);
            if (!decided.compareAndSet(false, true)) {
                // Connected just as the watchdog closed the channel: too late all the same.
                throw new ClosedChannelException();
            }
        } catch (ClosedChannelException e) {
            throw new ClientFailure(Kind.CONNECT_TIMEOUT, "no room at " + target + " within " + config.connectTimeout().toMillis()
                    + " ms (connect timeout; its accept queue is full)", e);
        } catch (ConnectException e) {
            throw new ClientFailure(Kind.REFUSED, "connection refused by " + target
                    + " (a socket file nobody listens on: its server was killed?)", e);
        } catch (IOException e) {
            if (!Files.exists(server.getPath(), LinkOption.NOFOLLOW_LINKS)) {
                throw new ClientFailure(Kind.NO_SUCH_SOCKET, "no socket at " + target + " (is a server listening there?)", e);
            }
            throw new ClientFailure(Kind.IO, "could not connect to " + target + ": " + e.getMessage(), e);
        } finally {
            connecting.countDown();
            watchdog.interrupt();
        }
    }

    private static byte[] readToEnd(SocketChannel channel, ClientConfig config, String target) throws ClientFailure, IOException {
        long deadline = System.nanoTime() + config.readTimeout().toNanos();
        Received received = new Received(target);
        ByteBuffer buffer = ByteBuffer.allocate(4096);
        channel.configureBlocking(false);
        try (Selector selector = Selector.open()) {
            channel.register(selector, SelectionKey.OP_READ);
            while (true) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new ClientFailure(Kind.READ_TIMEOUT, "no complete greeting from " + target + " within "
                            + config.readTimeout().toMillis() + " ms (read timeout; " + received.size() + " bytes received)", null);
                }
                selector.select(Math.max(1, left / 1_000_000));
                selector.selectedKeys().clear();
                int n;
                try {
                    n = channel.read(buffer.clear());
                } catch (IOException e) {
                    throw new ClientFailure(Kind.RESET, "connection reset by " + target + " after " + received.size()
                            + " bytes: " + e.getMessage(), e);
                }
                if (n < 0) {
                    break;
                }
                received.add(buffer.array(), n);
            }
        }
        return received.greeting();
    }
}
