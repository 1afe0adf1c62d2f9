package dev.greeter.conformance.report;

import dev.greeter.conformance.spec.Rule;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** {@code summary.md}: the matrix as a Markdown table, for a CI job summary ($GITHUB_STEP_SUMMARY). */
final class MarkdownReport {

    static final String FILE = "summary.md";

    private MarkdownReport() {
    }

    static void write(Document doc, Path file) throws IOException {
        Files.writeString(file, render(doc), StandardCharsets.UTF_8);
    }

    static String render(Document doc) {
        StringBuilder md = new StringBuilder();
        md.append("## greeter conformance: ").append(HtmlReport.overall(doc)).append("\n\n");
        md.append("SPEC.md ").append(Text.markdown(doc.specVersion())).append(", harness ").append(Text.markdown(doc.harnessVersion())).append(", ")
                .append(Text.markdown(doc.date())).append(", time scale ").append(Text.markdown(String.valueOf(doc.options().get("timeScale")))).append("\n\n");
        for (String note : doc.notes()) {
            md.append("> **Note:** ").append(Text.markdown(note)).append("\n\n");
        }
        List<Document.Column> cols = doc.implementations();
        md.append("| rule |");
        cols.forEach(c -> md.append(' ').append(Text.markdown(c.name())).append(" (").append(Text.markdown(c.role())).append(") |"));
        md.append("\n|---|");
        cols.forEach(c -> md.append("---|"));
        md.append('\n');
        for (Rule rule : Rule.values()) {
            if (cols.stream().noneMatch(c -> c.cell(rule.id()).isPresent())) {
                continue;
            }
            md.append("| ").append(rule.id()).append(' ').append(Text.markdown(rule.title())).append(" |");
            for (Document.Column c : cols) {
                String v = c.cell(rule.id()).map(Document.Cell::verdict).orElse("n/a");
                md.append(' ').append(v.equals("n/a") ? "" : HtmlReport.symbol(v) + " " + Text.markdown(v))
                        .append(c.marked().contains(rule.id()) ? " (expected)" : "").append(" |");
            }
            md.append('\n');
        }
        md.append("| **result** |");
        cols.forEach(c -> md.append(" **").append(HtmlReport.columnResult(c)).append("** |"));
        md.append("\n\n");
        if (!doc.interop().isEmpty()) {
            md.append("### Interop (client × server; does not change conformance)\n\n| client \\ server |");
            List<String> servers = doc.interop().stream().map(Document.Interop::server).distinct().toList();
            List<String> clients = doc.interop().stream().map(Document.Interop::client).distinct().toList();
            servers.forEach(s -> md.append(' ').append(Text.markdown(s)).append(" |"));
            md.append("\n|---|");
            servers.forEach(s -> md.append("---|"));
            md.append('\n');
            for (String c : clients) {
                md.append("| ").append(Text.markdown(c)).append(" |");
                for (String s : servers) {
                    md.append(' ').append(doc.interop().stream().filter(i -> i.client().equals(c) && i.server().equals(s)).findFirst()
                            .map(i -> HtmlReport.symbol(i.verdict()) + " " + Text.markdown(i.verdict())).orElse("")).append(" |");
                }
                md.append('\n');
            }
        }
        return md.toString();
    }
}
