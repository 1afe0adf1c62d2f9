package dev.greeter.conformance.lab;

import com.github.dockerjava.api.model.Network.Ipam;
import dev.greeter.conformance.config.HarnessException;
import dev.greeter.conformance.probe.ProbeReply;
import dev.greeter.conformance.probe.ProbeRequest;
import java.util.List;
import java.util.Objects;
import org.testcontainers.containers.Network;

/**
 * The lab's claim that code under test reaches nothing outside the harness's containers, checked on every lab
 * rather than trusted to the engine: from a probe on the network, a TCP connect to the network's gateway address.
 * Where the host owns that address (Docker gives an internal network's bridge one unless told not to, 20.10 and
 * 25+ alike) the host's kernel answers, with SYN-ACK or RST, whatever listens there; where the bridge has no
 * address nobody answers ARP for it and the connect times out or finds no route. Either answer from the host is
 * a way out for a hostile implementation (to anything bound to that address or 0.0.0.0), so the lab refuses to run.
 *
 * <p>IPv6 has no such option: on an IPv6 network (measured on 20.10, {@code --ipv6 --internal} with inhibit_ipv4) the
 * bridge holds the gateway ({@code <subnet>::1}) and {@code fe80::1} on the host, containers get a default route
 * through it and no ip6tables rule, and a container connected to a host listener on {@code ::} through the gateway,
 * through {@code fe80::1}, and through the host's own address on another interface. So every holder's namespace is
 * sealed ({@link Ipv6Seal}) and verified here: its routes are only those a sealed namespace may have, and neither the
 * gateway nor {@code fe80::1} answers a connection from it.
 */
final class GatewayCheck {

    /**
     * Thousands of times an on-link SYN-ACK or RST (and the ARP answer before it), which the host's kernel sends
     * without waiting for any process; the probe's poll sees it whenever its thread runs again, however loaded the
     * machine. Below the kernel's ARP give-up (about 3 s). Every lab waits it out once before any implementation
     * starts, so it is not longer than that.
     */
    static final int CONNECT_TIMEOUT_MS = 300;

    private GatewayCheck() {
    }

    /** Returns {@code holder} once a connect from it to every IPv4 gateway of {@code network} went unanswered. */
    static ProbeContainer requireUnreachable(ProbeContainer holder, Network network) {
        List<String> gateways = gateways(network.getId());
        if (gateways.isEmpty()) {
            throw new HarnessException("the lab network " + network.getId() + " has no IPv4 gateway address to check:"
                    + " the harness cannot verify that implementations reach nothing outside the lab");
        }
        for (String gateway : gateways) {
            ProbeReply.ExchangeResult r = holder.client().call(new ProbeRequest.Exchange(gateway, port(), CONNECT_TIMEOUT_MS,
                    CONNECT_TIMEOUT_MS, ProbeRequest.ClientAction.CLOSE_AT_ONCE, new byte[0], true), ProbeReply.ExchangeResult.class);
            if (answered(r.outcome())) {
                throw new HarnessException("the lab network's gateway " + gateway + " answered a connection from the lab ("
                        + r.outcome() + "): the engine gave its bridge an address despite "
                        + Containers.INHIBIT_IPV4 + ", so an implementation could reach services on the host; refusing to run");
            }
        }
        return holder;
    }

    /**
     * Returns {@code holder} once its namespace's IPv6 is sealed for {@code peers}: no route but to them, to its own
     * addresses and to its own solicited-node groups, and no answer from the bridge's IPv6 addresses.
     */
    static ProbeContainer requireSealed(ProbeContainer holder, Network network, List<String> peers) {
        ProbeReply.Ipv6Routes routes = holder.client().call(new ProbeRequest.Ipv6Sealed(peers), ProbeReply.Ipv6Routes.class);
        if (!routes.notAllowed().isEmpty()) {
            throw new HarnessException("a lab namespace's IPv6 is not sealed: it has the routes " + routes.notAllowed()
                    + " (all: " + routes.routes() + "), through which an implementation could reach the host; refusing to run");
        }
        List<String> bridge = new java.util.ArrayList<>(ipv6Gateways(network.getId()));
        bridge.add("fe80::1%eth0");
        for (String address : bridge) {
            ProbeReply.ExchangeResult r = holder.client().call(new ProbeRequest.Exchange(address, port(), CONNECT_TIMEOUT_MS,
                    CONNECT_TIMEOUT_MS, ProbeRequest.ClientAction.CLOSE_AT_ONCE, new byte[0], true), ProbeReply.ExchangeResult.class);
            if (answered(r.outcome())) {
                throw new HarnessException("the lab network's bridge answered a connection to " + address + " from a sealed namespace ("
                        + r.outcome() + "); refusing to run");
            }
        }
        return holder;
    }

    /** The host's kernel answered: a connection, or a reset from a port where nothing listens. */
    static boolean answered(ProbeReply.Outcome outcome) {
        return outcome == ProbeReply.Outcome.CONNECTED || outcome == ProbeReply.Outcome.REFUSED;
    }

    /** Any port proves it (a refusal is an answer too); one that nothing of the harness uses. */
    private static int port() {
        return 9;
    }

    /** The IPv6 gateways of the network: as listed, or else the subnet's first address, which 20.10 gives the bridge unlisted. */
    static List<String> ipv6Gateways(String networkId) {
        Ipam ipam = Containers.docker().inspectNetworkCmd().withNetworkId(networkId).exec().getIpam();
        if (ipam == null || ipam.getConfig() == null) {
            return List.of();
        }
        return ipam.getConfig().stream().filter(c -> c.getSubnet() != null && c.getSubnet().contains(":"))
                .map(c -> c.getGateway() != null && !c.getGateway().isEmpty() ? c.getGateway()
                        : c.getSubnet().substring(0, c.getSubnet().indexOf('/')) + "1").toList();
    }

    static List<String> gateways(String networkId) {
        Ipam ipam = Containers.docker().inspectNetworkCmd().withNetworkId(networkId).exec().getIpam();
        if (ipam == null || ipam.getConfig() == null) {
            return List.of();
        }
        return ipam.getConfig().stream().map(Ipam.Config::getGateway).filter(Objects::nonNull)
                .filter(g -> g.matches("\\d{1,3}(\\.\\d{1,3}){3}")).toList();
    }
}
