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
}
