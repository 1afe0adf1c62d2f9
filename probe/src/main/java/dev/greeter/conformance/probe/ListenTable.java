package dev.greeter.conformance.probe;

import dev.greeter.conformance.probe.ProbeReply.Listener;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Reads LISTEN sockets from /proc/net/tcp and /proc/net/tcp6 of this network namespace, and bound
 * unconnected UDP sockets from /proc/net/udp and /proc/net/udp6. Readiness
 * this way needs nothing from the implementation: no log line, no shell, not even a connection.
 * For a listening socket the kernel reports the accept queue's current length as rx_queue (the
 * backlog itself is not in these tables).
 */
final class ListenTable {

    private static final String LISTEN = "0A";
    /** TCP_CLOSE, which /proc/net/udp shows for a bound socket that is not connected to one peer. */
    static final String UNCONNECTED = "07";

    private ListenTable() {
    }

    static Tally<Listener> listeners(int port) throws IOException {
        Tally<Listener> found = new Tally<>();
        read(Path.of("/proc/net/tcp"), false, false, LISTEN, port, found);
        read(Path.of("/proc/net/tcp6"), false, true, LISTEN, port, found);
        return found;
    }

    /**
     * The UDP sockets bound to a port (any port if negative) and connected to no peer: a server's own
     * socket. A socket a server connects to one peer to reply from is left out; its rx_queue counts bytes,
     * not connections, so {@code queued} is 0.
     */
    static Tally<Listener> udpSockets(int port) throws IOException {
        Tally<Listener> found = new Tally<>();
        read(Path.of("/proc/net/udp"), true, false, UNCONNECTED, port, found);
        read(Path.of("/proc/net/udp6"), true, true, UNCONNECTED, port, found);
        return found;
    }

    static int somaxconn() throws IOException {
        // Not Files.readString: procfs reports size 0, and JDK 17 then reads only the first byte.
        try (InputStream in = Files.newInputStream(Path.of("/proc/sys/net/core/somaxconn"))) {
            return Integer.parseInt(new String(in.readAllBytes(), StandardCharsets.US_ASCII).trim());
        }
    }

    /**
     * The rows of {@code table} in {@code state} on {@code port}, counted, the first kept. Bytes, a row at a time
     * (ISO-8859-1: every byte one char, so no byte can make reading fail; not Files.readAllLines, which throws on a
     * byte that is not UTF-8), streamed, so a namespace with a hundred thousand sockets costs no more memory than
     * one with a few.
     */
    private static void read(Path table, boolean datagrams, boolean ipv6, String state, int port, Tally<Listener> found)
            throws IOException {
        if (!Files.exists(table)) {
            return;
        }
        try (BufferedReader in = new BufferedReader(new InputStreamReader(Files.newInputStream(table), StandardCharsets.ISO_8859_1))) {
            in.readLine();
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                // A UDP socket's rx_queue counts bytes, not connections.
                parseRow(line, ipv6, state, port, l -> found.add(datagrams ? new Listener(l.address(), l.port(), 0, l.ipv6(), l.inode()) : l));
            }
        }
    }

    /** A table's rows: split at line feeds, each byte one char (ISO-8859-1), so that no byte can make reading fail. */
    static List<String> rows(byte[] table) {
        List<String> rows = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= table.length; i++) {
            if (i == table.length || table[i] == '\n') {
                if (i > start) {
                    rows.add(new String(table, start, i - start, StandardCharsets.ISO_8859_1));
                }
                start = i + 1;
            }
        }
        return rows;
    }

    /** The rows of one table (its lines, header first) in {@code state} on {@code port} (any if negative). */
    static void parse(List<String> lines, boolean ipv6, String state, int port, List<Listener> found) {
        for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
            parseRow(line, ipv6, state, port, found::add);
        }
    }

    /** A row that does not parse is skipped: no row can make the whole table unreadable. */
    private static void parseRow(String line, boolean ipv6, String state, int port, Consumer<Listener> found) {
        try {
            row(line, ipv6, state, port).ifPresent(found);
        } catch (RuntimeException | UnknownHostException e) {
            // Not a row of the kernel's format: skip it.
        }
    }

    private static Optional<Listener> row(String line, boolean ipv6, String state, int port) throws UnknownHostException {
        // sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode ...
        String[] f = line.trim().split("\\s+");
        String[] local = f[1].split(":");
        if (!f[3].equals(state) || (port >= 0 && Integer.parseInt(local[1], 16) != port)) {
            return Optional.empty();
        }
        String[] queues = f[4].split(":");
        return Optional.of(new Listener(address(local[0]), Integer.parseInt(local[1], 16), Integer.parseInt(queues[1], 16), ipv6,
                Long.parseLong(f[9])));
    }

    /** /proc prints addresses as host-order 32-bit words in hex. */
    private static String address(String hex) throws UnknownHostException {
        if (hex.length() != 8 && hex.length() != 32) {
            throw new UnknownHostException("not an address: " + Printable.escape(hex, 40));
        }
        byte[] bytes = new byte[hex.length() / 2];
        for (int word = 0; word < bytes.length / 4; word++) {
            for (int i = 0; i < 4; i++) {
                int at = word * 8 + (3 - i) * 2;
                bytes[word * 4 + i] = (byte) Integer.parseInt(hex.substring(at, at + 2), 16);
            }
        }
        String text = InetAddress.getByAddress(bytes).getHostAddress();
        return text.equals("0:0:0:0:0:0:0:0") ? "::" : text;
    }
}
