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

    /** Failed, whether or not the user expected it: either way its dependants have nothing left to judge. */
    public boolean failed(Rule rule) {
        RuleResult r = verdicts.get(rule);
        return r != null && r.failed();
    }

    Optional<RuleResult> get(Rule rule) {
        return Optional.ofNullable(verdicts.get(rule));
    }
}
