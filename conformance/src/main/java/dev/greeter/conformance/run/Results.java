package dev.greeter.conformance.run;

import dev.greeter.conformance.spec.Rule;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/** Verdicts so far in a run, for rules whose meaning depends on an earlier one. Areas judged side by side share it. */
public final class Results {

    private final Map<Rule, RuleResult> verdicts = new EnumMap<>(Rule.class);

    synchronized void record(RuleResult result) {
        verdicts.put(result.rule(), result);
    }

    /**
     * Failed, and not as the user expected. An expected failure (XFAIL) excuses nothing: the rules that
     * depend on it are judged all the same, so listing 2.1 can never leave sections 3-6 unjudged.
     */
    public synchronized boolean failed(Rule rule) {
        RuleResult r = verdicts.get(rule);
        return r != null && r.verdict() == dev.greeter.conformance.spec.Verdict.FAIL;
    }

    /**
     * The failure that answers {@code rule}'s question already: the rule itself if it failed, or the failure
     * it was skipped for. So a chain of prerequisites (10.3 needs 10.2, which needs 10.1) carries a skip down
     * it, and every rule skipped names the rule that actually failed.
     */
    synchronized Optional<Rule> failureBehind(Rule rule) {
        if (failed(rule)) {
            return Optional.of(rule);
        }
        return get(rule).flatMap(RuleResult::skippedFor).filter(this::failed);
    }

    synchronized Optional<RuleResult> get(Rule rule) {
        return Optional.ofNullable(verdicts.get(rule));
    }
}
