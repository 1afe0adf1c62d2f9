package dev.greeter.conformance.lab;

import static org.assertj.core.api.Assertions.assertThat;

import dev.greeter.conformance.Harness;
import dev.greeter.conformance.run.Report;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;

/**
 * A lab's site (network, cleared holders, remote probe) goes to the next run of the same kind, and what the implementation
 * judged before did to its namespace does not reach the next verdict: a server that took every ephemeral port of its
 * namespace is followed on the same holder by a conformant one, which conforms, with no harness container started for it.
 * Closing the keeper removes what it kept.
 */
class SitesHandOnIT {

    @Test
    void aHostileRunLeavesItsSiteToAConformantRunThatStillConforms() {
        List<String> probes;
        String network;
        try (LabSites sites = LabSites.kept()) {
            Harness hostile = Harness.run(Harness.reportRoot().resolve("sites-hogs-ports"),
                    List.of("--server", "greeter-fixture/hogs-ports", "--only", "binding,greeting"), sites);
            assertThat(hostile.verdicts()).as("hogs-ports fails 2.1 on a fresh site: " + hostile.out()).containsEntry("2.1", "FAIL");
            assertThat(sites.idleSites()).as("its lab left the site: no harness error").isEqualTo(1);
            network = sites.idle().get(0).network().getId();
            probes = probeContainers(network);
            assertThat(probes).as("its holder, cleared of everything hogs-ports bound, and the remote probe are kept").hasSize(2);

            Harness conformant = Harness.run(Harness.reportRoot().resolve("sites-dual-stack"),
                    List.of("--server", "greeter-fixture/dual-stack"), sites);
            assertThat(conformant.status()).as("the conformant server on the site hogs-ports left\n" + conformant.out())
                    .isEqualTo(Report.CONFORMS);
            assertThat(conformant.json().get("implementations").get(0).get("containersStarted").asInt())
                    .as("only the server under test was started: the holder and the remote probe were the site's").isEqualTo(1);
            assertThat(probeContainers(network)).as("the same harness containers, still kept").containsAll(probes);
        }
        assertThat(probeContainers(network)).as("closing the keeper removes what it kept").isEmpty();
        assertThat(DockerClientFactory.instance().client().listNetworksCmd().withIdFilter(network).exec()).as("and its network").isEmpty();
    }

    /** The harness's containers on {@code network} (other runs on this engine have networks of their own). */
    private static List<String> probeContainers(String network) {
        return DockerClientFactory.instance().client().listContainersCmd().withShowAll(true).withNetworkFilter(List.of(network))
                .withLabelFilter(Map.of("dev.greeter.conformance", "probe")).exec().stream().map(c -> c.getId()).toList();
    }
}
