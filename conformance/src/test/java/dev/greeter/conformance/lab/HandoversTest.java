package dev.greeter.conformance.lab;

import static org.assertj.core.api.Assertions.assertThat;

import dev.greeter.conformance.config.HarnessConfig;
import dev.greeter.conformance.config.Selection;
import dev.greeter.conformance.spec.Transport;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What a lab plans to start, without an engine: the holders its stages take if nothing breaks off. */
class HandoversTest {

    private static HarnessConfig config(Optional<String> server, Optional<String> client, Set<Transport> transports, List<String> only) {
        HarnessConfig c = HarnessConfig.defaults(server, client, List.of());
        return new HarnessConfig(c.serverImage(), c.clientImage(), c.serverArgs(), c.clientArgs(), c.port(), c.greeting(), c.backlog(),
                transports, c.path(), new Selection(only, List.of()), c.probeImage(), c.isolation(), c.bounds(), c.timeScale(),
                c.expectations(), c.strict(), c.areasAtOnce());
    }

    @Test
    void theTcpServerAreasTakeOneHolderForTheirLaneAndEachClientRuleOneOfItsOwn() {
        assertThat(Handovers.plannedHolders(config(Optional.of("s"), Optional.empty(), Set.of(Transport.TCP), List.of())))
                .as("areas 1 to 6, one lane").isEqualTo(1);
        assertThat(Handovers.plannedHolders(config(Optional.empty(), Optional.of("c"), Set.of(Transport.TCP), List.of())))
                .as("rules 7.1 to 7.6").isEqualTo(6);
        assertThat(Handovers.plannedHolders(config(Optional.of("s"), Optional.empty(), Set.of(Transport.TCP, Transport.UDP, Transport.UNIX),
                List.of()))).as("one lane per transport").isEqualTo(3);
        assertThat(Handovers.plannedHolders(config(Optional.of("s"), Optional.empty(), Set.of(Transport.TCP), List.of("9"))))
                .as("nothing of TCP selected").isZero();
    }

    @Test
    void onlyATransportWhoseServerRulesSpanSeveralAreasHandsServersOn() {
        assertThat(Handovers.sharesServers(Transport.TCP)).isTrue();
        assertThat(Handovers.sharesServers(Transport.UDP)).isFalse();
        assertThat(Handovers.sharesServers(Transport.UNIX)).isFalse();
    }
}
