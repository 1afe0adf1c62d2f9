package dev.greeter.conformance.run;

import dev.greeter.conformance.spec.Rule;
import dev.greeter.conformance.spec.Verdict;
import java.util.EnumMap;
import java.util.Map;

/** Verdicts so far in a run, for checks whose meaning depends on an earlier rule. */
public final class Results {

    private final Map<Rule, Verdict> verdicts = new EnumMap<>(Rule.class);

    void record(RuleResult result) {
        verdicts.put(result.rule(), result.verdict());
    }

    public boolean failed(Rule rule) {
        return verdicts.get(rule) == Verdict.FAIL;
    }
}
