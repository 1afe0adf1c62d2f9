package dev.greeter.conformance.report;

import dev.greeter.conformance.config.HarnessConfig;
import dev.greeter.conformance.run.InteropResult;
import dev.greeter.conformance.run.Observed;
import dev.greeter.conformance.run.Report;
import dev.greeter.conformance.run.RuleResult;
import dev.greeter.conformance.spec.SpecVersion;
import dev.greeter.conformance.spec.Verdict;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/**
 * What a person watching the run reads: the run's settings, a line per rule as it completes, then the table and the evidence.
 * Every string an implementation or a shard supplied goes through {@link Text#console}: nothing it says reaches the terminal as a control.
 */
public final class ConsoleReport {

    private final PrintWriter out;

    public ConsoleReport(PrintWriter out) {
        this.out = out;
    }

    public synchronized void header(HarnessConfig config, String subject) {
        out.println("Checking " + Text.console(subject) + " against SPEC.md " + SpecVersion.CURRENT + " (port " + config.port()
                + ", backlog " + config.backlog() + ", greeting \"" + Text.console(config.greeting()) + "\")");
        out.println("  implementations run " + config.isolation().describe());
        out.println("  time scale " + config.timeScale() + (config.strict() ? "; strict: failed SHOULD rules fail the run" : "")
                + (config.expectations().reasons().isEmpty() ? "" : "; expected to fail: "
                        + String.join(", ", config.expectations().reasons().keySet().stream().map(r -> r.id()).toList())));
        if (config.repeat() > 1) {
            out.println("  judged " + config.repeat() + " times, on fresh containers each time: a rule that failed in any run fails,"
                    + " and is FLAKY if it passed in another");
        }
        out.flush();
    }

    /** One line per rule as it completes; {@code name} (of the implementation) at its end when several are judged at once. */
    public synchronized void progress(RuleResult r, String name) {
        progress(r, name, 1, 1);
    }

    /** As {@link #progress(RuleResult, String)}, in run {@code run} of {@code runs} ({@code --repeat}): "[run 2/3]" when several. */
    public synchronized void progress(RuleResult r, String name, int run, int runs) {
        boolean explain = r.verdict() == Verdict.SKIPPED || r.verdict() == Verdict.ERROR;
        out.printf("%-7s %-4s %-6s %-11s %s%s%s%s%s%n", r.verdict(), r.rule().id(), r.rule().level(), r.rule().area().id(),
                r.rule().title(), explain ? " -- " + Text.console(Observed.first(r.observed())) : " (" + r.millis() + " ms)",
                r.note().isEmpty() ? "" : " -- " + Text.console(r.note()), runs > 1 ? " [run " + run + "/" + runs + "]" : "",
                name == null ? "" : " [" + Text.console(name) + "]");
        out.flush();
    }

    /** The verdict as the tables show it: FLAKY for a rule that failed in one run and passed in another. */
    static String shown(RuleResult r) {
        return r.flaky() ? FLAKY : r.verdict().name();
    }

    /** What every report calls a rule that failed in one run of a --repeat and passed in another. */
    public static final String FLAKY = "FLAKY";

    public synchronized void interop(InteropResult r) {
        out.printf("interop %-7s client %s against server %s -- %s%n", r.verdict(), Text.console(r.client()), Text.console(r.server()),
                Text.console(r.observed()));
        out.flush();
    }

    /** The rules x implementations table, the interop grid, and one closing line for the whole run. */
    public synchronized void matrix(Document doc) {
        out.println();
        out.println("Matrix (SPEC.md " + Text.console(doc.specVersion()) + "):");
        List<Document.Column> cols = doc.implementations();
        StringBuilder head = new StringBuilder(String.format("%-5s", "rule"));
        for (int i = 0; i < cols.size(); i++) {
            head.append(String.format(" %-8s", "#" + (i + 1)));
        }
        out.println(head);
        for (dev.greeter.conformance.spec.Rule rule : dev.greeter.conformance.spec.Rule.values()) {
            if (cols.stream().noneMatch(c -> c.cell(rule.id()).isPresent())) {
                continue;
            }
            StringBuilder row = new StringBuilder(String.format("%-5s", rule.id()));
            for (Document.Column c : cols) {
                row.append(String.format(" %-8s", c.cell(rule.id()).map(cell -> Text.console(cell.shown())).orElse(".")
                        + (c.marked().contains(rule.id()) ? "*" : "")));
            }
            out.println(row);
        }
        for (int i = 0; i < cols.size(); i++) {
            Document.Column c = cols.get(i);
            out.printf("#%-3d %s %s (%s): %s%n", i + 1, Text.console(c.role()), Text.console(c.name()), Text.console(c.source()),
                    HtmlReport.columnResult(c));
        }
        if (!doc.interop().isEmpty()) {
            long passed = doc.interop().stream().filter(x -> x.verdict().equals("PASS")).count();
            out.println("interop (does not change conformance): " + passed + " of " + doc.interop().size() + " client-server pairs work");
            doc.interop().stream().filter(x -> !x.verdict().equals("PASS"))
                    .forEach(x -> out.println("  " + Text.console(x.verdict()) + " client " + Text.console(x.client()) + " against server "
                            + Text.console(x.server()) + ": " + Text.console(x.observed())));
        }
        doc.notes().forEach(n -> out.println("note: " + Text.console(n)));
        out.println(HtmlReport.overall(doc) + " (exit status " + doc.exitStatus() + ")");
        out.flush();
    }

    public synchronized void summary(Report report) {
        out.println();
        int runs = report.runs();
        out.println("Conformance of " + Text.console(report.subject()) + " to SPEC.md " + SpecVersion.CURRENT
                + (runs > 1 ? ", judged " + runs + " times" : ""));
        if (runs > 1) {
            // A column of the runs each rule passed in, only when there were several: a single run's table stays as it was.
            out.printf("%-5s %-6s %-11s %-8s %-6s %s%n", "rule", "level", "area", "verdict", "passed", "requirement");
        } else {
            out.printf("%-5s %-6s %-11s %-8s %s%n", "rule", "level", "area", "verdict", "requirement");
        }
        for (RuleResult r : report.results()) {
            if (runs > 1) {
                out.printf("%-5s %-6s %-11s %-8s %-6s %s%n", r.rule().id(), r.rule().level(), r.rule().area().id(), shown(r),
                        r.repeated().filter(x -> x.passed() + x.failedIn().size() > 0).map(x -> x.passed() + "/" + x.runs()).orElse("-"),
                        r.rule().title());
            } else {
                out.printf("%-5s %-6s %-11s %-8s %s%n", r.rule().id(), r.rule().level(), r.rule().area().id(), r.verdict(),
                        r.rule().title());
            }
        }
        for (RuleResult r : report.results()) {
            if (r.verdict() == Verdict.FAIL || r.verdict() == Verdict.XFAIL || r.verdict() == Verdict.XPASS || r.verdict() == Verdict.ERROR) {
                printEvidence(report, r);
            }
        }
        out.println();
        out.println(Text.console(report.subject()) + ": " + verdict(report) + " in " + report.elapsed().toMillis() / 100 / 10.0 + " s"
                + (report.containersStarted() > 0 ? ", " + report.containersStarted() + " containers started" : ""));
        slowest(report).forEach(out::println);
        long xfail = report.count(Verdict.XFAIL);
        long xpass = report.count(Verdict.XPASS);
        if (xfail + xpass > 0) {
            out.printf(Locale.ROOT, "expected failures: %d failed as expected (XFAIL), %d passed though listed (XPASS)%n", xfail, xpass);
        }
        // The closing line CI tools read; FLAKY rules are among the failed, named apart only when there are some.
        out.printf(Locale.ROOT, "conformance: %d passed, %d failed, %d skipped%s%s%n", report.count(Verdict.PASS),
                report.count(Verdict.FAIL) + xfail + xpass, report.count(Verdict.SKIPPED),
                report.flaky() > 0 ? ", " + report.flaky() + " of them flaky" : "",
                report.count(Verdict.ERROR) > 0 ? ", " + report.count(Verdict.ERROR) + " errors" : "");
        out.flush();
    }

    /** How many of the slowest rules the summary names. */
    static final int SLOWEST = 5;

    /**
     * The run's slowest rules, and where their time went: starting containers (or waiting for a holder to start) and
     * the rest, the rule's own probing and the bounds it waits out. Nothing when the run measured no starts.
     */
    static List<String> slowest(Report report) {
        if (report.startMillis().isEmpty()) {
            return List.of();
        }
        List<String> lines = new java.util.ArrayList<>();
        lines.add("slowest rules (starting containers / probing and waiting):");
        report.results().stream().filter(r -> report.startMillis().containsKey(r.rule()))
                .sorted(java.util.Comparator.comparingLong(RuleResult::millis).reversed().thenComparing(r -> r.rule().ordinal()))
                .limit(SLOWEST)
                .forEach(r -> {
                    long starting = Math.min(report.startMillis().get(r.rule()), r.millis());
                    lines.add(String.format(Locale.ROOT, "  %-5s %-11s %6d ms = %6d + %6d", r.rule().id(), r.rule().area().id(),
                            r.millis(), starting, r.millis() - starting));
                });
        return lines;
    }

    private void printEvidence(Report report, RuleResult r) {
        out.println();
        out.print(evidence(report, r));
    }

    /**
     * A failed, erroneous or expected-to-fail rule as the summary shows it: its verdict, the requirement, what
     * was expected and observed, and the wire trace; lines end with a newline. JUnit and AssertJ messages reuse it.
     */
    public static String evidence(Report report, RuleResult r) {
        StringBuilder sb = new StringBuilder();
        String nl = System.lineSeparator();
        sb.append(r.verdict()).append(' ').append(r.rule().id()).append(' ').append(r.rule().level()).append(' ').append(r.rule().title())
                .append(report.fatal(r) || r.verdict() == Verdict.ERROR ? "" : " (not fatal)").append(r.flaky() ? " " + FLAKY : "").append(nl);
        sb.append("  requirement: ").append(r.rule().requirement()).append(nl);
        r.repeated().ifPresent(x -> sb.append("  runs:        ").append(x.describe()).append(nl));
        sb.append("  expected:    ").append(Text.console(r.expected())).append(nl);
        // The line that says what was seen, and the hints; the detail under it (a client's whole output) is the HTML's and JSON's.
        sb.append("  observed:    ").append(Text.console(Observed.first(r.observed())))
                .append(Observed.hasDetail(r.observed()) ? " (in full in the HTML and JSON reports)" : "").append(nl);
        Observed.hints(r.observed()).forEach(h -> sb.append("  hint:        ").append(Text.console(h)).append(nl));
        if (!r.note().isEmpty()) {
            sb.append("  note:        ").append(Text.console(r.note())).append(nl);
        }
        r.capture().ifPresent(c -> sb.append("  capture:     ").append(c.file().isEmpty() ? "none" : Text.console(c.file()) + " (" + c.packets()
                + " packets; in the report directory)").append(c.note().isEmpty() ? "" : "; " + Text.console(c.note())).append(nl));
        if (!r.trace().isEmpty()) {
            sb.append("  wire trace:").append(nl);
            r.trace().forEach(t -> sb.append("    ").append(Text.console(t)).append(nl));
        }
        return sb.toString();
    }

    /** The run's closing verdict in words (CONFORMS, DOES NOT CONFORM and why, NOT JUDGED). */
    public static String verdict(Report report) {
        return switch (report.exitStatus()) {
            case Report.CONFORMS -> report.count(Verdict.FAIL) + report.count(Verdict.XFAIL) > 0
                    ? "CONFORMS (with failures that are not fatal: SHOULD rules, or expected; see above)" : "CONFORMS";
            case Report.DOES_NOT_CONFORM -> report.count(Verdict.XPASS) > 0 && report.results().stream()
                    .noneMatch(r -> r.verdict() == Verdict.FAIL && report.fatal(r))
                    ? "DOES NOT CONFORM to its --expect-failures list (a listed rule passed: the list is stale)"
                    : "DOES NOT CONFORM (a " + (report.strict() ? "MUST or SHOULD" : "MUST") + " rule failed"
                    + (report.results().stream().filter(r -> r.verdict() == Verdict.FAIL && report.fatal(r)).allMatch(RuleResult::flaky)
                    ? ", in some runs only: FLAKY)" : ")");
            default -> "NOT JUDGED: the harness broke (see ERROR above)";
        };
    }
}
