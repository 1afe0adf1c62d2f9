package dev.greeter.conformance.probe;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Seals a lab namespace's IPv6 off from the host. An IPv6 Docker network's bridge holds the gateway ({@code <subnet>::1})
 * and {@code fe80::1} on the host and gives containers a default route through it (measured on 20.10), with no
 * option to leave it without addresses as inhibit_ipv4 does for IPv4. So, run once by the holder's agent
 * ({@link ProbeRequest.SealIpv6}; the holder has NET_ADMIN, the implementation beside it no capability) before any
 * implementation joins the namespace, this leaves the namespace's IPv6 routes at: its own addresses (local), a host route to each {@code peer} given (the
 * lab's containers an implementation here may talk to over IPv6), and a multicast route to the solicited-node group
 * of each of its own global addresses, without which it would not answer a peer's neighbour solicitation. Nothing
 * else: no default route, no subnet or link-local prefix (so neither the gateway nor {@code fe80::1} is on-link), no
 * other multicast (a datagram to {@code ff02::1} would reach the host's sockets on {@code ::}).
 *
 * <p>{@link #allowed} is the same rule the harness checks every holder against ({@link ProbeRequest.Ipv6Sealed}).
 */
public final class RouteSeal {

    static final Path IPV6_ROUTE = Path.of("/proc/net/ipv6_route");
    static final Path IF_INET6 = Path.of("/proc/net/if_inet6");
    /** Routes kept in a reply: a sealed namespace has a handful. */
    static final int KEPT = 64;
    private static final String TRANSPORT = "dev.greeter.conformance.probe.FfmNetlink";

    static final int NETLINK_ROUTE = 0;
    static final int RTM_NEWROUTE = 24;
    static final int RTM_DELROUTE = 25;
    static final int NLMSG_ERROR = 2;
    static final int NLM_F_REQUEST = 1;
    static final int NLM_F_ACK = 4;
    static final int NLM_F_EXCL = 0x200;
    static final int NLM_F_CREATE = 0x400;
    static final int AF_INET6 = 10;
    static final int RT_TABLE_MAIN = 254;
    static final int RT_TABLE_LOCAL = 255;
    static final int RTPROT_STATIC = 4;
    static final int RT_SCOPE_UNIVERSE = 0;
    static final int RTN_UNICAST = 1;
    static final int RTN_MULTICAST = 5;
    static final int RTA_DST = 1;
    static final int RTA_OIF = 4;
    static final int ESRCH = 3;
    /** /proc/net/ipv6_route flags. */
    static final long RTF_LOCAL = 0x80000000L;
    static final long RTF_CACHE = 0x01000000L;

    /** One row of /proc/net/ipv6_route: destination, prefix length, flags, device. */
    record Route(String destination, int length, long flags, String device) {
        boolean local() {
            return (flags & RTF_LOCAL) != 0;
        }

        @Override
        public String toString() {
            return destination + "/" + length + " dev " + device + (local() ? " local" : "");
        }
    }

    /** One address of /proc/net/if_inet6: the address, its interface's index and name. */
    record Address(String address, int index, String device) {
    }

    private RouteSeal() {
    }

    /** Seals this namespace so that over IPv6 it reaches only {@code addresses}; the routes left, or why not. */
    static List<Route> sealFor(List<String> addresses) throws IOException {
        List<String> peers = new ArrayList<>();
        for (String a : addresses) {
            peers.add(canonical(a));
        }
        seal(peers);
        List<Route> left = routes(read(IPV6_ROUTE));
        List<Address> own = addresses(read(IF_INET6));
        List<Route> wrong = left.stream().filter(r -> !allowed(r, peers, own)).toList();
        if (!wrong.isEmpty()) {
            throw new IOException("routes left after sealing: " + wrong);
        }
        return left;
    }

    /**
     * Whether a route may stay in a sealed namespace: loopback's, one for its own address, a host route to a peer, or
     * the solicited-node group of one of its own global addresses.
     */
    public static boolean allowed(Route r, List<String> peers, List<Address> own) {
        if (r.device().equals("lo") || r.local()) {
            return true;
        }
        if (r.length() != 128) {
            return false;
        }
        return peers.contains(r.destination())
                || own.stream().filter(a -> !a.device().equals("lo") && !a.address().startsWith("fe80:"))
                        .anyMatch(a -> solicitedNode(a.address()).equals(r.destination()));
    }

    /** What {@link ProbeRequest.Ipv6Sealed} answers: the routes, and those a namespace sealed for {@code peers} must not have. */
    static ProbeReply.Ipv6Routes state(List<String> peers) throws IOException {
        List<String> canonical = new ArrayList<>();
        for (String p : peers) {
            canonical.add(canonical(p));
        }
        List<Route> routes = routes(read(IPV6_ROUTE));
        List<Address> own = addresses(read(IF_INET6));
        return new ProbeReply.Ipv6Routes(routes.stream().limit(KEPT).map(r -> Printable.escape(r.toString(), 120)).toList(),
                routes.stream().filter(r -> !allowed(r, canonical, own)).limit(KEPT).map(r -> Printable.escape(r.toString(), 120))
                        .toList());
    }

    private static void seal(List<String> peers) throws IOException {
        List<Address> own = addresses(read(IF_INET6));
        List<Address> outside = own.stream().filter(a -> !a.device().equals("lo")).toList();
        if (outside.isEmpty()) {
            throw new IOException("no IPv6 address off loopback: nothing to seal");
        }
        Set<Integer> interfaces = new LinkedHashSet<>();
        outside.forEach(a -> interfaces.add(a.index()));
        if (interfaces.size() != 1) {
            throw new IOException("IPv6 on more than one interface: " + outside);
        }
        int index = interfaces.iterator().next();
        try (UnixDiag.Transport netlink = open()) {
            int seq = 1;
            // Host routes first, so a peer is never unreachable for longer than the sealing takes.
            for (String peer : peers) {
                ack(netlink, route(RTM_NEWROUTE, NLM_F_CREATE | NLM_F_EXCL, seq, peer, 128, RT_TABLE_MAIN, RTN_UNICAST, index), seq++, peer);
            }
            for (Address a : outside) {
                if (!a.address().startsWith("fe80:")) {
                    String group = solicitedNode(a.address());
                    ack(netlink, route(RTM_NEWROUTE, NLM_F_CREATE, seq, group, 128, RT_TABLE_LOCAL, RTN_MULTICAST, index), seq++, group);
                }
            }
            for (Route r : routes(read(IPV6_ROUTE))) {
                if (allowed(r, peers, own) || (r.flags() & RTF_CACHE) != 0) {
                    continue;
                }
                int error = call(netlink, route(RTM_DELROUTE, 0, seq, r.destination(), r.length(), RT_TABLE_MAIN, 0, index), seq++);
                if (error == -ESRCH) {
                    error = call(netlink, route(RTM_DELROUTE, 0, seq, r.destination(), r.length(), RT_TABLE_LOCAL, 0, index), seq++);
                }
                if (error != 0) {
                    throw new IOException("deleting " + r + ": error " + -error);
                }
            }
        }
    }

    private static void ack(UnixDiag.Transport netlink, byte[] message, int seq, String what) throws IOException {
        int error = call(netlink, message, seq);
        if (error != 0) {
            throw new IOException("adding a route to " + what + ": error " + -error);
        }
    }

    /** Sends one request and returns the kernel's answer to it: 0, or a negative errno. */
    private static int call(UnixDiag.Transport netlink, byte[] message, int seq) throws IOException {
        netlink.send(message);
        byte[] buffer = new byte[8192];
        while (true) {
            int n = netlink.receive(buffer);
            ByteBuffer in = ByteBuffer.wrap(buffer, 0, n).order(ByteOrder.nativeOrder());
            while (in.remaining() >= 16) {
                int start = in.position();
                int length = in.getInt();
                int type = in.getShort() & 0xffff;
                in.getShort();
                int replySeq = in.getInt();
                in.getInt();
                if (type == NLMSG_ERROR && replySeq == seq) {
                    return in.getInt();
                }
                if (length < 16) {
                    break;
                }
                in.position(Math.min(n, start + ((length + 3) & ~3)));
            }
        }
    }

    /** An rtnetlink route request: nlmsghdr, rtmsg, RTA_DST, RTA_OIF. */
    static byte[] route(int type, int flags, int seq, String destination, int length, int table, int routeType, int index)
            throws UnknownHostException {
        byte[] dst = InetAddress.getByName(destination).getAddress();
        if (dst.length != 16) {
            throw new UnknownHostException("not an IPv6 address: " + destination);
        }
        int size = 16 + 12 + (4 + 16) + (4 + 4);
        ByteBuffer b = ByteBuffer.allocate(size).order(ByteOrder.nativeOrder());
        b.putInt(size).putShort((short) type).putShort((short) (NLM_F_REQUEST | NLM_F_ACK | flags)).putInt(seq).putInt(0);
        // rtmsg: family, dst_len, src_len, tos, table, protocol, scope, type, flags
        b.put((byte) AF_INET6).put((byte) length).put((byte) 0).put((byte) 0).put((byte) table)
                .put((byte) (type == RTM_NEWROUTE ? RTPROT_STATIC : 0)).put((byte) RT_SCOPE_UNIVERSE).put((byte) routeType).putInt(0);
        b.putShort((short) 20).putShort((short) RTA_DST).put(dst);
        b.putShort((short) 8).putShort((short) RTA_OIF).putInt(index);
        return b.array();
    }

    /** ff02::1:ffXX:XXXX, the group a neighbour solicitation for {@code address} is sent to (RFC 4291). */
    static String solicitedNode(String address) {
        try {
            byte[] a = InetAddress.getByName(address).getAddress();
            byte[] g = new byte[16];
            g[0] = (byte) 0xff;
            g[1] = 0x02;
            g[11] = 0x01;
            g[12] = (byte) 0xff;
            g[13] = a[13];
            g[14] = a[14];
            g[15] = a[15];
            return InetAddress.getByAddress(g).getHostAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an address: " + address, e);
        }
    }

    /** Java's text form of an IPv6 address, as the tables are read: so that two spellings compare equal. */
    static String canonical(String address) throws UnknownHostException {
        InetAddress a = InetAddress.getByName(address);
        if (!(a instanceof Inet6Address)) {
            throw new UnknownHostException("not an IPv6 address: " + address);
        }
        return a.getHostAddress();
    }

    /** The rows of /proc/net/ipv6_route (addresses in network order, as 32 hex digits). */
    public static List<Route> routes(List<String> rows) {
        List<Route> found = new ArrayList<>();
        for (String row : rows) {
            String[] f = row.trim().split("\\s+");
            if (f.length < 10 || f[0].length() != 32) {
                continue;
            }
            try {
                found.add(new Route(InetAddress.getByAddress(HexFormat.of().parseHex(f[0])).getHostAddress(), Integer.parseInt(f[1], 16),
                        Long.parseLong(f[8], 16), f[9]));
            } catch (IllegalArgumentException | UnknownHostException e) {
                // Not a row of this table.
            }
        }
        return found;
    }

    /** The rows of /proc/net/if_inet6. */
    public static List<Address> addresses(List<String> rows) {
        List<Address> found = new ArrayList<>();
        for (String row : rows) {
            String[] f = row.trim().split("\\s+");
            if (f.length < 6 || f[0].length() != 32) {
                continue;
            }
            try {
                found.add(new Address(InetAddress.getByAddress(HexFormat.of().parseHex(f[0])).getHostAddress(), Integer.parseInt(f[1], 16),
                        f[5]));
            } catch (IllegalArgumentException | UnknownHostException e) {
                // Not a row of this table.
            }
        }
        return found;
    }

    static List<String> read(Path table) throws IOException {
        if (!Files.exists(table)) {
            return List.of();
        }
        try (InputStream in = Files.newInputStream(table)) {
            return ListenTable.rows(in.readAllBytes());
        }
    }

    private static UnixDiag.Transport open() throws IOException {
        try {
            return (UnixDiag.Transport) Class.forName(TRANSPORT).getDeclaredMethod("open", int.class).invoke(null, NETLINK_ROUTE);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException("cannot open a NETLINK_ROUTE socket: " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new IOException("the probe's netlink transport (" + TRANSPORT + ", compiled for Java 25) cannot be loaded: " + e, e);
        }
    }
}
