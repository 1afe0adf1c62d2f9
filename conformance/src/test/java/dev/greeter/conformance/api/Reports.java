package dev.greeter.conformance.api;

import dev.greeter.conformance.run.Report;
import dev.greeter.conformance.run.RuleResult;
import dev.greeter.conformance.spec.Rule;
import dev.greeter.conformance.spec.Verdict;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reports made by hand, as a run would give them, for tests that need no engine. */
final class Reports {

    static final List<String> TRACE = List.of("+    0 ms  -> SYN to server-under-test-1:40674", "+    1 ms  <- 25 bytes \"Thank you for connecting\\n\"",
            "+    2 ms  <- FIN");

    private Reports() {
    }

    static RuleResult result(Rule rule, Verdict verdict) {
        return switch (verdict) {
            case PASS -> new RuleResult(rule, verdict, rule.requirement(), "as required", List.of(), 3, Optional.empty(), "", null);
            case SKIPPED -> new RuleResult(rule, verdict, rule.requirement(), "skipped: not selected by --only", List.of(), 0, Optional.empty(), "", null);
            case ERROR -> new RuleResult(rule, verdict, rule.requirement(), "harness error: probe did not answer", List.of(), 3, Optional.empty(), "", null);
            case FAIL -> new RuleResult(rule, verdict, "exactly 24 bytes", "received 25 bytes", TRACE, 3, Optional.empty(), "", null);
            case XFAIL -> new RuleResult(rule, verdict, "exactly 24 bytes", "received 25 bytes", TRACE, 3, Optional.empty(), "expected to fail: known", null);
            case XPASS -> new RuleResult(rule, verdict, rule.requirement(), "as required", List.of(), 3, Optional.empty(),
                    "listed in --expect-failures (known) but passed: take it off the list", null);
        };
    }

    /** Every rule PASS except those given, which get the verdicts that follow them: (R2_2, FAIL, R2_3, SKIPPED, ...). */
    static Report report(boolean strict, Object... exceptions) {
        List<RuleResult> results = new ArrayList<>();
        for (Rule rule : Rule.values()) {
            Verdict v = Verdict.PASS;
            for (int i = 0; i < exceptions.length; i += 2) {
                if (exceptions[i] == rule) {
                    v = (Verdict) exceptions[i + 1];
                }
            }
            results.add(result(rule, v));
        }
        return new Report("server acme/greeter:1", results, Duration.ofSeconds(40), strict);
    }
}
