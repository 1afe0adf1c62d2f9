package dev.greeter.conformance.config;

import static org.assertj.core.api.Assertions.assertThat;

/** The options of a run, as both the command and the library give them (their refusals: ConformanceCommandTest). */
class OptionsTest {

    @org.junit.jupiter.api.Test
    void theProbeImageIsTheOnePublishedBesideTheHarnessTaggedWithItsVersion() {
        assertThat(Options.defaultProbeImage(java.util.Map.of(Options.PROBE_REPOSITORY_ENV, "ghcr.io/o/greeter-probe"), "1.2.3"))
                .isEqualTo("ghcr.io/o/greeter-probe:1.2.3");
    }

    @org.junit.jupiter.api.Test
    void withoutThePublishedProbeTheLocallyBuiltBaseIsTheProbeImage() {
        assertThat(Options.defaultProbeImage(java.util.Map.of(), "1.2.3"))
                .isEqualTo(HarnessConfig.DEFAULT_PROBE_IMAGE);
        assertThat(Options.defaultProbeImage(java.util.Map.of(Options.PROBE_REPOSITORY_ENV, " "), "1.2.3"))
                .isEqualTo(HarnessConfig.DEFAULT_PROBE_IMAGE);
    }

    @org.junit.jupiter.api.Test
    void aRefusedValueIsOneLineNamingTheOption() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Options.plan("--server=s", "--port=0"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("Invalid value for option '--port': 0 is not a port (1-65535)");
        assertThat(Options.plan("--server=s", "--port=1234").shared().port()).isEqualTo(1234);
    }

    @org.junit.jupiter.api.Test
    void capturesGoToTheReportDirectoryEachImplementationsUnderItsName() {
        Plan plan = Options.plan("--server=plain=img:1", "--report-dir=/tmp/r");
        Captures captures = plan.implementations().get(0).judgedBy(plan.shared()).captures();
        assertThat(captures.mode()).as("the default with a report directory").isEqualTo(Captures.Mode.FAILED);
        assertThat(captures.directory()).as("the report directory's captures").contains(java.nio.file.Path.of("/tmp/r/captures"));
        assertThat(captures.fileName("2.2")).as("the rule's and the implementation's file").isEqualTo("2.2-plain.pcap");
        assertThat(captures.keeps(false)).as("a rule that did not pass keeps its capture").isTrue();
        assertThat(captures.keeps(true)).as("one that passed does not").isFalse();
        assertThat(Options.plan("--server=img:1", "--report-dir=/tmp/r", "--captures=all").shared().captures().keeps(true))
                .as("--captures all keeps every rule's").isTrue();
        assertThat(Options.plan("--server=img:1", "--report-dir=/tmp/r", "--captures=none").shared().captures().active())
                .as("--captures none captures nothing").isFalse();
        assertThat(Options.plan("--server=img:1").shared().captures().active()).as("nothing without a report directory").isFalse();
        assertThat(Captures.into(Captures.Mode.FAILED, java.nio.file.Path.of("r")).of("greeter-fixture/x:latest").fileName("4.1"))
                .as("an image's name as a file name").isEqualTo("4.1-greeter-fixture_x_latest.pcap");
    }

    @org.junit.jupiter.api.Test
    void capturesRefusedAreOneLineNamingTheValue() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Options.plan("--server=s", "--report-dir=r", "--captures=some"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Invalid value for option '--captures': 'some' is not one of failed, all, none");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Options.plan("--server=s", "--captures=all"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("--captures all given without --report-dir, where captures go");
    }

    @org.junit.jupiter.api.Test
    void aRunKeepsItsLabsSitesOnlyWhenItOpensLabsInTurn() {
        assertThat(Options.plan("--server=s", "--client=c", "--no-interop").opensLabsInTurn())
                .as("a server and a client judged side by side: two labs at once, none after").isFalse();
        assertThat(Options.plan("--server=s", "--repeat=2").opensLabsInTurn()).as("the second run stands on the first's site").isTrue();
        assertThat(Options.plan("--server=s", "--client=c").opensLabsInTurn()).as("the interop pair after the judging").isTrue();
        assertThat(Options.plan("--server=a", "--server=b", "--server=c", "--parallel=2").opensLabsInTurn())
                .as("the third waits for a lab of the first two").isTrue();
    }
}
