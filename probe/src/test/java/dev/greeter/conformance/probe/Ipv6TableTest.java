package dev.greeter.conformance.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** /proc/net/if_inet6 read as the kernel writes it: rows taken from containers on this engine. */
class Ipv6TableTest {

    private static List<String> rows(String text) {
        return ListenTable.rows(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void aContainerOnAnIpv6NetworkShowsItsAddressesByInterface() {
        // A container on `docker network create --ipv6 --subnet fd7e:1a2b:3c4d:1::/64` (engine 20.10).
        ProbeReply.Ipv6Addresses a = Ipv6Table.parse(rows("""
                fd7e1a2b3c4d00010000000000000002 2516 40 00 02     eth0
                00000000000000000000000000000001 01 80 10 80       lo
                fe800000000000000042acfffe150002 2516 40 20 40     eth0
                """));
        assertThat(a.addresses()).as("network order, Java's text form, with the interface")
                .containsExactly("fd7e:1a2b:3c4d:1:0:0:0:2%eth0", "0:0:0:0:0:0:0:1%lo", "fe80:0:0:0:42:acff:fe15:2%eth0");
        assertThat(a.count()).isEqualTo(3);
    }

    @Test
    void theLabsContainersToday_haveNone() {
        // IPv6 disabled on every interface (Docker's default on an IPv4-only network): the file is empty.
        assertThat(Ipv6Table.parse(rows("")).addresses()).as("empty table").isEmpty();
        assertThat(Ipv6Table.parse(rows("")).count()).isZero();
    }

    @Test
    void aRowTheKernelNeverWritesIsSkippedAndTheCountStaysTrue() {
        ProbeReply.Ipv6Addresses a = Ipv6Table.parse(rows("""
                garbage
                zz800000000000000042acfffe150002 2516 40 20 40     eth0
                fe800000000000000042acfffe150002 2516 40 20 40     eth0
                """));
        assertThat(a.addresses()).containsExactly("fe80:0:0:0:42:acff:fe15:2%eth0");
        assertThat(a.count()).isEqualTo(1);
    }

    @Test
    void keepsTheFirstAndCountsAll() {
        StringBuilder t = new StringBuilder();
        for (int i = 0; i < Ipv6Table.KEPT + 10; i++) {
            t.append(String.format("fd00000000000000000000000000%04x 02 40 00 80 eth0%n", i));
        }
        ProbeReply.Ipv6Addresses a = Ipv6Table.parse(rows(t.toString()));
        assertThat(a.addresses()).as("bounded").hasSize(Ipv6Table.KEPT);
        assertThat(a.count()).as("but counted").isEqualTo(Ipv6Table.KEPT + 10);
    }
}
