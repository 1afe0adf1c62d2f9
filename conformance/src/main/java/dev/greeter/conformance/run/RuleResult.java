package dev.greeter.conformance.run;

import dev.greeter.conformance.config.Expectations;
import dev.greeter.conformance.config.CaptureFile;
import dev.greeter.conformance.spec.Rule;
import dev.greeter.conformance.spec.Verdict;
import java.util.List;
import java.util.Optional;

/**
 * The verdict on one rule. For SKIPPED, {@code observed} holds the reason and {@code skippedFor} the
 * failed rule that made this one meaningless, if that is the reason; for ERROR {@code observed} holds
 * what broke in the harness. {@code note} carries the user's reason for an expected failure. {@code check}
 * names the suite's check of the rule ({@code required_spec201_greetsUnprompted}), skipped or not; null
 * when no check of the suite has the rule. {@code repeated} holds every run's verdict when the rule was judged several
 * times ({@code --repeat}); the rest is then the evidence of one of those runs ({@link Repetitions#shown}). {@code capture}
 * is the rule's packet capture (--captures), when it kept one.
 */
public record RuleResult(Rule rule, Verdict verdict, String expected, String observed, List<String> trace, long millis,
                         Optional<Rule> skippedFor, String note, String check, Optional<Repetitions> repeated,
                         Optional<CaptureFile> capture) {

    public RuleResult {
        trace = List.copyOf(trace);
        note = note == null ? "" : note;
        java.util.Objects.requireNonNull(repeated);
        capture = capture == null ? Optional.empty() : capture;
    }

    /** The verdict of one run, without a capture. */
    public RuleResult(Rule rule, Verdict verdict, String expected, String observed, List<String> trace, long millis,
                      Optional<Rule> skippedFor, String note, String check) {
        this(rule, verdict, expected, observed, trace, millis, skippedFor, note, check, Optional.empty(), Optional.empty());
    }

    /** This result as the evidence of the several runs whose verdicts {@code runs} holds. */
    public RuleResult evidenceOf(Repetitions runs) {
        return new RuleResult(rule, verdict, expected, observed, trace, millis, skippedFor, note, check, Optional.of(runs), capture);
    }

    /**
     * Failed in one run of a {@code --repeat} and passed in another: the verdict stays FAIL (or XFAIL), and every report
     * marks it FLAKY. An ERROR is not FLAKY: the harness broke, nothing was judged.
     */
    public boolean flaky() {
        return failed() && repeated.map(Repetitions::mixed).orElse(false);
    }

    static RuleResult of(Rule rule, Verdict verdict, Finding f, long millis) {
        return new RuleResult(rule, verdict, f.expected(), f.observed(), f.trace(), millis, Optional.empty(), "", null);
    }

    /** Not judged by the user's choice (deselected, or no image of the rule's role). */
    static RuleResult skipped(Rule rule, String reason) {
        return new RuleResult(rule, Verdict.SKIPPED, rule.requirement(), "skipped: " + reason, List.of(), 0, Optional.empty(), "", null);
    }

    /** Not judged because {@code failed} failed, which answers this rule's question already. */
    static RuleResult skippedFor(Rule rule, Rule failed, String why) {
        return new RuleResult(rule, Verdict.SKIPPED, rule.requirement(), "skipped: rule " + failed.id() + " failed (" + why + ")",
                List.of(), 0, Optional.of(failed), "", null);
    }

    static RuleResult error(Rule rule, String problem, long millis) {
        // Engine and exception messages can carry an image's own text (its entrypoint, its output): escaped.
        return new RuleResult(rule, Verdict.ERROR, rule.requirement(), "harness error: "
                + dev.greeter.conformance.probe.Printable.escape(String.valueOf(problem), 2000), List.of(), millis, Optional.empty(), "", null);
    }

    /** This result as the check named {@code check} gave it. */
    RuleResult checkedBy(String check) {
        return new RuleResult(rule, verdict, expected, observed, trace, millis, skippedFor, note, check, repeated, capture);
    }

    /** This result as the user's list of expected failures (--expect-failures) makes it: XFAIL or XPASS when listed. */
    RuleResult against(Expectations expectations) {
        return expectations.reason(rule).map(reason -> switch (verdict) {
            case FAIL -> withVerdict(Verdict.XFAIL, "expected to fail: " + reason);
            case PASS -> withVerdict(Verdict.XPASS, "listed in --expect-failures (" + reason + ") but passed: take it off the list");
            default -> this;
        }).orElse(this);
    }

    RuleResult withVerdict(Verdict v, String why) {
        return new RuleResult(rule, v, expected, observed, trace, millis, skippedFor, why, check, repeated, capture);
    }

    /** This result with the capture made while it was judged. */
    RuleResult withCapture(CaptureFile file) {
        return new RuleResult(rule, verdict, expected, observed, trace, millis, skippedFor, note, check, repeated, Optional.of(file));
    }

    /** A FAIL for an interruption seen after the check (the server exited during the rule), keeping what the check saw. */
    RuleResult interruptedBy(String interruption, List<String> more) {
        boolean judged = verdict == Verdict.PASS || verdict == Verdict.FAIL;
        List<String> allTrace = new java.util.ArrayList<>(trace);
        allTrace.addAll(more);
        return new RuleResult(rule, Verdict.FAIL, judged ? expected : rule.requirement(),
                judged ? Observed.extend(observed, "; but during this rule " + interruption) : "but during this rule " + interruption, allTrace, millis, Optional.empty(), "", check,
                repeated, capture);
    }

    public boolean failed() {
        return verdict == Verdict.FAIL || verdict == Verdict.XFAIL;
    }
}
