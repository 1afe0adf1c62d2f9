package dev.greeter.conformance.report;

import dev.greeter.conformance.run.SuiteRunner;
import dev.greeter.conformance.spec.Rule;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * JUnit XML (the Surefire flavour CI systems render): a testsuite per implementation, one testcase per
 * rule of its role, named after its check. Conformance only, as the exit status: interop is in the JSON,
 * HTML and Markdown reports.
 */
public final class JunitXmlReport {

    public static final String FILE = "TEST-conformance.xml";

    private JunitXmlReport() {
    }

    public static void write(Document doc, SuiteRunner suite, Path file) throws IOException {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"greeter-conformance\">\n");
            for (Document.Column c : doc.implementations()) {
                long fatal = c.rules().stream().filter(Document.Cell::fatal).count();
                long errors = c.rules().stream().filter(r -> r.verdict().equals("ERROR")).count();
                long skipped = c.rules().stream().filter(r -> r.verdict().equals("SKIPPED")
                        || !r.fatal() && (r.verdict().equals("FAIL") || r.verdict().equals("XFAIL"))).count();
                w.write(String.format(Locale.ROOT,
                        "<testsuite name=\"greeter-conformance.%s.%s\" tests=\"%d\" failures=\"%d\" errors=\"%d\" skipped=\"%d\" time=\"%.3f\">%n",
                        xml(c.role()), xml(c.name()), c.rules().size(), fatal, errors, skipped, c.elapsedMillis() / 1000.0));
                w.write("  <properties>\n");
                property(w, "implementation", c.role() + " " + c.image());
                property(w, "digest", c.digest());
                property(w, "specVersion", doc.specVersion());
                property(w, "harnessVersion", doc.harnessVersion());
                property(w, "date", doc.date());
                property(w, "options", String.valueOf(doc.options()));
                property(w, "declared", String.valueOf(c.declared()));
                for (String note : doc.notes()) {
                    property(w, "note", note);
                }
                w.write("  </properties>\n");
                for (Document.Cell r : c.rules()) {
                    String name = Rule.byId(r.id()).map(suite::checkName).orElse(r.id());
                    w.write(String.format(Locale.ROOT, "  <testcase classname=\"conformance.%s.%s\" name=\"%s\" time=\"%.3f\">",
                            xml(c.name()), xml(r.area()), xml(name), r.millis() / 1000.0));
                    switch (r.verdict()) {
                        case "PASS" -> { }
                        case "SKIPPED" -> w.write("<skipped message=\"" + xml(r.observed()) + "\"/>");
                        case "XFAIL" -> w.write("<skipped message=\"" + xml("XFAIL: " + r.note() + "; observed: " + r.observed()) + "\"/>");
                        case "ERROR" -> w.write("\n    <error message=\"" + xml(r.observed()) + "\"/>\n  ");
                        default -> {
                            if (r.fatal()) {
                                w.write("\n    <failure message=\"" + xml(r.verdict() + " " + r.id() + " " + r.level() + ": "
                                        + (r.note() == null ? r.observed() : r.note())) + "\">" + xml(details(r)) + "</failure>\n  ");
                            } else {
                                // Counted with the skipped: a SHOULD that failed does not fail the suite.
                                w.write("<skipped message=\"" + xml("not fatal: SHOULD rule failed: " + r.observed()) + "\"/>");
                            }
                        }
                    }
                    w.write("</testcase>\n");
                }
                w.write("</testsuite>\n");
            }
            w.write("</testsuites>\n");
        }
    }

    private static void property(Writer w, String name, String value) throws IOException {
        w.write("    <property name=\"" + xml(name) + "\" value=\"" + xml(String.valueOf(value)) + "\"/>\n");
    }

    private static String details(Document.Cell r) {
        return "requirement: " + Rule.byId(r.id()).map(Rule::requirement).orElse("") + "\nexpected: " + r.expected() + "\nobserved: "
                + r.observed() + "\nwire trace:\n  " + String.join("\n  ", r.trace());
    }

    static String xml(String s) {
        StringBuilder sb = new StringBuilder();
        for (char c : String.valueOf(s).toCharArray()) {
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
