package dev.greeter.conformance.checks;

import dev.greeter.conformance.probe.ProbeReply.Listener;

/**
 * What a TCP listener's or UDP socket's local address says about who can reach it, as 1.2 and 8.1 word it after the
 * address. Their client in another container connects to the server's name, which Java resolves to its IPv4 address
 * first, so it arrives over IPv4 (1.3 and 8.8 are the IPv6 rules): a wildcard
 * {@code ::} socket that refused it takes no IPv4 at all, which on Linux means {@code IPV6_V6ONLY} was set (a
 * dual-stack {@code ::} socket takes IPv4 as mapped addresses). /proc/net/tcp6 and udp6 do not show the option, so the
 * refusal is what tells the two apart.
 */
final class BoundScope {

    static final String IPV6_ONLY = " (IPv6 only: a `::` socket with IPV6_V6ONLY set refuses IPv4, and this client connects"
            + " over IPv4; clear IPV6_V6ONLY to take both, or add a socket on 0.0.0.0)";

    private BoundScope() {
    }

    /** Empty for a socket every client reaches; else the words to put after its address. */
    static String of(Listener socket, boolean refusedOverIpv4) {
        if (socket.wildcard()) {
            return socket.ipv6() && socket.address().equals("::") && refusedOverIpv4 ? IPV6_ONLY : "";
        }
        return socket.address().startsWith("127.") || socket.address().equals("::1") || socket.address().startsWith("::ffff:127.")
                ? " (loopback only)" : " (one interface only)";
    }
}
