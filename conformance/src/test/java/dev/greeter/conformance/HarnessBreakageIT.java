package dev.greeter.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.greeter.conformance.run.Report;
import java.util.List;
import org.junit.jupiter.api.Test;

/** When the harness cannot judge, it says so with status 2, never with a verdict on the implementation. */
class HarnessBreakageIT {

    @Test
    void aMissingImageIsAHarnessProblemNamedInOneLine() {
        Harness run = Harness.run(Harness.reportRoot().resolve("missing-image"), List.of("--server", "no-such-image:never"));
        assertThat(run.status()).isEqualTo(Report.HARNESS_BROKE);
        assertThat(run.verdicts()).as("rules not judged").doesNotContainValue("FAIL").doesNotContainValue("PASS");
        assertThat(run.out()).contains("server image 'no-such-image:never' is not in the local Docker engine");
    }

    @Test
    void aMissingProbeImageIsAHarnessProblemToo() {
        Harness run = Harness.run(Harness.reportRoot().resolve("missing-probe"),
                List.of("--server", "greeter-fixture/plain:latest", "--only", "2.1", "--probe-image", "no-such-probe:never"));
        assertThat(run.status()).isEqualTo(Report.HARNESS_BROKE);
        assertThat(run.verdicts().get("2.1")).isEqualTo("ERROR");
    }
}
