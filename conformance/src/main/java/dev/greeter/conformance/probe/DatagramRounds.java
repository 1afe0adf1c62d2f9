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
 * The probe's UDP peers ({@link UdpRound}): each on a socket of its own, all sending before any reads,
 * so a server meets them at once; then every open socket is read, on one selector, until the replies
 * expected have come and a settle time has passed, or the bound runs out.
 */
final class DatagramRounds {

    /** A reply's first bytes are kept: more than any greeting a report quotes, far less than 64 KiB a peer could be sent. */
    static final int KEPT_BYTES = 2048;

    private DatagramRounds() {
    }

    /** One peer while the round runs. */
    private static final class Peer {
        final UdpPeer script;
        final DatagramChannel channel;
        final int localPort;
        final List<Datagram> received = new ArrayList<>();
        boolean refused;
        String error;

        Peer(UdpPeer script, DatagramChannel channel, int localPort) {
            this.script = script;
            this.channel = channel;
            this.localPort = localPort;
        }

        boolean satisfied() {
            return refused || error != null || received.size() >= script.expectReplies();
        }

        UdpPeerResult result() {
            return new UdpPeerResult(localPort, List.copyOf(received), refused, error);
        }
    }

    static ProbeReply.UdpRoundResult round(UdpRound r) throws IOException {
        InetAddress address = InetAddress.getByName(r.host());
        InetSocketAddress target = new InetSocketAddress(address, r.port());
        StandardProtocolFamily family = address instanceof Inet4Address ? StandardProtocolFamily.INET : StandardProtocolFamily.INET6;
        Random random = new Random(r.seed());
        WireTrace trace = new WireTrace();
        List<Peer> peers = new ArrayList<>();
        try (Selector selector = Selector.open()) {
            try {
                // Every socket exists before the first send: the sends then leave back to back.
                for (UdpPeer script : r.peers()) {
                    DatagramChannel channel = DatagramChannel.open(family);
                    peers.add(new Peer(script, channel, bind(channel, script, target)));
                }
                for (int i = 0; i < peers.size(); i++) {
                    send(peers.get(i), i + 1, target, random, trace);
                }
                long sent = System.nanoTime();
                for (Peer p : peers) {
                    if (p.channel.isOpen() && !p.refused) {
                        p.channel.configureBlocking(false);
                        p.channel.register(selector, SelectionKey.OP_READ, p);
                    }
                }
                collect(selector, peers, sent, r, trace);
            } finally {
                for (Peer p : peers) {
                    p.channel.close();
                }
            }
        }
        return new ProbeReply.UdpRoundResult(peers.stream().map(Peer::result).toList(), trace.events());
    }

    private static int bind(DatagramChannel channel, UdpPeer script, InetSocketAddress target) throws IOException {
        channel.bind(null);
        if (script.connected()) {
            channel.connect(target);
        }
        return ((InetSocketAddress) channel.getLocalAddress()).getPort();
    }

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
        trace.add("-> peer " + number + " (port " + p.localPort + (p.script.connected() ? ", connected" : "") + "): "
                + (sizes.size() == 1 ? sizes.get(0) + " bytes" : sizes.size() + " datagrams of " + abbreviate(sizes) + " bytes")
                + (p.script.closeAfterSending() ? ", then closes its socket" : "") + (p.refused ? ", refused" : ""));
        if (p.script.closeAfterSending()) {
            p.channel.close();
        }
    }

    private static String abbreviate(List<String> sizes) {
        return sizes.size() <= 6 ? String.join(", ", sizes) : String.join(", ", sizes.subList(0, 5)) + ", ...";
    }

    private static void collect(Selector selector, List<Peer> peers, long sent, UdpRound r, WireTrace trace) throws IOException {
        long deadline = sent + r.boundMs() * 1_000_000L;
        long satisfiedAt = 0;
        ByteBuffer buffer = ByteBuffer.allocate(65536);
        while (true) {
            long now = System.nanoTime();
            if (satisfiedAt == 0 && peers.stream().allMatch(Peer::satisfied)) {
                satisfiedAt = now;
            }
            long end = satisfiedAt == 0 ? deadline : Math.min(deadline, satisfiedAt + r.settleMs() * 1_000_000L);
            if (now >= end || selector.keys().isEmpty()) {
                return;
            }
            selector.select(Math.max(1, (end - now) / 1_000_000));
            for (SelectionKey key : selector.selectedKeys()) {
                Peer p = (Peer) key.attachment();
                read(p, key, buffer, sent, peers.indexOf(p) + 1, trace);
            }
            selector.selectedKeys().clear();
        }
    }

    private static void read(Peer p, SelectionKey key, ByteBuffer buffer, long sent, int number, WireTrace trace) {
        try {
            while (true) {
                buffer.clear();
                InetSocketAddress from = (InetSocketAddress) p.channel.receive(buffer);
                if (from == null) {
                    return;
                }
                byte[] head = Arrays.copyOf(buffer.array(), Math.min(buffer.position(), KEPT_BYTES));
                long millis = (System.nanoTime() - sent) / 1_000_000;
                p.received.add(new Datagram(from.getAddress().getHostAddress(), from.getPort(), buffer.position(), head, millis));
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
