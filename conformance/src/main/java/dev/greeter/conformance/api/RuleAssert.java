package dev.greeter.conformance.api;

import dev.greeter.conformance.report.ConsoleReport;
import dev.greeter.conformance.run.Report;
import dev.greeter.conformance.run.RuleResult;
import dev.greeter.conformance.spec.Verdict;
import org.assertj.core.api.AbstractAssert;

/** AssertJ assertions on one rule's verdict; made by {@link ReportAssert#rule(String)}. */
public final class RuleAssert extends AbstractAssert<RuleAssert, RuleResult> {

    private final Report report;

    RuleAssert(Report report, RuleResult actual) {
        super(actual, RuleAssert.class);
        this.report = report;
    }

    /** The rule passed (PASS; an XPASS is a stale expected failure, not a pass). */
    public RuleAssert passed() {
        return hasVerdict(Verdict.PASS);
    }

    /** The implementation broke the rule: FAIL, or XFAIL when the failure was expected. */
    public RuleAssert failed() {
        isNotNull();
        if (!actual.failed()) {
            failWithMessage("expected rule %s to fail, but it was %s", actual.rule().id(), shown());
        }
        return this;
    }

    /** The rule was not judged (deselected, no image of its role, or a prerequisite failed). */
    public RuleAssert skipped() {
        return hasVerdict(Verdict.SKIPPED);
    }

    /** The rule has exactly this verdict. */
    public RuleAssert hasVerdict(Verdict verdict) {
        isNotNull();
        if (actual.verdict() != verdict) {
            failWithMessage("expected rule %s to be %s, but it was %s", actual.rule().id(), verdict, shown());
        }
        return this;
    }

    /** The verdict with its evidence as the console report shows it, or, for a pass or skip, in one line. */
    private String shown() {
        return switch (actual.verdict()) {
            case PASS -> "PASS: " + actual.observed();
            case SKIPPED -> "SKIPPED: " + actual.observed();
            default -> System.lineSeparator() + ConsoleReport.evidence(report, actual);
        };
    }
}
