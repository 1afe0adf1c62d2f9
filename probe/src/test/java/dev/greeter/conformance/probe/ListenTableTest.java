package dev.greeter.conformance.probe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.greeter.conformance.probe.ProbeReply.Listener;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** /proc/net/udp{,6} as this machine's kernel prints them: a server's socket is bound and connected to no peer. */
class ListenTableTest {

    private static final String HEADER = "   sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops";

    @Test
    void aBoundUnconnectedUdpSocketIsTheServersAndAConnectedOneOnTheSamePortIsNot() throws Exception {
        List<String> udp = List.of(HEADER,
                "  123: 00000000:9EE2 00000000:0000 07 00000000:00000000 00:00000000 00000000 65532        0 4715818 2 0000000000000000 0",
                // A socket the server connect()ed to one peer, to reply from: the same port, state ESTABLISHED.
                "  124: 0100007F:9EE2 0100007F:D431 01 00000000:00000000 00:00000000 00000000 65532        0 4715900 2 0000000000000000 0",
                "  300: 0B00007F:A1B2 00000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 77 2 0000000000000000 0");
        List<Listener> found = new ArrayList<>();
        ListenTable.parse(udp, false, ListenTable.UNCONNECTED, 40674, found);
        assertThat(found).containsExactly(new Listener("0.0.0.0", 40674, 0, false, 4715818L));
        assertThat(found.get(0).wildcard()).isTrue();

        List<Listener> any = new ArrayList<>();
        ListenTable.parse(udp, false, ListenTable.UNCONNECTED, -1, any);
        assertThat(any).extracting(Listener::address).containsExactly("0.0.0.0", "127.0.0.11");
    }

    @Test
    void readsTheIpv6WildcardAndLoopback() throws Exception {
        List<String> udp6 = List.of(HEADER,
                "    5: 00000000000000000000000000000000:9EE2 00000000000000000000000000000000:0000 07 00000000:00000000 00:00000000 00000000  1000        0 42 2 0000000000000000 0",
                "    6: 00000000000000000000000001000000:9EE3 00000000000000000000000000000000:0000 07 00000000:00000000 00:00000000 00000000  1000        0 43 2 0000000000000000 0");
        List<Listener> found = new ArrayList<>();
        ListenTable.parse(udp6, true, ListenTable.UNCONNECTED, -1, found);
        assertThat(found).containsExactly(new Listener("::", 40674, 0, true, 42L), new Listener("0:0:0:0:0:0:0:1", 40675, 0, true, 43L));
        assertThat(found.get(0).wildcard()).isTrue();
    }

    @Test
    void aRowThatDoesNotParseIsSkippedAndNoByteMakesTheTableUnreadable() {
        byte[] table = (HEADER + "\n"
                + "  1: 00000000:9EE2 00000000:0000 0A\n"
                + "  2: zz:9EE2 00000000:0000 0A 00000000:00000000 00:00000000 00000000 0 0 5 1\n"
                + "\u00ff\u00fe garbage\n"
                + "  3: 00000000:9EE2 00000000:0000 0A 00000000:00000002 00:00000000 00000000 0 0 4715818 1 0000000000000000 100 0 0 10 0\n")
                .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        List<Listener> found = new ArrayList<>();
        ListenTable.parse(ListenTable.rows(table), false, "0A", 40674, found);
        assertThat(found).as("only the well-formed row").containsExactly(new Listener("0.0.0.0", 40674, 2, false, 4715818L));
    }
}
