package dev.greeter.conformance.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.greeter.conformance.run.Observed;
import dev.greeter.conformance.run.Report;
import dev.greeter.conformance.run.RuleResult;
import dev.greeter.conformance.spec.Rule;
import dev.greeter.conformance.spec.Verdict;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The console's evidence shows what was seen and the hints; a long detail (a client's whole output) is the HTML's and JSON's. */
class ConsoleEvidenceTest {

    @Test
    void theConsoleShowsTheFirstLineAndTheHintsButNotTheDetail() {
        String first = "exited with status 2 after 90 ms; stderr's last line (2 of 2): \"Usage: greeter client\"; connections seen: 0";
        String observed = Observed.withHints(first + "\nstderr (60 bytes): \"" + "x".repeat(3000) + "\"",
                Optional.of("the client exited at once with status 2 and printed a usage message: check --client-args"));
        RuleResult r = new RuleResult(Rule.byId("7.1").orElseThrow(), Verdict.FAIL, "the greeting printed", observed, List.of("t"), 1,
                Optional.empty(), "", null);
        String ev = ConsoleReport.evidence(new Report("client", List.of(r), Duration.ZERO, false), r);
        List<String> lines = ev.lines().toList();
        assertThat(lines).as("observed, then its hint, each a line of its own")
                .contains("  observed:    " + first + " (in full in the HTML and JSON reports)",
                        "  hint:        the client exited at once with status 2 and printed a usage message: check --client-args");
        assertThat(ev).as("the detail left to the reports").doesNotContain("xxxx").doesNotContain("\\x0a");
        assertThat(lines.indexOf("  hint:        the client exited at once with status 2 and printed a usage message: check --client-args"))
                .as("the hint right after the observation").isEqualTo(lines.indexOf("  observed:    " + first
                        + " (in full in the HTML and JSON reports)") + 1);
    }
}
