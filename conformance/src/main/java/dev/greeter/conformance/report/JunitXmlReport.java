package dev.greeter.conformance.report;

import dev.greeter.conformance.run.HarnessConfig;
import dev.greeter.conformance.run.Report;
import dev.greeter.conformance.run.RuleResult;
import dev.greeter.conformance.run.SuiteRunner;
import dev.greeter.conformance.spec.SpecVersion;
import dev.greeter.conformance.spec.Verdict;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** JUnit XML (the Surefire flavour CI systems render), one testcase per rule, named after its check. */
public final class JunitXmlReport {

    private JunitXmlReport() {
    }

    public static void write(Report report, HarnessConfig config, SuiteRunner suite, Path file) throws IOException {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
            w.write(String.format(Locale.ROOT,
                    "<testsuite name=\"greeter-conformance\" tests=\"%d\" failures=\"%d\" errors=\"%d\" skipped=\"%d\" time=\"%.3f\">%n",
                    report.results().size(), report.results().stream().filter(report::fatal).count(), report.count(Verdict.ERROR),
                    report.results().stream().filter(r -> r.verdict() == Verdict.SKIPPED || !report.fatal(r) && r.failed()).count(),
                    report.elapsed().toMillis() / 1000.0));
            w.write("  <properties>\n");
            property(w, "implementation", report.subject());
            property(w, "specVersion", SpecVersion.CURRENT);
            property(w, "isolation", config.isolation().describe());
            property(w, "timeScale", String.valueOf(config.timeScale()));
            property(w, "strict", String.valueOf(config.strict()));
            property(w, "expectedFailures", String.join(",", config.expectations().reasons().keySet().stream().map(r -> r.id()).toList()));
            w.write("  </properties>\n");
            for (RuleResult r : report.results()) {
                w.write(String.format(Locale.ROOT, "  <testcase classname=\"conformance.%s\" name=\"%s\" time=\"%.3f\">",
                        r.rule().area().id(), suite.checkName(r.rule()), r.millis() / 1000.0));
                switch (r.verdict()) {
                    case PASS -> { }
                    case SKIPPED -> w.write("<skipped message=\"" + xml(r.observed()) + "\"/>");
                    case XFAIL -> w.write("<skipped message=\"" + xml("XFAIL: " + r.note() + "; observed: " + r.observed()) + "\"/>");
                    case FAIL, XPASS -> {
                        if (report.fatal(r)) {
                            w.write("\n    <failure message=\"" + xml(r.verdict() + " " + r.rule().id() + " " + r.rule().level() + ": "
                                    + (r.note().isEmpty() ? r.observed() : r.note())) + "\">" + xml(details(r)) + "</failure>\n  ");
                        } else {
                            // Counted with the skipped: a SHOULD that failed does not fail the suite.
                            w.write("<skipped message=\"" + xml("not fatal: SHOULD rule failed: " + r.observed()) + "\"/>");
                        }
                    }
                    case ERROR -> w.write("\n    <error message=\"" + xml(r.observed()) + "\"/>\n  ");
                }
                w.write("</testcase>\n");
            }
            w.write("</testsuite>\n");
        }
    }

    private static void property(Writer w, String name, String value) throws IOException {
        w.write("    <property name=\"" + xml(name) + "\" value=\"" + xml(value) + "\"/>\n");
    }

    private static String details(RuleResult r) {
        return "requirement: " + r.rule().requirement() + "\nexpected: " + r.expected() + "\nobserved: " + r.observed()
                + "\nwire trace:\n  " + String.join("\n  ", r.trace());
    }

    private static String xml(String s) {
        StringBuilder sb = new StringBuilder();
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                default -> sb.append(c < 0x20 && c != '\n' && c != '\t' ? ' ' : c);
            }
        }
        return sb.toString();
    }
}
