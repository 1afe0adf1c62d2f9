package dev.greeter.conformance.api;

import dev.greeter.conformance.report.ConsoleReport;
import dev.greeter.conformance.run.Report;
import dev.greeter.conformance.run.RuleResult;
import dev.greeter.conformance.spec.Rule;
import dev.greeter.conformance.spec.Verdict;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.assertj.core.api.AbstractAssert;

/** AssertJ assertions on a {@link Report}; made by {@link GreeterAssertions#assertThat(Report)}. */
public final class ReportAssert extends AbstractAssert<ReportAssert, Report> {

    ReportAssert(Report actual) {
        super(actual, ReportAssert.class);
    }

    /** The implementation conforms: no fatal verdict (FAIL of a MUST rule, or of a SHOULD one when strict; XPASS) and no ERROR. */
    public ReportAssert conforms() {
        isNotNull();
        List<RuleResult> bad = actual.results().stream().filter(r -> actual.fatal(r) || r.verdict() == Verdict.ERROR).toList();
        if (!bad.isEmpty()) {
            failWithMessage("expected %s to conform to SPEC.md, but the verdict is %s:%n%s", actual.subject(), ConsoleReport.verdict(actual), describe(bad));
        }
        return this;
    }

    /**
     * Exactly these rules failed (FAIL or XFAIL) and every other judged rule passed, none with a harness ERROR: a
     * known-bad implementation breaks what it is meant to, and nothing else. Rules skipped are not counted.
     */
    public ReportAssert onlyFailed(String... ruleIds) {
        isNotNull();
        Set<String> wanted = new TreeSet<>(Arrays.asList(ruleIds));
        wanted.forEach(ReportAssert::ruleById);
        List<RuleResult> wrong = actual.results().stream()
                .filter(r -> r.verdict() == Verdict.ERROR || r.verdict() == Verdict.XPASS
                        || r.failed() != wanted.contains(r.rule().id()))
                .toList();
        if (!wrong.isEmpty()) {
            failWithMessage("expected exactly rules %s of %s to fail and every other judged rule to pass, but:%n%s", wanted,
                    actual.subject(), describe(wrong));
        }
        return this;
    }

    /** Assertions on one rule's verdict; the rule must be in the report. */
    public RuleAssert rule(String ruleId) {
        isNotNull();
        Rule rule = ruleById(ruleId);
        RuleResult result = actual.results().stream().filter(r -> r.rule() == rule).findFirst().orElse(null);
        if (result == null) {
            failWithMessage("rule %s is not in the report of %s", ruleId, actual.subject());
        }
        return new RuleAssert(actual, result);
    }

    private static Rule ruleById(String id) {
        return Rule.byId(id).orElseThrow(() -> new IllegalArgumentException("'" + id + "' is not a rule id (like 2.3)"));
    }

    /** Each rule in the console report's words: evidence for a failure or error, the reason for a skip, else its verdict. */
    private String describe(List<RuleResult> results) {
        StringBuilder sb = new StringBuilder();
        for (RuleResult r : results) {
            sb.append(r.verdict() == Verdict.PASS || r.verdict() == Verdict.SKIPPED
                    ? r.verdict() + " " + RuleTests.name(r.rule()) + (r.verdict() == Verdict.SKIPPED ? " -- " + r.observed() : "")
                            + System.lineSeparator()
                    : ConsoleReport.evidence(actual, r));
        }
        return sb.toString();
    }
}
