package dev.greeter.conformance.run;

import dev.greeter.conformance.spec.Verdict;
import java.util.List;
import java.util.stream.IntStream;

/**
 * One rule's verdicts over the runs of a {@code --repeat}, in run order, and which run's evidence the rule's result shows.
 * The rule's verdict is the worst of them ({@link #verdictOf}): a rule that failed in any run failed, whatever the others
 * said. It is FLAKY when one run passed it and another failed it.
 *
 * @param verdicts each run's verdict on the rule, run 1 first
 * @param shown    the run (1-based) whose expected, observed and trace the rule's result holds: the first with its verdict
 */
public record Repetitions(List<Verdict> verdicts, int shown) {

    public Repetitions {
        verdicts = List.copyOf(verdicts);
        if (verdicts.isEmpty()) {
            throw new IllegalArgumentException("no runs");
        }
        if (shown < 1 || shown > verdicts.size()) {
            throw new IllegalArgumentException("run " + shown + " is not one of the " + verdicts.size() + " runs");
        }
    }

    /** These verdicts, the evidence of the first run that gave their verdict. */
    public static Repetitions of(List<Verdict> verdicts) {
        return new Repetitions(verdicts, verdicts.indexOf(verdictOf(verdicts)) + 1);
    }

    /**
     * The verdict of several runs on one rule. ERROR first: a run the harness broke on leaves the rule unjudged. Then any
     * FAIL, so one failure in ten fails the rule. An XFAIL beats an XPASS: the listed rule does fail, so the list is not
     * stale. PASS only when no run failed it; SKIPPED only when no run judged it.
     */
    public static Verdict verdictOf(List<Verdict> verdicts) {
        for (Verdict v : List.of(Verdict.ERROR, Verdict.FAIL, Verdict.XFAIL, Verdict.XPASS, Verdict.PASS)) {
            if (verdicts.contains(v)) {
                return v;
            }
        }
        return Verdict.SKIPPED;
    }

    public int runs() {
        return verdicts.size();
    }

    /** Runs in which the rule passed (PASS, or XPASS for a listed rule). */
    public int passed() {
        return (int) verdicts.stream().filter(v -> v == Verdict.PASS || v == Verdict.XPASS).count();
    }

    /** The runs (1-based) in which the rule failed (FAIL, or XFAIL for a listed rule). */
    public List<Integer> failedIn() {
        return IntStream.range(0, verdicts.size()).filter(i -> verdicts.get(i) == Verdict.FAIL || verdicts.get(i) == Verdict.XFAIL)
                .mapToObj(i -> i + 1).toList();
    }

    /** Passed in one run and failed in another. */
    public boolean mixed() {
        return passed() > 0 && !failedIn().isEmpty();
    }

    /** "passed 2 of 3 runs, failed in run 2; the evidence is run 2's" */
    public String describe() {
        List<Integer> failed = failedIn();
        StringBuilder sb = new StringBuilder("passed ").append(passed()).append(" of ").append(runs()).append(" runs");
        if (!failed.isEmpty()) {
            sb.append(", failed in run").append(failed.size() == 1 ? " " : "s ")
                    .append(String.join(", ", failed.stream().map(String::valueOf).toList()));
        }
        long other = runs() - passed() - failed.size();
        if (other > 0) {
            sb.append(", ").append(other).append(" not judged (").append(String.join(", ", verdicts.stream()
                    .filter(v -> v == Verdict.SKIPPED || v == Verdict.ERROR).map(Verdict::name).distinct().toList())).append(')');
        }
        return sb.append("; the evidence is run ").append(shown).append("'s").toString();
    }
}
