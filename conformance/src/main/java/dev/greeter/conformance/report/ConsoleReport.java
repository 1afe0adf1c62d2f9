package dev.greeter.conformance.report;

import dev.greeter.conformance.run.HarnessConfig;
import dev.greeter.conformance.run.Report;
import dev.greeter.conformance.run.RuleResult;
import dev.greeter.conformance.spec.SpecVersion;
import dev.greeter.conformance.spec.Verdict;
import java.io.PrintWriter;
import java.util.Locale;

/** What a person watching the run reads: the run's settings, a line per rule as it completes, then the table and the evidence. */
public final class ConsoleReport {

    private final PrintWriter out;

    public ConsoleReport(PrintWriter out) {
        this.out = out;
    }

    public void header(HarnessConfig config) {
        out.println("Checking " + config.subject() + " against SPEC.md " + SpecVersion.CURRENT + " (port " + config.port()
                + ", backlog " + config.backlog() + ", greeting \"" + config.greeting() + "\")");
        out.println("  implementations run " + config.isolation().describe());
        out.println("  time scale " + config.timeScale() + (config.strict() ? "; strict: failed SHOULD rules fail the run" : "")
                + (config.expectations().reasons().isEmpty() ? "" : "; expected to fail: "
                        + String.join(", ", config.expectations().reasons().keySet().stream().map(r -> r.id()).toList())));
        out.flush();
    }

    public void progress(RuleResult r) {
        boolean explain = r.verdict() == Verdict.SKIPPED || r.verdict() == Verdict.ERROR;
        out.printf("%-7s %-4s %-6s %-11s %s%s%s%n", r.verdict(), r.rule().id(), r.rule().level(), r.rule().area().id(),
                r.rule().title(), explain ? " -- " + r.observed() : " (" + r.millis() + " ms)",
                r.note().isEmpty() ? "" : " -- " + r.note());
        out.flush();
    }

    public void summary(Report report) {
        out.println();
        out.println("Conformance of " + report.subject() + " to SPEC.md " + SpecVersion.CURRENT);
        out.printf("%-5s %-6s %-11s %-8s %s%n", "rule", "level", "area", "verdict", "requirement");
        for (RuleResult r : report.results()) {
            out.printf("%-5s %-6s %-11s %-8s %s%n", r.rule().id(), r.rule().level(), r.rule().area().id(), r.verdict(),
                    r.rule().title());
        }
        for (RuleResult r : report.results()) {
            if (r.verdict() == Verdict.FAIL || r.verdict() == Verdict.XFAIL || r.verdict() == Verdict.XPASS || r.verdict() == Verdict.ERROR) {
                evidence(report, r);
            }
        }
        out.println();
        out.println(report.subject() + ": " + verdict(report) + " in " + report.elapsed().toMillis() / 100 / 10.0 + " s");
        long xfail = report.count(Verdict.XFAIL);
        long xpass = report.count(Verdict.XPASS);
        if (xfail + xpass > 0) {
            out.printf(Locale.ROOT, "expected failures: %d failed as expected (XFAIL), %d passed though listed (XPASS)%n", xfail, xpass);
        }
        // The closing line CI tools read.
        out.printf(Locale.ROOT, "conformance: %d passed, %d failed, %d skipped%s%n", report.count(Verdict.PASS),
                report.count(Verdict.FAIL) + xfail + xpass, report.count(Verdict.SKIPPED),
                report.count(Verdict.ERROR) > 0 ? ", " + report.count(Verdict.ERROR) + " errors" : "");
        out.flush();
    }

    private void evidence(Report report, RuleResult r) {
        out.println();
        out.println(r.verdict() + " " + r.rule().id() + " " + r.rule().level() + " " + r.rule().title()
                + (report.fatal(r) || r.verdict() == Verdict.ERROR ? "" : " (not fatal)"));
        out.println("  requirement: " + r.rule().requirement());
        out.println("  expected:    " + r.expected());
        out.println("  observed:    " + r.observed());
        if (!r.note().isEmpty()) {
            out.println("  note:        " + r.note());
        }
        if (!r.trace().isEmpty()) {
            out.println("  wire trace:");
            r.trace().forEach(t -> out.println("    " + t));
        }
    }

    static String verdict(Report report) {
        return switch (report.exitStatus()) {
            case Report.CONFORMS -> report.count(Verdict.FAIL) + report.count(Verdict.XFAIL) > 0
                    ? "CONFORMS (with failures that are not fatal: SHOULD rules, or expected; see above)" : "CONFORMS";
            case Report.DOES_NOT_CONFORM -> report.count(Verdict.XPASS) > 0 && report.results().stream()
                    .noneMatch(r -> r.verdict() == Verdict.FAIL && report.fatal(r))
                    ? "DOES NOT CONFORM to its --expect-failures list (a listed rule passed: the list is stale)"
                    : "DOES NOT CONFORM (a " + (report.strict() ? "MUST or SHOULD" : "MUST") + " rule failed)";
            default -> "NOT JUDGED: the harness broke (see ERROR above)";
        };
    }
}
