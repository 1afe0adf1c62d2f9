package dev.greeter.conformance.report;

import dev.greeter.conformance.spec.Area;
import dev.greeter.conformance.spec.Rule;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * {@code index.html}: one self-contained page (inline CSS and SVG; no script, font, image or link to
 * anything outside it, and a Content-Security-Policy that forbids them), readable offline and as a CI
 * artifact. A header (versions, date, options, isolation, each image's digest), the rules ×
 * implementations matrix per role grouped by section, the interop grid, and every failure's evidence.
 * Each cell shows its verdict as text and colour and opens ({@code <details>}) onto requirement, expected,
 * observed and the wire trace as a sequence diagram. Every string that is not the harness's own markup
 * goes through {@link Text#html}: an implementation's greeting or output can never become markup.
 */
final class HtmlReport {

    static final String FILE = "index.html";

    private HtmlReport() {
    }

    static void write(Document doc, Path file) throws IOException {
        Files.writeString(file, render(doc), StandardCharsets.UTF_8);
    }

    static String symbol(String verdict) {
        return switch (verdict) {
            case "PASS" -> "✔";
            case "FAIL" -> "✘";
            case "XFAIL" -> "✘";
            case "XPASS" -> "!";
            case "SKIPPED" -> "–";
            case "ERROR" -> "⚠";
            default -> "";
        };
    }

    static String columnResult(Document.Column c) {
        return switch (c.exitStatus()) {
            case 0 -> "CONFORMS";
            case 1 -> "DOES NOT CONFORM";
            default -> "NOT JUDGED";
        };
    }

    static String overall(Document doc) {
        long n = doc.implementations().size();
        long not = doc.implementations().stream().filter(c -> c.exitStatus() == 1).count();
        long broke = doc.implementations().stream().filter(c -> c.exitStatus() > 1).count();
        if (broke > 0) {
            return "NOT JUDGED: the harness broke on " + broke + " of " + n + " implementation" + (n == 1 ? "" : "s");
        }
        if (n == 1) {
            return not == 0 ? "the implementation conforms" : "the implementation does not conform";
        }
        return not == 0 ? "all " + n + " implementations conform" : not + " of " + n + " implementations do" + (not == 1 ? "es" : "") + " not conform";
    }

    static String render(Document doc) {
        StringBuilder h = new StringBuilder(1 << 16);
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>greeter conformance: ").append(Text.html(overall(doc))).append("</title><style>").append(CSS).append("</style></head><body>\n");
        header(h, doc);
        for (Area.Role role : Area.Role.values()) {
            String r = role.name().toLowerCase(java.util.Locale.ROOT);
            List<Document.Column> cols = doc.implementations().stream().filter(c -> c.role().equals(r)).toList();
            if (!cols.isEmpty()) {
                matrix(h, role, cols);
            }
        }
        interop(h, doc);
        failures(h, doc);
        h.append("<footer><p>Verdicts: ✔ PASS; ✘ FAIL; ✘ XFAIL (failed, as --expect-failures said it would: not fatal); ! XPASS (listed as"
                + " expected to fail but passed: fatal); – SKIPPED (not judged, and why); ⚠ ERROR (the harness broke: no verdict)."
                + " A dashed outline and ◆ mark a rule the implementation is known to fail (display only). Made by the greeter"
                + " conformance harness; this page has no script and loads nothing.</p></footer>\n</body></html>\n");
        return h.toString();
    }

    private static void header(StringBuilder h, Document doc) {
        int status = doc.exitStatus();
        h.append("<header><h1>greeter conformance report</h1><p class=\"overall s").append(status).append("\">")
                .append(Text.html(overall(doc))).append(" (exit status ").append(status).append(")</p>\n<dl class=\"meta\">");
        meta(h, "harness version", doc.harnessVersion());
        meta(h, "spec version", "SPEC.md " + doc.specVersion());
        meta(h, "date", doc.date());
        meta(h, "time scale", String.valueOf(doc.options().get("timeScale")));
        Object expected = doc.options().get("expectedFailures");
        meta(h, "options", "strict " + doc.options().get("strict") + "; startup timeout " + doc.options().get("startupTimeoutSeconds")
                + " s" + (expected instanceof Map<?, ?> m && !m.isEmpty() ? "; expected failures " + m.keySet() : ""));
        meta(h, "isolation", isolation(doc.options().get("isolation")));
        meta(h, "elapsed", doc.elapsedMillis() / 100 / 10.0 + " s");
        h.append("</dl>\n");
        for (String note : doc.notes()) {
            h.append("<p class=\"notice\"><strong>Note:</strong> ").append(Text.html(note)).append("</p>\n");
        }
        h.append("<table class=\"impls\"><thead><tr><th>implementation</th><th>role</th><th>image</th><th>digest</th><th>declared</th>"
                + "<th>result</th><th>verdicts</th></tr></thead><tbody>\n");
        for (Document.Column c : doc.implementations()) {
            h.append("<tr><th scope=\"row\">").append(Text.html(c.name())).append("</th><td>").append(Text.html(c.role())).append("</td><td><code>")
                    .append(Text.html(c.image())).append("</code></td><td><code class=\"digest\">").append(Text.html(c.digest() == null || c.digest().isEmpty() ? "unknown" : c.digest()))
                    .append("</code></td><td>").append(Text.html(declared(c.declared()))).append("</td><td class=\"res s").append(c.exitStatus())
                    .append("\">").append(Text.html(columnResult(c)));
            if (!c.marked().isEmpty()) {
                boolean exactly = c.failed().equals(c.marked());
                h.append("<br><span class=\"known\">◆ known to fail ").append(Text.html(String.join(", ", c.marked()))).append(": ")
                        .append(exactly ? "fails exactly these" : "fails " + Text.html(c.failed().isEmpty() ? "none" : String.join(", ", c.failed())))
                        .append("</span>");
            }
            h.append("</td><td>");
            c.counts().forEach((v, n) -> {
                if (n > 0) {
                    h.append(Text.html(v)).append(' ').append(n).append(' ');
                }
            });
            h.append("</td></tr>\n");
        }
        h.append("</tbody></table></header>\n");
    }

    private static void meta(StringBuilder h, String name, String value) {
        h.append("<dt>").append(Text.html(name)).append("</dt><dd>").append(Text.html(value)).append("</dd>");
    }

    private static String isolation(Object o) {
        if (!(o instanceof Map<?, ?> m)) {
            return "unknown";
        }
        boolean hardened = Boolean.TRUE.equals(m.get("hardened"));
        Object mem = m.get("memoryBytes");
        return (hardened ? "hardened: read-only root (in-memory /tmp and /run), all capabilities dropped, no-new-privileges"
                : "not hardened (--no-hardening)") + "; memory " + (mem instanceof Number n ? n.longValue() >> 20 : mem) + " MiB, pids "
                + m.get("pids") + ", nofile " + m.get("nofile") + ", cpus " + m.get("cpus") + "; network: " + m.get("network");
    }

    private static String declared(Map<String, Object> d) {
        StringBuilder sb = new StringBuilder();
        d.forEach((k, v) -> {
            if (k.equals("greeting")) {
                v = dev.greeter.conformance.probe.Printable.quote(String.valueOf(v), 64);
            }
            sb.append(sb.length() > 0 ? "; " : "").append(k).append(' ').append(v);
        });
        return sb.toString();
    }

    private static void matrix(StringBuilder h, Area.Role role, List<Document.Column> cols) {
        boolean server = role == Area.Role.SERVER;
        h.append("<section><h2>").append(server ? "Servers" : "Clients").append(": conformance</h2>\n<table class=\"matrix\"><thead><tr><th>rule</th>");
        for (Document.Column c : cols) {
            h.append("<th scope=\"col\" class=\"col\">").append(Text.html(c.name())).append("<br><span class=\"res s").append(c.exitStatus())
                    .append("\">").append(Text.html(columnResult(c))).append("</span></th>");
        }
        h.append("</tr></thead><tbody>\n");
        for (Area area : Area.values()) {
            if (area.role() != role) {
                continue;
            }
            List<Rule> rules = Arrays.stream(Rule.values()).filter(r -> r.area() == area).toList();
            // Areas of a transport the run did not judge are not part of it.
            if (rules.stream().noneMatch(r -> cols.stream().anyMatch(c -> c.cell(r.id()).isPresent()))) {
                continue;
            }
            h.append("<tr class=\"section\"><th colspan=\"").append(cols.size() + 1).append("\">").append(area.section()).append(" ")
                    .append(Text.html(area.title())).append("</th></tr>\n");
            for (Rule rule : rules) {
                h.append("<tr><th scope=\"row\" class=\"rule\"><span class=\"id\">").append(Text.html(rule.id())).append("</span> <span class=\"lvl\">")
                        .append(Text.html(rule.level().name())).append("</span> ").append(Text.html(rule.title())).append("</th>");
                for (Document.Column c : cols) {
                    cell(h, rule, c, server);
                }
                h.append("</tr>\n");
            }
        }
        h.append("</tbody></table></section>\n");
    }

    private static void cell(StringBuilder h, Rule rule, Document.Column c, boolean server) {
        var found = c.cell(rule.id());
        if (found.isEmpty()) {
            h.append("<td class=\"cell na\">n/a</td>");
            return;
        }
        Document.Cell cell = found.get();
        boolean marked = c.marked().contains(rule.id());
        h.append("<td class=\"cell v-").append(Text.html(cell.verdict().toLowerCase(java.util.Locale.ROOT))).append(marked ? " marked" : "")
                .append("\" data-rule=\"").append(Text.html(rule.id())).append("\" data-implementation=\"").append(Text.html(c.name()))
                .append("\"><details><summary><span class=\"sym\" aria-hidden=\"true\">").append(symbol(cell.verdict())).append("</span> ")
                .append(Text.html(cell.verdict())).append(marked ? " <span class=\"mk\" title=\"known to fail\">◆</span>" : "")
                .append("</summary><div class=\"ev\">");
        evidence(h, rule, c, cell, server);
        h.append("</div></details></td>");
    }

    private static void evidence(StringBuilder h, Rule rule, Document.Column c, Document.Cell cell, boolean server) {
        h.append("<p class=\"evh\">").append(Text.html(cell.verdict())).append(' ').append(Text.html(rule.id())).append(' ').append(Text.html(rule.level().name()))
                .append(' ').append(Text.html(rule.title())).append(" — ").append(Text.html(c.name())).append(" (").append(Text.html(c.role())).append(")")
                .append(cell.fatal() ? "" : cell.verdict().equals("FAIL") ? " (not fatal)" : "").append("</p><dl>");
        meta(h, "requirement", rule.requirement());
        meta(h, "expected", cell.expected());
        meta(h, "observed", cell.observed());
        if (cell.note() != null) {
            meta(h, "note", cell.note());
        }
        if (cell.skippedBecause() != null) {
            meta(h, "skipped because", "rule " + cell.skippedBecause() + " failed");
        }
        meta(h, "time", cell.millis() + " ms");
        h.append("</dl>").append(WireDiagram.svg(cell.trace(), server));
    }

    private static void interop(StringBuilder h, Document doc) {
        if (doc.interop().isEmpty()) {
            return;
        }
        List<String> servers = doc.interop().stream().map(Document.Interop::server).distinct().toList();
        List<String> clients = doc.interop().stream().map(Document.Interop::client).distinct().toList();
        long passed = doc.interop().stream().filter(i -> i.verdict().equals("PASS")).count();
        h.append("<section><h2>Interop: every client against every server</h2><p class=\"sub\">").append(passed).append(" of ")
                .append(doc.interop().size()).append(" pairs work. A pair PASSes when the client exits 0 and prints that server's greeting."
                        + " Interop is reported apart: it changes no conformance verdict and no exit status.</p>\n"
                        + "<table class=\"matrix interop\"><thead><tr><th>client \\ server</th>");
        servers.forEach(s -> h.append("<th scope=\"col\" class=\"col\">").append(Text.html(s)).append("</th>"));
        h.append("</tr></thead><tbody>\n");
        for (String client : clients) {
            h.append("<tr><th scope=\"row\" class=\"rule\">").append(Text.html(client)).append("</th>");
            for (String server : servers) {
                var pair = doc.interop().stream().filter(i -> i.client().equals(client) && i.server().equals(server)).findFirst();
                if (pair.isEmpty()) {
                    h.append("<td class=\"cell na\">n/a</td>");
                    continue;
                }
                Document.Interop i = pair.get();
                h.append("<td class=\"cell v-").append(Text.html(i.verdict().toLowerCase(java.util.Locale.ROOT))).append("\" data-client=\"")
                        .append(Text.html(client)).append("\" data-server=\"").append(Text.html(server)).append("\"><details><summary><span class=\"sym\" aria-hidden=\"true\">")
                        .append(symbol(i.verdict())).append("</span> ").append(Text.html(i.verdict())).append("</summary><div class=\"ev\"><p class=\"evh\">")
                        .append(Text.html(i.verdict())).append(": client ").append(Text.html(client)).append(" against server ").append(Text.html(server)).append("</p><dl>");
                meta(h, "expected", i.expected());
                meta(h, "observed", i.observed());
                meta(h, "exit status", i.exitCode() == null ? "none (did not exit)" : String.valueOf(i.exitCode()));
                h.append("<dt>stdout</dt><dd><pre>").append(Text.html(i.stdout())).append("</pre></dd><dt>stderr</dt><dd><pre>")
                        .append(Text.html(i.stderr())).append("</pre></dd>");
                meta(h, "time", i.millis() + " ms");
                h.append("</dl></div></details></td>");
            }
            h.append("</tr>\n");
        }
        h.append("</tbody></table></section>\n");
    }

    private static void failures(StringBuilder h, Document doc) {
        StringBuilder list = new StringBuilder();
        for (Document.Column c : doc.implementations()) {
            for (Document.Cell cell : c.rules()) {
                if (List.of("FAIL", "XFAIL", "XPASS", "ERROR").contains(cell.verdict())) {
                    Rule rule = Rule.byId(cell.id()).orElseThrow();
                    list.append("<article class=\"fail v-").append(Text.html(cell.verdict().toLowerCase(java.util.Locale.ROOT))).append("\">");
                    evidence(list, rule, c, cell, c.role().equals("server"));
                    list.append("</article>\n");
                }
            }
        }
        if (list.length() > 0) {
            h.append("<section><h2>Failures and errors, with their evidence</h2>\n").append(list).append("</section>\n");
        }
    }

    private static final String CSS = """
            body{font:14px/1.4 system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;margin:16px 24px;color:#1f2328;background:#fff}
            h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:22px 0 8px}
            code{font:12px/1.3 ui-monospace,"DejaVu Sans Mono",monospace}.digest{word-break:break-all}
            .overall{font-weight:600;font-size:15px;margin:0 0 8px}.s0{color:#1a7f37}.s1{color:#b3261e}.s2{color:#8a4600}
            dl.meta{display:grid;grid-template-columns:max-content 1fr;gap:2px 12px;margin:8px 0}
            dl.meta dt{font-weight:600;color:#57606a}dl.meta dd{margin:0}
            .notice{background:#fff8c5;border:1px solid #d4a72c;padding:6px 10px;border-radius:4px}
            table{border-collapse:collapse}th,td{border:1px solid #d0d7de;padding:3px 6px;text-align:left;vertical-align:top}
            table.impls td,table.impls th{font-size:13px}.known{font-weight:400;color:#57606a}
            .matrix th.col{font-size:12px;max-width:9em;word-break:break-word;text-align:center}
            .matrix th.rule{font-weight:400;white-space:nowrap}.id{font-weight:700}.lvl{font-size:11px;color:#57606a}
            tr.section th{background:#f6f8fa;font-weight:700}
            td.cell{position:relative;min-width:6.5em;font-size:12px;font-weight:600;white-space:nowrap}
            td.cell summary{cursor:pointer;list-style:none}td.cell summary::-webkit-details-marker{display:none}
            .v-pass{background:#dafbe1;color:#116329}.v-fail{background:#ffebe9;color:#a40e26}.v-xfail{background:#fff1e5;color:#953800}
            .v-xpass{background:#ffd8b5;color:#762c00}.v-skipped{background:#f6f8fa;color:#57606a}.v-error{background:#fbefff;color:#6e40c9}
            .na{color:#8c959f;background:repeating-linear-gradient(45deg,#fff,#fff 4px,#f6f8fa 4px,#f6f8fa 8px)}
            td.marked{outline:2px dashed #57606a;outline-offset:-3px}.mk{font-size:11px}
            .ev{position:absolute;z-index:5;left:0;top:100%;width:660px;background:#fff;color:#1f2328;border:1px solid #8c959f;
              box-shadow:0 4px 14px rgba(0,0,0,.2);padding:8px 10px;font-weight:400;white-space:normal}
            .evh{font-weight:700;margin:0 0 4px}.ev dl,article dl{display:grid;grid-template-columns:max-content 1fr;gap:2px 10px;margin:0 0 6px}
            .ev dt,article dt{font-weight:600;color:#57606a}.ev dd,article dd{margin:0;word-break:break-word;white-space:pre-wrap}
            pre{margin:0;white-space:pre-wrap;font:12px ui-monospace,"DejaVu Sans Mono",monospace}
            article.fail{border:1px solid #d0d7de;border-left:5px solid #a40e26;padding:8px 10px;margin:8px 0;max-width:680px;color:#1f2328}
            article.v-xfail{border-left-color:#953800}article.v-error{border-left-color:#6e40c9}
            svg.wire{display:block;margin-top:4px;font:11px ui-monospace,"DejaVu Sans Mono",monospace;background:#fcfcfd}
            svg.wire .life rect{fill:#eaeef2;stroke:#8c959f}svg.wire .life text{font-weight:700;fill:#1f2328}
            svg.wire .life line{stroke:#8c959f;stroke-dasharray:3 3}svg.wire .t{fill:#57606a}
            svg.wire .note{fill:#57606a;font-style:italic}svg.wire .msg line{stroke-width:1.5}
            svg.wire .syn line{stroke:#0969da}svg.wire .syn polygon,svg.wire .syn text{fill:#0969da}
            svg.wire .data line{stroke:#1a7f37}svg.wire .data polygon,svg.wire .data text{fill:#116329}
            svg.wire .fin line{stroke:#6e7781}svg.wire .fin polygon,svg.wire .fin text{fill:#424a53}
            svg.wire .rst line{stroke:#cf222e}svg.wire .rst polygon,svg.wire .rst text{fill:#a40e26}
            .notrace{color:#57606a;font-style:italic;margin:4px 0}.sub{color:#57606a;margin:0 0 6px}
            footer{margin-top:24px;color:#57606a;font-size:12px;max-width:900px}
            """;
}
