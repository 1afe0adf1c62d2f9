package dev.greeter.conformance.api;

import dev.greeter.conformance.report.ConsoleReport;
import dev.greeter.conformance.run.Report;
import dev.greeter.conformance.run.RuleResult;
import dev.greeter.conformance.spec.Rule;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/** Verdicts as JUnit outcomes: what {@link GreeterConformance#dynamicTests()} returns, apart from the run itself. */
final class RuleTests {

    private RuleTests() {
    }

    /** A test per rule; {@code run} is called once, by the first test, and its report (or its exception) serves every test. */
    static Stream<DynamicTest> of(List<Rule> rules, Supplier<Report> run, String reproduce) {
        Once once = new Once(run);
        return rules.stream().map(rule -> DynamicTest.dynamicTest(name(rule), () -> judge(once.get(), rule, reproduce)));
    }

    static String name(Rule rule) {
        return rule.id() + " " + rule.level() + " " + rule.title();
    }

    /** Returns for PASS and XFAIL, aborts for SKIPPED and a failure that is not fatal, fails otherwise. */
    static void judge(Report report, Rule rule, String reproduce) {
        RuleResult r = report.results().stream().filter(x -> x.rule() == rule).findFirst()
                .orElseThrow(() -> new AssertionFailedError("rule " + rule.id() + " is not in the report of " + report.subject()));
        switch (r.verdict()) {
            case PASS, XFAIL -> { }
            case SKIPPED -> throw new TestAbortedException(r.observed());
            case FAIL, XPASS, ERROR -> {
                if (r.verdict() == dev.greeter.conformance.spec.Verdict.FAIL && !report.fatal(r)) {
                    throw new TestAbortedException("not fatal: a SHOULD rule failed (fatal with strict()): " + r.observed());
                }
                throw new AssertionFailedError(System.lineSeparator() + ConsoleReport.evidence(report, r) + "reproduce: " + reproduce,
                        r.expected(), r.observed());
            }
        }
    }

    /** The run, made at most once however many tests ask, and by whichever thread asks first. */
    private static final class Once {
        private final Supplier<Report> run;
        private Report report;
        private RuntimeException failure;

        Once(Supplier<Report> run) {
            this.run = run;
        }

        synchronized Report get() {
            if (report == null && failure == null) {
                try {
                    report = run.get();
                } catch (RuntimeException e) {
                    failure = e;
                }
            }
            if (failure != null) {
                throw failure;
            }
            return report;
        }
    }
}
