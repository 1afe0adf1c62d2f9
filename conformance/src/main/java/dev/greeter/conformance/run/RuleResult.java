package dev.greeter.conformance.run;

import dev.greeter.conformance.spec.Rule;
import dev.greeter.conformance.spec.Verdict;
import java.util.List;

/**
 * The verdict on one rule. {@code expected} and {@code observed} are empty for SKIPPED, where
 * {@code observed} holds the reason; for ERROR it holds what broke in the harness.
 */
public record RuleResult(Rule rule, Verdict verdict, String expected, String observed, List<String> trace, long millis) {

    public RuleResult {
        trace = List.copyOf(trace);
    }

    static RuleResult of(Rule rule, Verdict verdict, Finding f, long millis) {
        return new RuleResult(rule, verdict, f.expected(), f.observed(), f.trace(), millis);
    }

    static RuleResult skipped(Rule rule, String reason) {
        return new RuleResult(rule, Verdict.SKIPPED, rule.requirement(), "skipped: " + reason, List.of(), 0);
    }

    static RuleResult error(Rule rule, String problem, long millis) {
        return new RuleResult(rule, Verdict.ERROR, rule.requirement(), "harness error: " + problem, List.of(), millis);
    }
}
