package dev.greeter.server;

import dev.greeter.protocol.Protocol;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Answers every datagram that is at least as long as the greeting with one datagram holding exactly the greeting,
 * sent to the sender's address and port, on one thread.
 *
 * <p>One unconnected, non-blocking socket: recvfrom, then sendto the address it gave. It is never connected to a
 * peer, so it takes every peer's requests, and Linux reports no ICMP error to it: a peer that has closed its port
 * costs only its own reply. A reply the socket buffer cannot take at once is dropped rather than waited for, as the
 * network may drop any datagram.
 *
 * <p>Anti-amplification (SPEC 8.3): whoever can forge a source address could aim a greeting service's replies at a
 * victim, 24 bytes back for every empty request. So the reply is never larger than the request: a shorter request,
 * an empty one included, gets no reply at all. What a request holds is not read; clients send
 * {@link Protocol#UDP_REQUEST_BYTES} zero bytes. An oversized one (up to the largest UDP payload) is answered once.
 */
public final class DatagramServer implements Server {

    /** Datagrams taken per wake-up before the loop looks at a stop again: a flood must not keep it from stopping. */
    private static final int BATCH = 256;

    private final ServerConfig config;
    private final DatagramChannel channel;
    private final Selector selector;
    private final ByteBuffer greeting;
    /** Large enough for any UDP payload, so that a request is never read as shorter than it was. */
    private final ByteBuffer request = ByteBuffer.allocateDirect(Protocol.MAX_DATAGRAM_BYTES);
    private final CountDownLatch finished = new CountDownLatch(1);
    /** One instance for every select: a method reference made per call would be garbage in the loop. */
    private final Consumer<SelectionKey> onReadable = key -> receiveAll();

    private volatile boolean stopping;
    private volatile boolean serving;
    private volatile long served;
    private volatile long dropped;
    private volatile long tooShort;

    private DatagramServer(ServerConfig config, DatagramChannel channel, Selector selector) {
        this.config = config;
        this.channel = channel;
        this.selector = selector;
        byte[] bytes = config.greetingBytes();
        this.greeting = ByteBuffer.allocateDirect(bytes.length).put(bytes).flip().asReadOnlyBuffer();
    }

    /** Binds, so that a port in use or an address not on this host fails before anything is announced. */
    public static DatagramServer bind(ServerConfig config) throws IOException {
        InetSocketAddress address = config.inetAddress();
        // AF_INET for an IPv4 address, as the lesson's socket(AF_INET, SOCK_DGRAM): it shows in /proc/net/udp.
        DatagramChannel channel = address.getAddress() instanceof Inet4Address
                ? DatagramChannel.open(StandardProtocolFamily.INET)
                : DatagramChannel.open();
        try {
            channel.bind(address);
            channel.configureBlocking(false);
            Selector selector = Selector.open();
            channel.register(selector, SelectionKey.OP_READ);
            return new DatagramServer(config, channel, selector);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    public InetSocketAddress localAddress() {
        try {
            return (InetSocketAddress) channel.getLocalAddress();
        } catch (IOException e) {
            return config.inetAddress();
        }
    }

    @Override
    public void serve() throws IOException {
        serving = true;
        try {
            while (!stopping) {
                selector.select(onReadable, 0);
            }
        } finally {
            // Closed: the kernel answers the next request with ICMP port unreachable, which a client sees as refused.
            selector.close();
            channel.close();
            finished.countDown();
        }
    }

    private void receiveAll() {
        for (int i = 0; i < BATCH && !stopping; i++) {
            request.clear();
            SocketAddress sender;
            try {
                sender = channel.receive(request);
            } catch (IOException e) {
                // Not an ICMP error (an unconnected socket gets none); nothing a client did: say it, keep serving.
                System.err.println("greeter server: receive failed, continuing: " + e.getMessage());
                return;
            }
            if (sender == null) {
                return;
            }
            answer(sender, request.position());
        }
    }

    private void answer(SocketAddress sender, int requestBytes) {
        ByteBuffer reply = greeting.duplicate();
        if (requestBytes < reply.remaining()) {
            tooShort++;
            dropped++;
            return;
        }
        try {
            if (channel.send(reply, sender) == 0) {
                dropped++;
                return;
            }
            served++;
        } catch (IOException e) {
            // This peer's route or address is bad (EHOSTUNREACH, EPERM from a firewall...): its reply only.
            dropped++;
        }
    }

    @Override
    public void stop() {
        stopping = true;
        selector.wakeup();
    }

    @Override
    public boolean awaitFinished(Duration timeout) throws InterruptedException {
        return finished.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Requests answered with the greeting. */
    @Override
    public long served() {
        return served;
    }

    /** Requests left unanswered: shorter than the greeting ({@link #tooShort()}), or their reply not sent. */
    @Override
    public long dropped() {
        return dropped;
    }

    /** Requests shorter than the greeting, which the anti-amplification rule leaves unanswered. */
    public long tooShort() {
        return tooShort;
    }

    @Override
    public void close() throws IOException {
        stop();
        if (!serving) {
            // Never served: nothing else closes them.
            selector.close();
            channel.close();
        }
    }

    @Override
    public String toString() {
        return "udp " + ServerConfig.where(localAddress()) + " (requests of at least " + greeting.remaining()
                + " bytes answered, " + config.io().label() + ")";
    }
}
