package dev.greeter.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.greeter.conformance.run.Report;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * When the harness cannot judge, it says so with status 2, never with a verdict on the implementation. The
 * missing images are named on a registry at a loopback port nothing listens on, so the pull fails at once and
 * touches no other address.
 */
class HarnessBreakageIT {

    private static final String NOWHERE = "127.0.0.1:9/";

    @Test
    void anImageThatCannotBePulledIsAHarnessProblemNamedInOneLine() {
        Harness run = Harness.run(Harness.reportRoot().resolve("missing-image"), List.of("--server", NOWHERE + "no-such-image:never"));
        assertThat(run.status()).isEqualTo(Report.HARNESS_BROKE);
        assertThat(run.verdicts()).as("rules not judged").doesNotContainValue("FAIL").doesNotContainValue("PASS");
        assertThat(run.out()).contains("pulling server image " + NOWHERE + "no-such-image:never (not in the local Docker engine)");
        assertThat(run.err().strip()).as("one line naming the image").startsWith("conformance: could not pull server image '"
                + NOWHERE + "no-such-image:never': ").doesNotContain("\n");
    }

    @Test
    void aProbeImageThatCannotBePulledIsAHarnessProblemToo() {
        Harness run = Harness.run(Harness.reportRoot().resolve("missing-probe"),
                List.of("--server", "greeter-fixture/plain:latest", "--only", "2.1", "--probe-image", NOWHERE + "no-such-probe:never"));
        assertThat(run.status()).isEqualTo(Report.HARNESS_BROKE);
        assertThat(run.verdicts()).as("rules not judged").doesNotContainValue("FAIL").doesNotContainValue("PASS");
        assertThat(run.err()).contains("could not pull probe image '" + NOWHERE + "no-such-probe:never'");
    }
}
