package dev.greeter.conformance.report;

import dev.greeter.conformance.spec.Rule;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * JUnit XML (the Surefire flavour CI systems render): a testsuite per implementation, one testcase per
 * rule of its role, named after its check. Conformance only, as the exit status: interop is in the JSON,
 * HTML and Markdown reports.
 */
public final class JunitXmlReport {

    public static final String FILE = "TEST-conformance.xml";

    private JunitXmlReport() {
    }

    public static void write(Document doc, Path file) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            XMLStreamWriter w = XMLOutputFactory.newFactory().createXMLStreamWriter(out, StandardCharsets.UTF_8.name());
            try {
                write(doc, w);
            } finally {
                w.close();
            }
        } catch (XMLStreamException e) {
            throw new IOException("writing " + file + ": " + e.getMessage(), e);
        }
    }

    private static void write(Document doc, XMLStreamWriter w) throws XMLStreamException {
        w.writeStartDocument(StandardCharsets.UTF_8.name(), "1.0");
        w.writeCharacters("\n");
        w.writeStartElement("testsuites");
        w.writeAttribute("name", "greeter-conformance");
        w.writeCharacters("\n");
        for (Document.Column c : doc.implementations()) {
            long fatal = c.rules().stream().filter(Document.Cell::fatal).count();
            long errors = c.rules().stream().filter(r -> r.verdict().equals("ERROR")).count();
            long skipped = c.rules().stream().filter(r -> r.verdict().equals("SKIPPED")
                    || !r.fatal() && (r.verdict().equals("FAIL") || r.verdict().equals("XFAIL"))).count();
            w.writeStartElement("testsuite");
            attribute(w, "name", "greeter-conformance." + c.role() + "." + c.name());
            attribute(w, "tests", String.valueOf(c.rules().size()));
            attribute(w, "failures", String.valueOf(fatal));
            attribute(w, "errors", String.valueOf(errors));
            attribute(w, "skipped", String.valueOf(skipped));
            attribute(w, "time", seconds(c.elapsedMillis()));
            w.writeCharacters("\n  ");
            w.writeStartElement("properties");
            property(w, "implementation", c.role() + " " + c.source());
            property(w, "digest", c.digest());
            property(w, "specVersion", doc.specVersion());
            property(w, "harnessVersion", doc.harnessVersion());
            property(w, "date", doc.date());
            property(w, "options", String.valueOf(doc.options()));
            property(w, "declared", String.valueOf(c.declared()));
            for (String note : doc.notes()) {
                property(w, "note", note);
            }
            w.writeCharacters("\n  ");
            w.writeEndElement();
            for (Document.Cell r : c.rules()) {
                String name = r.check() != null ? r.check() : Rule.byId(r.id()).map(rule -> rule.methodPrefix() + "unchecked").orElse(r.id());
                w.writeCharacters("\n  ");
                w.writeStartElement("testcase");
                attribute(w, "classname", "conformance." + c.name() + "." + r.area());
                attribute(w, "name", name);
                attribute(w, "time", seconds(r.millis()));
                switch (r.verdict()) {
                    case "PASS" -> { }
                    case "SKIPPED" -> skipped(w, r.observed());
                    case "XFAIL" -> skipped(w, "XFAIL: " + r.note() + runs(r) + "; observed: " + r.observed());
                    case "ERROR" -> {
                        w.writeEmptyElement("error");
                        attribute(w, "message", r.observed());
                    }
                    default -> {
                        if (r.fatal()) {
                            w.writeStartElement("failure");
                            // A FLAKY rule fails the suite as any FAIL does; its type tells a dashboard it also passed.
                            attribute(w, "type", r.shown());
                            attribute(w, "message", r.verdict() + " " + r.id() + " " + r.level() + runs(r) + ": "
                                    + (r.note() == null ? r.observed() : r.note()));
                            w.writeCharacters(Text.xml(details(r)));
                            w.writeEndElement();
                        } else {
                            // Counted with the skipped: a SHOULD that failed does not fail the suite.
                            skipped(w, "not fatal: SHOULD rule failed" + runs(r) + ": " + r.observed());
                        }
                    }
                }
                w.writeEndElement();
            }
            w.writeCharacters("\n");
            w.writeEndElement();
            w.writeCharacters("\n");
        }
        w.writeEndElement();
        w.writeCharacters("\n");
        w.writeEndDocument();
    }

    private static void skipped(XMLStreamWriter w, String message) throws XMLStreamException {
        w.writeEmptyElement("skipped");
        attribute(w, "message", message);
    }

    private static void property(XMLStreamWriter w, String name, String value) throws XMLStreamException {
        w.writeCharacters("\n    ");
        w.writeEmptyElement("property");
        attribute(w, "name", name);
        attribute(w, "value", String.valueOf(value));
    }

    /** The writer escapes markup, but XML 1.0 cannot carry most control characters at all, escaped or not. */
    private static void attribute(XMLStreamWriter w, String name, String value) throws XMLStreamException {
        w.writeAttribute(name, Text.xml(value));
    }

    private static String seconds(long millis) {
        return String.format(Locale.ROOT, "%.3f", millis / 1000.0);
    }

    private static String details(Document.Cell r) {
        return "requirement: " + Rule.byId(r.id()).map(Rule::requirement).orElse("")
                + r.repetitions().map(x -> "\nruns: " + x.describe()).orElse("") + "\nexpected: " + r.expected() + "\nobserved: "
                + r.observed() + "\nwire trace:\n  " + String.join("\n  ", r.trace());
    }

    /** " (FLAKY, passed 2 of 3 runs, failed in run 2; the evidence is run 2's)" for a repeated rule; nothing for a single run. */
    private static String runs(Document.Cell r) {
        return r.repetitions().map(x -> " (" + (Boolean.TRUE.equals(r.flaky()) ? "FLAKY, " : "") + x.describe() + ")").orElse("");
    }
}
