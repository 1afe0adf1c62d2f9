package dev.greeter.conformance.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which IPv6 routes a sealed lab namespace may keep, and the rtnetlink requests that get it there. */
class RouteSealTest {

    private static List<String> rows(String text) {
        return ListenTable.rows(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** /proc/net/ipv6_route of a container on an IPv6 network (engine 20.10), before sealing. */
    private static final String BEFORE = """
            fd7e1a2b3c4d00050000000000000000 40 00000000000000000000000000000000 00 00000000000000000000000000000000 00000100 00000001 00000000 00000001     eth0
            fe800000000000000000000000000000 40 00000000000000000000000000000000 00 00000000000000000000000000000000 00000100 00000001 00000000 00000001     eth0
            00000000000000000000000000000000 00 00000000000000000000000000000000 00 fd7e1a2b3c4d00050000000000000001 00000400 00000001 00000000 00000003     eth0
            00000000000000000000000000000000 00 00000000000000000000000000000000 00 00000000000000000000000000000000 ffffffff 00000001 00000000 00200200       lo
            00000000000000000000000000000001 80 00000000000000000000000000000000 00 00000000000000000000000000000000 00000000 00000002 00000000 80200001       lo
            fd7e1a2b3c4d00050000000000000003 80 00000000000000000000000000000000 00 00000000000000000000000000000000 00000000 00000003 00000000 80200001     eth0
            fe800000000000000042c0fffea83003 80 00000000000000000000000000000000 00 00000000000000000000000000000000 00000000 00000002 00000000 80200001     eth0
            ff000000000000000000000000000000 08 00000000000000000000000000000000 00 00000000000000000000000000000000 00000100 00000001 00000000 00000001     eth0
            """;
    private static final List<RouteSeal.Address> OWN = RouteSeal.addresses(rows("""
            fd7e1a2b3c4d00050000000000000003 2516 40 00 02     eth0
            fe800000000000000042c0fffea83003 2516 40 20 80     eth0
            """));
    private static final List<String> PEERS = List.of("fd7e:1a2b:3c4d:5:0:0:0:2");

    @Test
    void keepsLocalsAndLoopbackAndDropsEveryWayToTheBridge() {
        List<RouteSeal.Route> routes = RouteSeal.routes(rows(BEFORE));
        assertThat(routes).hasSize(8);
        assertThat(routes.stream().filter(r -> !RouteSeal.allowed(r, PEERS, OWN)).map(RouteSeal.Route::toString))
                .as("what sealing deletes: the subnet, link-local prefix, default route and multicast")
                .containsExactly("fd7e:1a2b:3c4d:5:0:0:0:0/64 dev eth0", "fe80:0:0:0:0:0:0:0/64 dev eth0", "0:0:0:0:0:0:0:0/0 dev eth0",
                        "ff00:0:0:0:0:0:0:0/8 dev eth0");
    }

    @Test
    void afterSealingOnlyPeersAndTheOwnSolicitedNodeGroupAreReachable() {
        List<RouteSeal.Route> after = RouteSeal.routes(rows("""
                fd7e1a2b3c4d00050000000000000002 80 00000000000000000000000000000000 00 00000000000000000000000000000000 00000400 00000001 00000000 00000001     eth0
                ff0200000000000000000001ff000003 80 00000000000000000000000000000000 00 00000000000000000000000000000000 00000400 00000001 00000000 00000001     eth0
                """));
        assertThat(after).allMatch(r -> RouteSeal.allowed(r, PEERS, OWN));
        assertThat(RouteSeal.allowed(after.get(0), List.of(), OWN)).as("a host route to one not named a peer").isFalse();
        RouteSeal.Route gateway = RouteSeal.routes(rows(
                "fd7e1a2b3c4d00050000000000000001 80 00000000000000000000000000000000 00 00000000000000000000000000000000 00000400 00000001 00000000 00000001     eth0"))
                .get(0);
        assertThat(RouteSeal.allowed(gateway, PEERS, OWN)).as("a host route to the gateway").isFalse();
        RouteSeal.Route allNodes = RouteSeal.routes(rows(
                "ff020000000000000000000000000001 80 00000000000000000000000000000000 00 00000000000000000000000000000000 00000400 00000001 00000000 00000001     eth0"))
                .get(0);
        assertThat(RouteSeal.allowed(allNodes, PEERS, OWN)).as("ff02::1, where the host's sockets on :: hear").isFalse();
    }

    @Test
    void theSolicitedNodeGroupIsTheLast24Bits() {
        assertThat(RouteSeal.solicitedNode("fd7e:1a2b:3c4d:5::3")).isEqualTo("ff02:0:0:0:0:1:ff00:3");
        assertThat(RouteSeal.solicitedNode("fd00::42:acff:fe15:2")).isEqualTo("ff02:0:0:0:0:1:ff15:2");
    }

    @Test
    void aRouteRequestIsNlmsghdrRtmsgDstAndOif() throws Exception {
        byte[] m = RouteSeal.route(RouteSeal.RTM_NEWROUTE, RouteSeal.NLM_F_CREATE, 7, "fd7e::2", 128, RouteSeal.RT_TABLE_MAIN,
                RouteSeal.RTN_UNICAST, 9);
        ByteBuffer b = ByteBuffer.wrap(m).order(ByteOrder.nativeOrder());
        assertThat(b.getInt()).as("nlmsg_len").isEqualTo(m.length).isEqualTo(56);
        assertThat(b.getShort()).as("nlmsg_type").isEqualTo((short) 24);
        assertThat(b.getShort()).as("nlmsg_flags: request, ack, create").isEqualTo((short) (1 | 4 | 0x400));
        assertThat(b.getInt()).as("seq").isEqualTo(7);
        assertThat(b.getInt()).as("pid").isZero();
        assertThat(new byte[] {b.get(), b.get(), b.get(), b.get(), b.get(), b.get(), b.get(), b.get()}).as("rtmsg")
                .containsExactly(10, 128 - 256, 0, 0, 254 - 256, 4, 0, 1);
        assertThat(b.getInt()).as("rtm_flags").isZero();
        assertThat(b.getShort()).as("RTA_DST len").isEqualTo((short) 20);
        assertThat(b.getShort()).as("RTA_DST").isEqualTo((short) 1);
        byte[] dst = new byte[16];
        b.get(dst);
        assertThat(dst[0]).isEqualTo((byte) 0xfd);
        assertThat(dst[15]).isEqualTo((byte) 2);
        assertThat(b.getShort()).as("RTA_OIF len").isEqualTo((short) 8);
        assertThat(b.getShort()).as("RTA_OIF").isEqualTo((short) 4);
        assertThat(b.getInt()).as("ifindex").isEqualTo(9);
    }
}
