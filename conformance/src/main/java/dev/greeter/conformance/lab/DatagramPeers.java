package dev.greeter.conformance.lab;

import dev.greeter.conformance.config.HarnessConfig;
import dev.greeter.conformance.config.HarnessException;
import dev.greeter.conformance.probe.ProbeReply;
import dev.greeter.conformance.probe.ProbeRequest;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;

/** UDP peers of a server under test, played by the probes: from the server's own namespace, and from another container. */
public final class DatagramPeers {

    private final ProbeContainer holder;
    private final HarnessConfig config;
    private final ServerSockets sockets;
    private final Supplier<ProbeContainer> remote;
    private final Random seeds = new java.security.SecureRandom();

    DatagramPeers(ProbeContainer holder, HarnessConfig config, ServerSockets sockets, Supplier<ProbeContainer> remote) {
        this.holder = holder;
        this.config = config;
        this.sockets = sockets;
        this.remote = remote;
    }

    /**
     * The probe in the server's namespace sends {@code peers} to where the server is bound and reads what comes back
     * ({@link ProbeRequest.UdpRound}); {@code boundMs} bounds the wait for replies.
     */
    public ProbeReply.UdpRoundResult round(List<ProbeRequest.UdpPeer> peers, int boundMs, int settleMs) {
        return checked(holder.client().call(new ProbeRequest.UdpRound(sockets.target(), config.port(), peers, boundMs, settleMs, seed()),
                ProbeReply.UdpRoundResult.class, StreamClients.replyBound(1, boundMs + settleMs)));
    }

    /** As {@link #round}, from another container on the network, to the server's network alias. */
    public ProbeReply.UdpRoundResult roundFromAnotherContainer(List<ProbeRequest.UdpPeer> peers, int boundMs, int settleMs) {
        return checked(remote.get().client().call(new ProbeRequest.UdpRound(StreamClients.alias(holder), config.port(), peers, boundMs,
                settleMs, seed()), ProbeReply.UdpRoundResult.class, StreamClients.replyBound(1, boundMs + settleMs)));
    }

    /** As {@link #roundFromAnotherContainer}, to the server's IPv6 address on the lab network. */
    public ProbeReply.UdpRoundResult roundFromAnotherContainerOverIpv6(List<ProbeRequest.UdpPeer> peers, int boundMs, int settleMs) {
        return checked(remote.get().client().call(new ProbeRequest.UdpRound(StreamClients.ipv6Address(holder), config.port(), peers,
                boundMs, settleMs, seed()), ProbeReply.UdpRoundResult.class, StreamClients.replyBound(1, boundMs + settleMs)));
    }

    /** {@code peers} send (to where the server is bound) and keep their sockets open for {@link #collect}. */
    public void send(List<ProbeRequest.UdpPeer> peers) {
        holder.client().call(new ProbeRequest.UdpSend(sockets.target(), config.port(), peers, seed()), ProbeReply.Done.class);
    }

    /** Reads the sockets of the last {@link #send}, as {@link #round} does after its sends. */
    public ProbeReply.UdpRoundResult collect(int boundMs, int settleMs) {
        return checked(holder.client().call(new ProbeRequest.UdpCollect(boundMs, settleMs), ProbeReply.UdpRoundResult.class,
                StreamClients.replyBound(1, boundMs + settleMs)));
    }

    private long seed() {
        return seeds.nextLong();
    }

    /** A peer the probe itself could not run (not refused, not silent: its own error) is a harness error. */
    private static ProbeReply.UdpRoundResult checked(ProbeReply.UdpRoundResult r) {
        r.peers().stream().filter(p -> p.error() != null).findFirst().ifPresent(p -> {
            throw new HarnessException("the probe could not run a UDP peer: " + p.error());
        });
        return r;
    }
}
