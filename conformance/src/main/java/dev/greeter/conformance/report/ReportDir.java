package dev.greeter.conformance.report;

import dev.greeter.conformance.run.SuiteRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** A report directory: conformance.json, TEST-conformance.xml (JUnit), index.html and summary.md, all from one {@link Document}. */
public final class ReportDir {

    private ReportDir() {
    }

    /** Writes every format; returns the files written. */
    public static List<Path> write(Document doc, SuiteRunner suite, Path dir) throws IOException {
        Files.createDirectories(dir);
        Path json = dir.resolve(JsonReport.FILE);
        Path junit = dir.resolve(JunitXmlReport.FILE);
        Path html = dir.resolve(HtmlReport.FILE);
        Path md = dir.resolve(MarkdownReport.FILE);
        JsonReport.write(doc, json);
        JunitXmlReport.write(doc, suite, junit);
        HtmlReport.write(doc, html);
        MarkdownReport.write(doc, md);
        return List.of(json, junit, html, md);
    }
}
