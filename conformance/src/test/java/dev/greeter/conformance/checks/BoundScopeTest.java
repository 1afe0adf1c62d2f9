package dev.greeter.conformance.checks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.greeter.conformance.probe.ProbeReply.Listener;
import org.junit.jupiter.api.Test;

/** 1.2's and 8.1's words after a socket's address: who cannot reach it, from its address and whether IPv4 was refused. */
class BoundScopeTest {

    private static Listener socket(String address) {
        return new Listener(address, 40674, 0, address.contains(":"), 7);
    }

    @Test
    void aWildcardSocketThatTookTheClientSaysNothing() {
        assertThat(BoundScope.of(socket("0.0.0.0"), false)).as("IPv4 wildcard").isEmpty();
        assertThat(BoundScope.of(socket("::"), false)).as("a dual-stack :: socket took the IPv4 client").isEmpty();
    }

    @Test
    void aColonColonSocketThatRefusedIpv4IsNamedIpv6Only() {
        assertThat(BoundScope.of(socket("::"), true)).as("v6only").isEqualTo(BoundScope.IPV6_ONLY)
                .contains("IPv6 only").contains("IPV6_V6ONLY");
    }

    @Test
    void anIpv4WildcardThatRefusedIsNotBlamedOnIpv6() {
        // 0.0.0.0 refusing is some other fault (a closed socket, a restart): the words must not point at IPV6_V6ONLY.
        assertThat(BoundScope.of(socket("0.0.0.0"), true)).as("IPv4 wildcard refusing").isEmpty();
    }

    @Test
    void loopbackAndOneInterfaceAreSaidWhateverHappened() {
        assertThat(BoundScope.of(socket("127.0.0.1"), true)).isEqualTo(" (loopback only)");
        assertThat(BoundScope.of(socket("::1"), true)).isEqualTo(" (loopback only)");
        assertThat(BoundScope.of(socket("172.18.0.2"), false)).isEqualTo(" (one interface only)");
        assertThat(BoundScope.of(socket("fd00::2"), true)).isEqualTo(" (one interface only)");
    }
}
