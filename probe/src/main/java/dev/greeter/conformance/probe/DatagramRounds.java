package dev.greeter.conformance.probe;

import dev.greeter.conformance.probe.ProbeReply.Datagram;
import dev.greeter.conformance.probe.ProbeReply.UdpPeerResult;
import dev.greeter.conformance.probe.ProbeRequest.UdpPeer;
import dev.greeter.conformance.probe.ProbeRequest.UdpRound;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * The probe's UDP peers ({@link UdpRound}, or {@link ProbeRequest.UdpSend} then {@link ProbeRequest.UdpCollect}):
 * each on a socket of its own, all sending before any reads, so a server meets them at once; then every
 * open socket is read, on one selector, until the replies expected have come and a settle time has
 * passed, or the bound runs out.
 */
final class DatagramRounds {

    /** A reply's first bytes are kept: more than any greeting a report quotes, far less than 64 KiB a peer could be sent. */
    static final int KEPT_BYTES = 2048;

    /**
     * The heads a whole round keeps, over all its peers: with {@link Tally#KEPT} datagrams a peer and
     * {@link #KEPT_BYTES} each, twenty-odd flooded peers would otherwise come near the protocol's line limit.
     */
    static final int ROUND_KEPT_BYTES = 1 << 20;

    /** Datagrams read from one socket before the round's deadline is looked at again. */
    private static final int READ_BATCH = 1024;

    private DatagramRounds() {
    }

    /** One peer while the round runs. */
    private static final class Peer {
        final UdpPeer script;
        final DatagramChannel channel;
        final int localPort;
        final Tally<Datagram> received = new Tally<>();
        long bytes;
        boolean refused;
        String error;

        Peer(UdpPeer script, DatagramChannel channel, int localPort) {
            this.script = script;
            this.channel = channel;
            this.localPort = localPort;
        }

        boolean satisfied() {
            return refused || error != null || received.count() >= script.expectReplies();
        }

        UdpPeerResult result() {
            return new UdpPeerResult(localPort, received.count(), bytes, received.first(), refused, error);
        }
    }

    static ProbeReply.UdpRoundResult round(UdpRound r) throws IOException {
        return send(r.host(), r.port(), r.peers(), r.seed()).collect(r.boundMs(), r.settleMs());
    }

    /** Sends every peer's datagrams and keeps the open sockets for {@link Sent#collect}. */
    static Sent send(String host, int port, List<UdpPeer> scripts, long seed) throws IOException {
        InetAddress address = InetAddress.getByName(host);
        InetSocketAddress target = new InetSocketAddress(address, port);
        StandardProtocolFamily family = address instanceof Inet4Address ? StandardProtocolFamily.INET : StandardProtocolFamily.INET6;
        Random random = new Random(seed);
        Sent sent = new Sent();
        try {
            // Every socket exists before the first send: the sends then leave back to back.
            for (UdpPeer script : scripts) {
                DatagramChannel channel = DatagramChannel.open(family);
                sent.peers.add(new Peer(script, channel, bind(channel, script, target)));
            }
            int n = sent.peers.size();
            for (int i = 0; i < n; i++) {
                // Three peers and the last are traced one by one; a report has no room for twenty alike.
                boolean traced = i < 3 || i == n - 1;
                if (i == 3 && n > 4) {
                    sent.trace.add("-> peers 4 to " + (n - 1) + " send too");
                }
                send(sent.peers.get(i), i + 1, target, random, traced ? sent.trace : null);
            }
        } catch (IOException | RuntimeException e) {
            sent.close();
            throw e;
        }
        return sent;
    }

    /** Peers whose datagrams have gone out; their open sockets wait to be read. */
    static final class Sent implements AutoCloseable {
        private final List<Peer> peers = new ArrayList<>();
        private final WireTrace trace = new WireTrace();
        private final int[] keptBytes = {0};

        /**
         * Reads every open socket until each peer has the replies it expects and {@code settleMs} more have
         * passed, or {@code boundMs} from now; then closes them all. Times are from now.
         */
        ProbeReply.UdpRoundResult collect(int boundMs, int settleMs) throws IOException {
            try (Selector selector = Selector.open()) {
                long start = System.nanoTime();
                for (Peer p : peers) {
                    if (p.channel.isOpen() && !p.refused) {
                        p.channel.configureBlocking(false);
                        p.channel.register(selector, SelectionKey.OP_READ, p);
                    }
                }
                DatagramRounds.collect(selector, peers, start, boundMs, settleMs, trace, keptBytes);
                for (int i = 0; i < peers.size(); i++) {
                    if (peers.get(i).received.count() > 2) {
                        trace.add("<- peer " + (i + 1) + ": " + peers.get(i).received.count() + " datagrams in all");
                    }
                }
            } finally {
                close();
            }
            return new ProbeReply.UdpRoundResult(peers.stream().map(Peer::result).toList(), trace.events());
        }

        @Override
        public void close() throws IOException {
            for (Peer p : peers) {
                p.channel.close();
            }
        }
    }

    private static int bind(DatagramChannel channel, UdpPeer script, InetSocketAddress target) throws IOException {
        channel.bind(null);
        if (script.connected()) {
            channel.connect(target);
        }
        return ((InetSocketAddress) channel.getLocalAddress()).getPort();
    }

    /** Sends one peer's datagrams; {@code trace} is null for a peer not traced. */
    private static void send(Peer p, int number, InetSocketAddress target, Random random, WireTrace trace) throws IOException {
        List<String> sizes = new ArrayList<>();
        for (int size : p.script.sizes()) {
            byte[] payload = new byte[size];
            if (p.script.randomBytes()) {
                random.nextBytes(payload);
            }
            try {
                if (p.script.connected()) {
                    p.channel.write(ByteBuffer.wrap(payload));
                } else {
                    p.channel.send(ByteBuffer.wrap(payload), target);
                }
            } catch (PortUnreachableException e) {
                // An earlier datagram of this connected peer was answered with ICMP port-unreachable.
                p.refused = true;
                break;
            }
            sizes.add(String.valueOf(size));
        }
        if (trace != null) {
            trace.add("-> peer " + number + " (port " + p.localPort + (p.script.connected() ? ", connected" : "") + "): "
                    + (sizes.size() == 1 ? sizes.get(0) + " bytes" : sizes.size() + " datagrams of " + abbreviate(sizes) + " bytes")
                    + (p.script.closeAfterSending() ? ", then closes its socket" : "") + (p.refused ? ", refused" : ""));
        }
        if (p.script.closeAfterSending()) {
            p.channel.close();
        }
    }

    private static String abbreviate(List<String> sizes) {
        return sizes.size() <= 6 ? String.join(", ", sizes) : String.join(", ", sizes.subList(0, 5)) + ", ...";
    }

    private static void collect(Selector selector, List<Peer> peers, long sent, int boundMs, int settleMs, WireTrace trace,
                                int[] keptBytes) throws IOException {
        long deadline = sent + boundMs * 1_000_000L;
        long satisfiedAt = 0;
        ByteBuffer buffer = ByteBuffer.allocate(65536);
        while (true) {
            long now = System.nanoTime();
            if (satisfiedAt == 0 && peers.stream().allMatch(Peer::satisfied)) {
                satisfiedAt = now;
            }
            long end = satisfiedAt == 0 ? deadline : Math.min(deadline, satisfiedAt + settleMs * 1_000_000L);
            if (now >= end || selector.keys().isEmpty()) {
                return;
            }
            selector.select(Math.max(1, (end - now) / 1_000_000));
            for (SelectionKey key : selector.selectedKeys()) {
                Peer p = (Peer) key.attachment();
                read(p, key, buffer, sent, peers.indexOf(p) + 1, trace, keptBytes);
            }
            selector.selectedKeys().clear();
        }
    }

    /**
     * Reads what has arrived for {@code p}. Every datagram is counted; only the first few are kept, and
     * only while the round's {@code keptBytes} (one counter shared by its peers) stay under
     * {@link #ROUND_KEPT_BYTES}.
     */
    private static void read(Peer p, SelectionKey key, ByteBuffer buffer, long sent, int number, WireTrace trace, int[] keptBytes) {
        try {
            // A batch at a time, back to the selector's deadline between them: a server that sprays without
            // end would otherwise keep this loop, and the round, from ever ending.
            for (int batch = 0; batch < READ_BATCH; batch++) {
                buffer.clear();
                InetSocketAddress from = (InetSocketAddress) p.channel.receive(buffer);
                if (from == null) {
                    return;
                }
                p.bytes += buffer.position();
                int kept = Math.min(buffer.position(), KEPT_BYTES);
                if (!p.received.room() || keptBytes[0] + kept > ROUND_KEPT_BYTES) {
                    p.received.countOnly();
                    continue;
                }
                keptBytes[0] += kept;
                byte[] head = Arrays.copyOf(buffer.array(), kept);
                long millis = (System.nanoTime() - sent) / 1_000_000;
                p.received.add(new Datagram(from.getAddress().getHostAddress(), from.getPort(), buffer.position(), head, millis));
                if (p.received.count() > 2) {
                    // The first two show what a peer got; the result counts the rest.
                    continue;
                }
                trace.add("<- peer " + number + ": " + buffer.position() + " bytes from " + from.getAddress().getHostAddress() + ":"
                        + from.getPort() + " " + WireTrace.quote(head, 0, head.length));
            }
        } catch (PortUnreachableException e) {
            p.refused = true;
            trace.add("<- peer " + number + ": refused (ICMP port-unreachable)");
            key.cancel();
        } catch (IOException e) {
            p.error = e.toString();
            trace.add("peer " + number + ": " + e);
            key.cancel();
        }
    }
}
