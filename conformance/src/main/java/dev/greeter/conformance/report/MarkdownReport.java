package dev.greeter.conformance.report;

import dev.greeter.conformance.spec.Rule;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code summary.md}: the report as GitHub-flavoured Markdown, for a CI job summary ($GITHUB_STEP_SUMMARY); the
 * conformance action appends exactly this file, so a job summary and a report directory say the same in the same
 * symbols (the HTML page's). The overall verdict, a verdict line per implementation, the rules × implementations
 * matrix, each failed rule's requirement, expected and observed, and the interop grid. Every string that is not the
 * harness's own goes through {@link Text#markdown}, and never starts a line.
 */
final class MarkdownReport {

    static final String FILE = "summary.md";

    /** Verdicts that make a rule one of an implementation's failed rules (as the action's {@code failed-rules} output counts them). */
    static final Set<String> FAILED = Set.of("FAIL", "XPASS", "ERROR");

    /** Code points of an implementation's text shown per field; the rest is in index.html (a job summary holds at most 1 MiB). */
    static final int FIELD_LIMIT = 300;

    private MarkdownReport() {
    }

    static void write(Document doc, Path file) throws IOException {
        Files.writeString(file, render(doc), StandardCharsets.UTF_8);
    }

    static String render(Document doc) {
        StringBuilder md = new StringBuilder();
        md.append("## greeter conformance: ").append(HtmlReport.overall(doc)).append(" (exit status ").append(doc.exitStatus()).append(")\n\n");
        md.append("SPEC.md ").append(Text.markdown(doc.specVersion())).append(", harness ").append(Text.markdown(doc.harnessVersion())).append(", ")
                .append(Text.markdown(doc.date())).append(", time scale ").append(Text.markdown(String.valueOf(doc.options().get("timeScale")))).append("\n\n");
        for (String note : doc.notes()) {
            md.append("> **Note:** ").append(Text.markdown(note)).append("\n\n");
        }
        List<Document.Column> cols = doc.implementations();
        for (Document.Column c : cols) {
            verdictLine(md, c);
        }
        md.append('\n');
        matrix(md, cols);
        failures(md, cols);
        interop(md, doc.interop());
        md.append("Verdicts: ✔ PASS, ✘ FAIL, ✘ XFAIL (failed as expected: not fatal), ! XPASS (expected to fail but passed: fatal),"
                + " – SKIPPED, ⚠ ERROR (the harness broke: no verdict)"
                + (cols.stream().anyMatch(c -> c.rules().stream().anyMatch(r -> r.runs() != null))
                ? ", ≈ FLAKY (failed in one run of the --repeat and passed in another: fatal as a FAIL); (k/N): passed in k of N runs" : "")
                + ". Evidence and wire traces: index.html of the report.\n");
        return md.toString();
    }

    /** "- ✘ server wrong-greeting: **DOES NOT CONFORM**; image (digest): 15 PASS, 1 FAIL" */
    private static void verdictLine(StringBuilder md, Document.Column c) {
        String symbol = HtmlReport.symbol(switch (c.exitStatus()) {
            case 0 -> "PASS";
            case 1 -> "FAIL";
            default -> "ERROR";
        });
        md.append("- ").append(symbol).append(' ').append(Text.markdown(c.role())).append(' ').append(Text.markdown(c.name())).append(": **")
                .append(HtmlReport.columnResult(c)).append("**; ").append(Text.markdown(c.source()));
        if (c.digest() != null) {
            md.append(" (").append(Text.markdown(c.digest())).append(')');
        }
        md.append(": ").append(counts(c.counts()));
        if (!c.flaky().isEmpty()) {
            md.append(" (").append(c.flaky().size()).append(' ').append(ConsoleReport.FLAKY).append(": ")
                    .append(Text.markdown(String.join(", ", c.flaky()))).append(')');
        }
        if (!c.marked().isEmpty()) {
            md.append("; known to fail ").append(Text.markdown(String.join(", ", c.marked()))).append(": ")
                    .append(c.failed().equals(c.marked()) ? "fails exactly these"
                            : "fails " + (c.failed().isEmpty() ? "none" : Text.markdown(String.join(", ", c.failed()))));
        }
        md.append('\n');
    }

    private static String counts(Map<String, Long> counts) {
        StringBuilder sb = new StringBuilder();
        counts.forEach((verdict, n) -> {
            if (n != null && n > 0) {
                sb.append(sb.isEmpty() ? "" : ", ").append(n).append(' ').append(Text.markdown(verdict));
            }
        });
        return sb.isEmpty() ? "no rules judged" : sb.toString();
    }

    private static void matrix(StringBuilder md, List<Document.Column> cols) {
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
                var cell = c.cell(rule.id());
                md.append(' ').append(cell.map(MarkdownReport::verdict).orElse(""))
                        .append(c.marked().contains(rule.id()) ? " (expected)" : "").append(" |");
            }
            md.append('\n');
        }
        md.append("| **result** |");
        cols.forEach(c -> md.append(" **").append(HtmlReport.columnResult(c)).append("** |"));
        md.append("\n\n");
    }

    /** "✘ FAIL", "– SKIPPED (7.1 failed)", "≈ FLAKY (2/3)" */
    private static String verdict(Document.Cell cell) {
        String v = HtmlReport.symbol(cell.shown()) + " " + Text.markdown(cell.shown())
                + cell.repetitions().filter(x -> x.passed() + x.failedIn().size() > 0).map(x -> " (" + x.passed() + "/" + x.runs() + ")").orElse("");
        if (cell.skippedBecause() == null) {
            return v;
        }
        return v + " (" + Rule.byId(cell.skippedBecause()).map(Rule::id).orElseGet(() -> Text.markdown(cell.skippedBecause())) + " failed)";
    }

    /** Each failed rule of each implementation, in spec words: what the spec requires, what was expected, what was observed. */
    private static void failures(StringBuilder md, List<Document.Column> cols) {
        boolean any = false;
        for (Document.Column c : cols) {
            for (Rule rule : Rule.values()) {
                var found = c.cell(rule.id()).filter(cell -> FAILED.contains(cell.verdict()));
                if (found.isEmpty()) {
                    continue;
                }
                if (!any) {
                    md.append("### Failed rules\n\n");
                    any = true;
                }
                Document.Cell cell = found.get();
                md.append("**").append(HtmlReport.symbol(cell.shown())).append(' ').append(cell.shown()).append(' ').append(rule.id()).append(' ')
                        .append(rule.level().name()).append(' ').append(Text.markdown(rule.title())).append("**: ").append(Text.markdown(c.role()))
                        .append(' ').append(Text.markdown(c.name())).append(cell.fatal() ? "" : " (not fatal)").append("\n\n");
                md.append("- requirement: ").append(Text.markdown(rule.requirement())).append('\n');
                cell.repetitions().ifPresent(x -> md.append("- runs: ").append(Text.markdown(x.describe())).append('\n'));
                md.append("- expected: ").append(field(cell.expected())).append('\n');
                md.append("- observed: ").append(field(cell.observed())).append('\n');
                if (cell.note() != null) {
                    md.append("- note: ").append(field(cell.note())).append('\n');
                }
                md.append('\n');
            }
        }
    }

    private static void interop(StringBuilder md, List<Document.Interop> interop) {
        if (interop.isEmpty()) {
            return;
        }
        md.append("### Interop (client × server; does not change conformance)\n\n| client \\ server |");
        List<String> servers = interop.stream().map(Document.Interop::server).distinct().toList();
        List<String> clients = interop.stream().map(Document.Interop::client).distinct().toList();
        servers.forEach(s -> md.append(' ').append(Text.markdown(s)).append(" |"));
        md.append("\n|---|");
        servers.forEach(s -> md.append("---|"));
        md.append('\n');
        for (String c : clients) {
            md.append("| ").append(Text.markdown(c)).append(" |");
            for (String s : servers) {
                md.append(' ').append(interop.stream().filter(i -> i.client().equals(c) && i.server().equals(s)).findFirst()
                        .map(i -> HtmlReport.symbol(i.verdict()) + " " + Text.markdown(i.verdict())).orElse("")).append(" |");
            }
            md.append('\n');
        }
        md.append('\n');
        for (Document.Interop i : interop) {
            if (!"PASS".equals(i.verdict())) {
                md.append("- ").append(HtmlReport.symbol(i.verdict())).append(' ').append(Text.markdown(i.verdict())).append(": client ")
                        .append(Text.markdown(i.client())).append(" × server ").append(Text.markdown(i.server())).append("; expected ")
                        .append(field(i.expected())).append("; observed ").append(field(i.observed())).append('\n');
            }
        }
        if (interop.stream().anyMatch(i -> !"PASS".equals(i.verdict()))) {
            md.append('\n');
        }
    }

    /** An implementation's text as one escaped line, cut at {@link #FIELD_LIMIT} code points. */
    static String field(String s) {
        if (s == null) {
            return "";
        }
        String cut = s.codePointCount(0, s.length()) <= FIELD_LIMIT ? s : s.substring(0, s.offsetByCodePoints(0, FIELD_LIMIT - 1)) + "…";
        return Text.markdown(cut);
    }
}
