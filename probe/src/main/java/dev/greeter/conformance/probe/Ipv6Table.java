package dev.greeter.conformance.probe;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The namespace's IPv6 addresses as the kernel lists them in /proc/net/if_inet6 (one row per address: 32 hex digits,
 * in network order, interface index, prefix length, scope, flags, interface name; Java's text form of the address). The lab checks it holds none but loopback's: with an
 * address on the network's interface, the host's addresses on the bridge would answer.
 */
final class Ipv6Table {

    static final Path IF_INET6 = Path.of("/proc/net/if_inet6");
    /** Addresses kept in a reply: a namespace has a handful; the count says if there were more. */
    static final int KEPT = 64;

    private Ipv6Table() {
    }

    static ProbeReply.Ipv6Addresses read() throws IOException {
        if (!Files.exists(IF_INET6)) {
            return new ProbeReply.Ipv6Addresses(List.of(), 0);
        }
        // An InputStream, not Files.readString: procfs files report size 0 (DEVELOPERS.md).
        try (InputStream in = Files.newInputStream(IF_INET6)) {
            return parse(ListenTable.rows(in.readAllBytes()));
        }
    }

    /** Every well-formed row as {@code address%interface}; a row the kernel never writes is skipped, not fatal. */
    static ProbeReply.Ipv6Addresses parse(List<String> rows) {
        List<String> kept = new ArrayList<>();
        int count = 0;
        for (String row : rows) {
            String[] f = row.trim().split("\\s+");
            if (f.length < 6 || f[0].length() != 32) {
                continue;
            }
            try {
                String address = InetAddress.getByAddress(HexFormat.of().parseHex(f[0])).getHostAddress();
                count++;
                if (kept.size() < KEPT) {
                    kept.add(address + "%" + Printable.escape(f[5], 32));
                }
            } catch (IllegalArgumentException | UnknownHostException e) {
                // Not hex: not a row of this table.
            }
        }
        return new ProbeReply.Ipv6Addresses(kept, count);
    }
}
