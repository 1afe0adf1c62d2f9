package dev.greeter.conformance.run;

import dev.greeter.conformance.spec.Level;
import dev.greeter.conformance.spec.Rule;
import dev.greeter.conformance.spec.Verdict;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The outcome of a run: every rule's verdict, in rule order, and the exit status it implies. */
public record Report(String subject, List<RuleResult> results, Duration elapsed) {

    public static final int CONFORMS = 0;
    public static final int DOES_NOT_CONFORM = 1;
    public static final int HARNESS_BROKE = 2;

    public Report {
        results = List.copyOf(results);
    }

    public Optional<RuleResult> result(Rule rule) {
        return results.stream().filter(r -> r.rule() == rule).findFirst();
    }

    public long count(Verdict verdict) {
        return results.stream().filter(r -> r.verdict() == verdict).count();
    }

    public boolean mustFailed() {
        return results.stream().anyMatch(r -> r.verdict() == Verdict.FAIL && r.rule().level() == Level.MUST);
    }

    /** 2 if the harness broke anywhere (its verdicts can't be trusted), else 1 if a MUST failed, else 0. */
    public int exitStatus() {
        if (count(Verdict.ERROR) > 0) {
            return HARNESS_BROKE;
        }
        return mustFailed() ? DOES_NOT_CONFORM : CONFORMS;
    }
}
