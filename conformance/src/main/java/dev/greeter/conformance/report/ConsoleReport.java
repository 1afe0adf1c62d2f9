package dev.greeter.conformance.report;

import dev.greeter.conformance.run.Report;
import dev.greeter.conformance.run.RuleResult;
import dev.greeter.conformance.spec.Verdict;
import java.io.PrintWriter;

/** What a person watching the run reads: a line per rule as it completes, then the table and the evidence. */
public final class ConsoleReport {

    private final PrintWriter out;

    public ConsoleReport(PrintWriter out) {
        this.out = out;
    }

    public void progress(RuleResult r) {
        out.printf("%-7s %-4s %-6s %-11s %s%s%n", r.verdict(), r.rule().id(), r.rule().level(), r.rule().area().id(),
                r.rule().title(), r.verdict() == Verdict.SKIPPED || r.verdict() == Verdict.ERROR ? " -- " + r.observed()
                        : " (" + r.millis() + " ms)");
        out.flush();
    }

    public void summary(Report report) {
        out.println();
        out.println("Conformance of " + report.subject() + " to SPEC.md");
        out.printf("%-5s %-6s %-11s %-8s %s%n", "rule", "level", "area", "verdict", "requirement");
        for (RuleResult r : report.results()) {
            out.printf("%-5s %-6s %-11s %-8s %s%n", r.rule().id(), r.rule().level(), r.rule().area().id(), r.verdict(),
                    r.rule().title());
        }
        for (RuleResult r : report.results()) {
            if (r.verdict() == Verdict.FAIL || r.verdict() == Verdict.ERROR) {
                out.println();
                out.println(r.verdict() + " " + r.rule().id() + " " + r.rule().level() + " " + r.rule().title());
                out.println("  requirement: " + r.rule().requirement());
                out.println("  expected:    " + r.expected());
                out.println("  observed:    " + r.observed());
                if (!r.trace().isEmpty()) {
                    out.println("  wire trace:");
                    r.trace().forEach(t -> out.println("    " + t));
                }
            }
        }
        out.println();
        String verdict = switch (report.exitStatus()) {
            case Report.CONFORMS -> report.count(Verdict.FAIL) > 0 ? "CONFORMS to every MUST rule (SHOULD rules failed: see above)"
                    : "CONFORMS";
            case Report.DOES_NOT_CONFORM -> "DOES NOT CONFORM (a MUST rule failed)";
            default -> "NOT JUDGED: the harness broke (see ERROR above)";
        };
        out.println(report.subject() + ": " + verdict + " in " + report.elapsed().toMillis() / 100 / 10.0 + " s");
        // The closing line CI tools read.
        out.printf("conformance: %d passed, %d failed, %d skipped%s%n", report.count(Verdict.PASS), report.count(Verdict.FAIL),
                report.count(Verdict.SKIPPED), report.count(Verdict.ERROR) > 0 ? ", " + report.count(Verdict.ERROR) + " errors" : "");
        out.flush();
    }
}
