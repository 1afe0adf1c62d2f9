package dev.greeter.conformance.run;

import dev.greeter.conformance.spec.Level;
import dev.greeter.conformance.spec.Rule;
import dev.greeter.conformance.spec.Verdict;
import java.time.Duration;
import java.util.List;

/**
 * The outcome of a run: every rule's verdict, in rule order, and the exit status it implies. An
 * implementation CONFORMS only when every selected MUST rule of a role that was given PASSed (or
 * failed as the user expected): a rule is SKIPPED only when deselected, when no image of its role
 * was given, or when a prerequisite failed, and that failure already decides the run.
 */
public record Report(String subject, List<RuleResult> results, Duration elapsed, boolean strict, int containersStarted,
                     java.util.Map<Rule, Long> startMillis) {

    public static final int CONFORMS = 0;
    public static final int DOES_NOT_CONFORM = 1;
    public static final int HARNESS_BROKE = 2;

    /**
     * @param containersStarted the containers the run's labs started
     * @param startMillis       per judged rule, the part of its time spent starting containers (or waiting for a holder)
     */
    public Report {
        results = List.copyOf(results);
        startMillis = java.util.Map.copyOf(startMillis);
    }

    /** A report whose containers were not counted (a merge, a test). */
    public Report(String subject, List<RuleResult> results, Duration elapsed, boolean strict) {
        this(subject, results, elapsed, strict, 0, java.util.Map.of());
    }

    public long count(Verdict verdict) {
        return results.stream().filter(r -> r.verdict() == verdict).count();
    }

    /** A rule whose verdict makes the implementation non-conformant (SHOULD rules only with --strict). */
    public boolean fatal(RuleResult r) {
        return switch (r.verdict()) {
            case FAIL -> r.rule().level() == Level.MUST || strict;
            case XPASS -> true;
            case PASS, XFAIL, SKIPPED, ERROR -> false;
        };
    }

    /** How many times the rules were judged ({@code --repeat}): 1 for a single run. */
    public int runs() {
        return results.stream().mapToInt(r -> r.repeated().map(Repetitions::runs).orElse(1)).max().orElse(1);
    }

    /** The rules that failed in one run and passed in another (verdict FAIL or XFAIL all the same). */
    public long flaky() {
        return results.stream().filter(RuleResult::flaky).count();
    }

    public boolean conforms() {
        return results.stream().noneMatch(this::fatal);
    }

    /** 2 if the harness broke anywhere (its verdicts can't be trusted), else 1 if a fatal verdict, else 0. */
    public int exitStatus() {
        if (count(Verdict.ERROR) > 0) {
            return HARNESS_BROKE;
        }
        return conforms() ? CONFORMS : DOES_NOT_CONFORM;
    }
}
