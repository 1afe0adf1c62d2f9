package dev.greeter.conformance.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.greeter.conformance.run.Campaign;
import dev.greeter.conformance.config.Implementation;
import dev.greeter.conformance.run.Report;
import dev.greeter.conformance.spec.Area;
import dev.greeter.conformance.spec.Rule;
import dev.greeter.conformance.spec.Verdict;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.testcontainers.utility.DockerImageName;

/** The builder's command line, its validation (the command's own) and the combined report, without an engine. */
class GreeterConformanceTest {

    static final DockerImageName ACME = DockerImageName.parse("acme/greeter:1");

    @Test
    void optionsBecomeTheEquivalentCommandLine() {
        GreeterConformance c = GreeterConformance.server(ACME).withClient(DockerImageName.parse("acme/client:2")).clientArgs("greet", "--quick")
                .port(5000).backlog(64).greeting("-hi there").only("greeting", "3.1").strict().timeScale(2);
        assertThat(c.arguments()).containsExactly("--server=acme/greeter:1", "--client=acme/client:2", "--client-args=greet --quick",
                "--no-interop", "--port=5000", "--backlog=64", "--greeting=-hi there", "--only=greeting,3.1", "--strict", "--time-scale=2.0");
        assertThat(GreeterConformance.client(ACME).arguments()).containsExactly("--client=acme/greeter:1", "--no-interop");
        assertThat(GreeterConformance.server(ACME).serverArgs("server", "--io", "jdk").transports("tcp").arguments())
                .containsExactly("--server=acme/greeter:1", "--no-interop", "--server-args=server --io jdk", "--transport=tcp");
        assertThat(GreeterConformance.server(ACME).repeat(10).arguments()).containsExactly("--server=acme/greeter:1", "--no-interop", "--repeat=10");
        assertThat(dev.greeter.conformance.config.Options.plan(GreeterConformance.server(ACME).repeat(10).arguments().toArray(String[]::new))
                .shared().repeat()).as("resolved once, into the run's configuration").isEqualTo(10);
    }

    @Test
    void aDirectoryToBuildIsTheCommandsBuildOption() {
        java.nio.file.Path dir = java.nio.file.Path.of("lesson", "server");
        assertThat(GreeterConformance.serverBuild(dir).withClient(ACME).arguments())
                .containsExactly("--server-build=" + dir, "--client=acme/greeter:1", "--no-interop");
        assertThat(GreeterConformance.client(ACME).withServerBuild(dir).withClientBuild(dir).arguments())
                .containsExactly("--server-build=" + dir, "--client-build=" + dir, "--no-interop");
        assertThatThrownBy(() -> GreeterConformance.serverBuild(java.nio.file.Path.of("src")).run()).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Invalid value for option '--server-build': 'src' has no Dockerfile (the image is built from DIR/Dockerfile)");
    }

    @Test
    void aBadValueIsRefusedWithTheCommandsMessageBeforeAnyContainerStarts() {
        assertThatThrownBy(() -> GreeterConformance.server(ACME).port(0).run()).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Invalid value for option '--port': 0 is not a port (1-65535)");
        assertThatThrownBy(() -> GreeterConformance.server(ACME).only("99").run()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'99' matches no rule");
        assertThatThrownBy(() -> GreeterConformance.server(ACME).only("client").run()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("nothing would be judged");
        assertThatThrownBy(() -> GreeterConformance.server(ACME).timeScale(0.5).run()).hasMessageContaining("'--time-scale': 0.5 is not in 1-50");
        assertThatThrownBy(() -> GreeterConformance.server(ACME).areasAtOnce(0).run()).hasMessageContaining("'--areas-at-once': 0 is not in 1-8");
        assertThatThrownBy(() -> GreeterConformance.server(ACME).repeat(0).run()).hasMessage("Invalid value for option '--repeat': 0 is not in 1-100");
        assertThatThrownBy(() -> GreeterConformance.server(ACME).captures("all").run()).as("captures without a report directory")
                .hasMessage("--captures all given without --report-dir, where captures go");
    }

    @Test
    void dynamicTestsCoverTheRulesOfTheRolesGiven() {
        List<String> names = GreeterConformance.server(ACME).dynamicTests().map(DynamicTest::getDisplayName).toList();
        assertThat(names).hasSize((int) java.util.Arrays.stream(Rule.values()).filter(r -> r.area().role() == Area.Role.SERVER
                        && r.area().transport() == dev.greeter.conformance.spec.Transport.TCP).count())
                .startsWith("1.1 MUST Listens on the declared port").doesNotContain(RuleTests.name(Rule.R7_1));
        assertThat(GreeterConformance.client(ACME).dynamicTests().map(DynamicTest::getDisplayName))
                .first().isEqualTo("7.1 MUST Prints the greeting and exits 0");
    }

    @Test
    void theCombinedReportTakesEachRuleFromTheImplementationOfItsRole() {
        Report server = Reports.report(false, Rule.R2_2, Verdict.FAIL, Rule.R7_1, Verdict.SKIPPED);
        Report client = Reports.report(false, Rule.R2_2, Verdict.SKIPPED, Rule.R7_1, Verdict.FAIL);
        Campaign.Outcome outcome = new Campaign.Outcome(Instant.EPOCH, Duration.ofSeconds(80), List.of(
                new Campaign.Judged(new Implementation("s", Area.Role.SERVER, "s", List.of()), server, "sha256:1"),
                new Campaign.Judged(new Implementation("c", Area.Role.CLIENT, "c", List.of("client")), client, "sha256:2")), List.of());
        Report both = GreeterConformance.combined(outcome, false);
        assertThat(both.results()).hasSize(Rule.values().length);
        GreeterAssertions.assertThat(both).onlyFailed("2.2", "7.1");
        assertThat(both.elapsed()).isEqualTo(Duration.ofSeconds(80));

        Report alone = GreeterConformance.combined(new Campaign.Outcome(Instant.EPOCH, Duration.ZERO,
                List.of(new Campaign.Judged(new Implementation("s", Area.Role.SERVER, "s", List.of()), server, "sha256:1")), List.of()), false);
        GreeterAssertions.assertThat(alone).rule("7.1").skipped();
    }
}
