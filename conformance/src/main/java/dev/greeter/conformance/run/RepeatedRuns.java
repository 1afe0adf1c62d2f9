package dev.greeter.conformance.run;

import dev.greeter.conformance.spec.Rule;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The reports of one implementation judged several times ({@code --repeat}) as one report: each rule's verdict over the
 * runs ({@link Repetitions#verdictOf}) with the evidence of the first run that gave it, and every run's verdict beside it.
 * So a rule that failed once in ten runs fails the report, with what that run observed, and shows as FLAKY.
 */
public final class RepeatedRuns {

    private RepeatedRuns() {
    }

    /**
     * @param runs the reports of the same implementation and configuration, run 1 first: the same rules in each
     * @return one report; its elapsed time and containers are the runs' sums, each rule's time (and its part spent
     *         starting containers) that of the run whose evidence it shows
     */
    public static Report combine(List<Report> runs) {
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("no runs to combine");
        }
        Report first = runs.get(0);
        List<RuleResult> results = new ArrayList<>();
        Map<Rule, Long> startMillis = new HashMap<>();
        for (RuleResult r : first.results()) {
            List<RuleResult> each = new ArrayList<>();
            for (int i = 0; i < runs.size(); i++) {
                int n = i + 1;
                each.add(runs.get(i).results().stream().filter(x -> x.rule() == r.rule()).findFirst().orElseThrow(() ->
                        new IllegalStateException("run " + n + " of " + first.subject() + " has no verdict on rule " + r.rule().id())));
            }
            Repetitions repetitions = Repetitions.of(each.stream().map(RuleResult::verdict).toList());
            results.add(each.get(repetitions.shown() - 1).evidenceOf(repetitions));
            Long starting = runs.get(repetitions.shown() - 1).startMillis().get(r.rule());
            if (starting != null) {
                startMillis.put(r.rule(), starting);
            }
        }
        for (Report run : runs) {
            if (run.results().size() != first.results().size() || run.strict() != first.strict()) {
                throw new IllegalStateException("the runs of " + first.subject() + " judged different rules");
            }
        }
        Duration elapsed = runs.stream().map(Report::elapsed).reduce(Duration.ZERO, Duration::plus);
        int containers = runs.stream().mapToInt(Report::containersStarted).sum();
        return new Report(first.subject(), results, elapsed, first.strict(), containers, startMillis);
    }
}
