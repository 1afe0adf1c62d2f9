package dev.greeter.conformance.run;

import dev.greeter.conformance.spec.Rule;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/** Verdicts so far in a run, for rules whose meaning depends on an earlier one. */
public final class Results {

    private final Map<Rule, RuleResult> verdicts = new EnumMap<>(Rule.class);

    void record(RuleResult result) {
        verdicts.put(result.rule(), result);
    }

    /**
     * Failed, and not as the user expected. An expected failure (XFAIL) excuses nothing: the rules that
     * depend on it are judged all the same, so listing 2.1 can never leave sections 3-6 unjudged.
     */
    public boolean failed(Rule rule) {
        RuleResult r = verdicts.get(rule);
        return r != null && r.verdict() == dev.greeter.conformance.spec.Verdict.FAIL;
    }

    Optional<RuleResult> get(Rule rule) {
        return Optional.ofNullable(verdicts.get(rule));
    }
}
