package dev.greeter.conformance.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.greeter.conformance.spec.Rule;
import dev.greeter.conformance.spec.Verdict;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Several runs' reports as one (--repeat): each rule's verdict over the runs, its evidence, FLAKY, the exit status. */
class RepeatedRunsTest {

    /** One run's report: 2.1 with the given verdict (its observation naming the run), 2.2 PASS, 5.3 (a SHOULD rule) PASS. */
    private static Report run(int n, Verdict v21) {
        return run(n, v21, Verdict.PASS);
    }

    private static Report run(int n, Verdict v21, Verdict v53) {
        List<RuleResult> results = new ArrayList<>();
        results.add(result(Rule.R2_1, v21, "run " + n + " saw " + v21));
        results.add(result(Rule.R2_2, Verdict.PASS, "run " + n + " saw the greeting"));
        results.add(result(Rule.R5_3, v53, "run " + n + " saw " + v53));
        return new Report("server s", results, Duration.ofSeconds(n), false, 2, Map.of(Rule.R2_1, 100L * n));
    }

    private static RuleResult result(Rule rule, Verdict v, String observed) {
        return new RuleResult(rule, v, rule.requirement(), observed, List.of("+    0 ms  -> SYN (" + observed + ")"), 10, Optional.empty(),
                v == Verdict.XFAIL ? "expected to fail: known" : "", "check");
    }

    private static RuleResult rule(Report report, Rule rule) {
        return report.results().stream().filter(r -> r.rule() == rule).findFirst().orElseThrow();
    }

    @Test
    void passedInEveryRunIsPassNotFlakyWithTheCounts() {
        Report combined = RepeatedRuns.combine(List.of(run(1, Verdict.PASS), run(2, Verdict.PASS), run(3, Verdict.PASS)));
        RuleResult r = rule(combined, Rule.R2_1);
        assertThat(r.verdict()).isEqualTo(Verdict.PASS);
        assertThat(r.flaky()).as("never failed").isFalse();
        assertThat(r.repeated()).hasValueSatisfying(x -> {
            assertThat(x.verdicts()).containsExactly(Verdict.PASS, Verdict.PASS, Verdict.PASS);
            assertThat(x.passed()).isEqualTo(3);
            assertThat(x.failedIn()).isEmpty();
        });
        assertThat(combined.runs()).isEqualTo(3);
        assertThat(combined.exitStatus()).isEqualTo(Report.CONFORMS);
        assertThat(combined.elapsed()).as("the runs' sum").isEqualTo(Duration.ofSeconds(6));
        assertThat(combined.containersStarted()).as("the runs' sum").isEqualTo(6);
    }

    @Test
    void oneFailureAmongPassesFailsTheRuleAsFlakyWithTheFailingRunsEvidence() {
        Report combined = RepeatedRuns.combine(List.of(run(1, Verdict.PASS), run(2, Verdict.FAIL), run(3, Verdict.PASS)));
        RuleResult r = rule(combined, Rule.R2_1);
        assertThat(r.verdict()).as("failed in any run: failed").isEqualTo(Verdict.FAIL);
        assertThat(r.flaky()).as("passed in others").isTrue();
        assertThat(r.observed()).as("the evidence of the run that failed").isEqualTo("run 2 saw FAIL");
        assertThat(r.trace()).containsExactly("+    0 ms  -> SYN (run 2 saw FAIL)");
        assertThat(r.repeated().orElseThrow().shown()).isEqualTo(2);
        assertThat(r.repeated().orElseThrow().describe()).isEqualTo("passed 2 of 3 runs, failed in run 2; the evidence is run 2's");
        assertThat(combined.startMillis()).as("the time of the run shown").containsEntry(Rule.R2_1, 200L);
        assertThat(combined.fatal(r)).as("a FLAKY MUST rule is fatal as a FAIL is").isTrue();
        assertThat(combined.exitStatus()).isEqualTo(Report.DOES_NOT_CONFORM);
        assertThat(combined.flaky()).isEqualTo(1);
        assertThat(rule(combined, Rule.R2_2).flaky()).isFalse();
    }

    @Test
    void failedInEveryRunIsFailButNotFlaky() {
        Report combined = RepeatedRuns.combine(List.of(run(1, Verdict.FAIL), run(2, Verdict.FAIL)));
        RuleResult r = rule(combined, Rule.R2_1);
        assertThat(r.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(r.flaky()).as("the same verdict every run").isFalse();
        assertThat(r.observed()).as("the first failing run's evidence").isEqualTo("run 1 saw FAIL");
        assertThat(r.repeated().orElseThrow().describe()).isEqualTo("passed 0 of 2 runs, failed in runs 1, 2; the evidence is run 1's");
        assertThat(combined.exitStatus()).isEqualTo(Report.DOES_NOT_CONFORM);
    }

    @Test
    void aFlakyShouldRuleIsNotFatalWithoutStrict() {
        Report combined = RepeatedRuns.combine(List.of(run(1, Verdict.PASS, Verdict.FAIL), run(2, Verdict.PASS, Verdict.PASS)));
        RuleResult r = rule(combined, Rule.R5_3);
        assertThat(r.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(r.flaky()).isTrue();
        assertThat(combined.fatal(r)).as("a SHOULD rule's failure").isFalse();
        assertThat(combined.exitStatus()).isEqualTo(Report.CONFORMS);
    }

    @Test
    void aListedRuleThatFailsOnlySometimesIsXfailAndFlakyNotAStaleList() {
        Report combined = RepeatedRuns.combine(List.of(run(1, Verdict.XPASS), run(2, Verdict.XFAIL)));
        RuleResult r = rule(combined, Rule.R2_1);
        assertThat(r.verdict()).as("it does fail, as listed").isEqualTo(Verdict.XFAIL);
        assertThat(r.flaky()).isTrue();
        assertThat(r.note()).isEqualTo("expected to fail: known");
        assertThat(combined.exitStatus()).as("an expected failure is not fatal").isEqualTo(Report.CONFORMS);
    }

    @Test
    void anErrorInAnyRunLeavesTheRuleUnjudgedAndIsNeverFlaky() {
        Report combined = RepeatedRuns.combine(List.of(run(1, Verdict.PASS), run(2, Verdict.FAIL), run(3, Verdict.ERROR)));
        RuleResult r = rule(combined, Rule.R2_1);
        assertThat(r.verdict()).isEqualTo(Verdict.ERROR);
        assertThat(r.flaky()).as("the harness broke: no verdict to be flaky").isFalse();
        assertThat(r.observed()).isEqualTo("run 3 saw ERROR");
        assertThat(combined.exitStatus()).isEqualTo(Report.HARNESS_BROKE);
    }

    @Test
    void skippedInSomeRunsAndPassedInOthersIsPassWithTheSkipsCounted() {
        Report combined = RepeatedRuns.combine(List.of(run(1, Verdict.SKIPPED), run(2, Verdict.PASS)));
        RuleResult r = rule(combined, Rule.R2_1);
        assertThat(r.verdict()).isEqualTo(Verdict.PASS);
        assertThat(r.flaky()).isFalse();
        assertThat(r.repeated().orElseThrow().describe()).isEqualTo("passed 1 of 2 runs, 1 not judged (SKIPPED); the evidence is run 2's");
        assertThat(Repetitions.verdictOf(List.of(Verdict.SKIPPED, Verdict.SKIPPED))).isEqualTo(Verdict.SKIPPED);
    }

    @Test
    void runsThatJudgedDifferentRulesAreNotCombined() {
        Report fewer = new Report("server s", List.of(result(Rule.R2_1, Verdict.PASS, "x")), Duration.ZERO, false);
        assertThatThrownBy(() -> RepeatedRuns.combine(List.of(run(1, Verdict.PASS), fewer)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("run 2 of server s has no verdict on rule 2.2");
        assertThatThrownBy(() -> new Repetitions(List.of(Verdict.PASS), 2)).isInstanceOf(IllegalArgumentException.class);
    }
}
