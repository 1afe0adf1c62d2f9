package dev.greeter.conformance.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Which IPv6 addresses of a lab container are a way out: any but loopback's. */
class GatewayCheckTest {

    @Test
    void onlyLoopbackIsAllowed() {
        assertThat(GatewayCheck.offLoopback(List.of())).as("IPv6 off, as on the lab's network").isEmpty();
        assertThat(GatewayCheck.offLoopback(List.of("0:0:0:0:0:0:0:1%lo"))).as("loopback only").isEmpty();
        assertThat(GatewayCheck.offLoopback(List.of("0:0:0:0:0:0:0:1%lo", "fe80:0:0:0:42:acff:fe15:2%eth0", "fd7e:0:0:0:0:0:0:2%eth0")))
                .as("a link-local address is a way out too: the bridge answers on fe80::1")
                .containsExactly("fe80:0:0:0:42:acff:fe15:2%eth0", "fd7e:0:0:0:0:0:0:2%eth0");
        assertThat(GatewayCheck.offLoopback(List.of("0:0:0:0:0:0:0:1%lo0"))).as("an interface merely named like lo")
                .containsExactly("0:0:0:0:0:0:0:1%lo0");
    }
}
