package dev.greeter.conformance.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.greeter.conformance.run.Report;
import dev.greeter.conformance.run.RuleResult;
import dev.greeter.conformance.spec.Rule;
import dev.greeter.conformance.spec.Verdict;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The summary names the run's five slowest rules and splits each one's time into container starts and the rest. */
class SlowestRulesTest {

    private static RuleResult judged(Rule rule, Verdict verdict, long millis) {
        return new RuleResult(rule, verdict, "expected", "observed", List.of(), millis, java.util.Optional.empty(), "", null);
    }

    @Test
    void theFiveSlowestRulesInOrderEachSplitIntoStartsAndTheRest() {
        List<RuleResult> results = List.of(
                judged(Rule.R1_1, Verdict.PASS, 3_600),
                judged(Rule.R1_2, Verdict.PASS, 200),
                judged(Rule.R2_1, Verdict.PASS, 800),
                judged(Rule.R4_1, Verdict.FAIL, 3_500),
                judged(Rule.R6_1, Verdict.PASS, 6_800),
                judged(Rule.R6_2, Verdict.PASS, 900),
                judged(Rule.R7_1, Verdict.PASS, 9_000));
        // 7.1 has no measure (a rule judged elsewhere, say): it is left out, however long it took.
        Map<Rule, Long> starts = Map.of(Rule.R1_1, 1_900L, Rule.R1_2, 0L, Rule.R2_1, 700L, Rule.R4_1, 600L, Rule.R6_1, 650L, Rule.R6_2, 0L);
        List<String> lines = ConsoleReport.slowest(new Report("server x", results, Duration.ofSeconds(15), false, 9, starts));

        assertThat(lines).as("a heading and five rules").hasSize(1 + ConsoleReport.SLOWEST);
        assertThat(lines.subList(1, lines.size())).extracting(l -> l.trim().split("\\s+")[0]).as("slowest first")
                .containsExactly("6.1", "1.1", "4.1", "6.2", "2.1");
        assertThat(lines.get(2)).as("1.1: 3600 ms, 1900 of them starting containers").contains("3600 ms =   1900 +   1700");
    }

    @Test
    void aReportThatMeasuredNoStartsHasNoSuchSection() {
        Report merged = new Report("server x", List.of(judged(Rule.R1_1, Verdict.PASS, 10)), Duration.ZERO, false);
        assertThat(ConsoleReport.slowest(merged)).isEmpty();
    }
}
