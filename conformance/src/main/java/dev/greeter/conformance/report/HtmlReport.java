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
 * anything outside it but its own anchors, and a Content-Security-Policy that forbids them), readable offline and as a CI
 * artifact. It opens with the rules × implementations grid per role, one narrow coloured cell per verdict (the whole verdict
 * on hover, implementation names as vertical column headers) so that 40 implementations fit one screen; each failed cell
 * links to its evidence further down (requirement, expected, observed, the wire trace as a sequence diagram). Then the run
 * (versions, options, isolation, each image's digest, short with the whole on hover) and the interop grid. Every string that
 * is not the harness's own markup
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
            case ConsoleReport.FLAKY -> "≈";
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
        h.append("<header><h1>greeter conformance report</h1><p class=\"overall s").append(doc.exitStatus()).append("\">")
                .append(Text.html(overall(doc))).append(" (exit status ").append(doc.exitStatus()).append(")</p>\n");
        notes(h, doc.notes());
        h.append("</header>\n");
        // The grid comes first: a reader sees every verdict on one screen, and a failed cell links to its evidence below.
        for (Area.Role role : Area.Role.values()) {
            String r = role.name().toLowerCase(java.util.Locale.ROOT);
            List<Integer> cols = new java.util.ArrayList<>();
            for (int i = 0; i < doc.implementations().size(); i++) {
                if (doc.implementations().get(i).role().equals(r)) {
                    cols.add(i);
                }
            }
            if (!cols.isEmpty()) {
                matrix(h, role, doc, cols);
            }
        }
        header(h, doc);
        interop(h, doc);
        failures(h, doc);
        h.append("<footer><p>Verdicts: ✔ PASS; ✘ FAIL; ✘ XFAIL (failed, as --expect-failures said it would: not fatal); ! XPASS (listed as"
                + " expected to fail but passed: fatal); – SKIPPED (not judged, and why); ⚠ ERROR (the harness broke: no verdict);"
                + " ≈ FLAKY (with --repeat: failed in one run and passed in another; fatal as a FAIL, or not as an XFAIL)."
                + " Hover a cell for its verdict, a column for its implementation; a failed cell links to its evidence below."
                + " A dashed outline marks a rule the implementation is known to fail (display only). Made by the greeter"
                + " conformance harness; this page has no script and loads nothing.</p></footer>\n</body></html>\n");
        return h.toString();
    }

    private static void header(StringBuilder h, Document doc) {
        h.append("<section><h2>Run and implementations</h2>\n<dl class=\"meta\">");
        meta(h, "harness version", doc.harnessVersion());
        meta(h, "spec version", "SPEC.md " + doc.specVersion());
        meta(h, "date", doc.date());
        meta(h, "time scale", String.valueOf(doc.options().get("timeScale")));
        Object expected = doc.options().get("expectedFailures");
        meta(h, "options", "strict " + doc.options().get("strict") + "; startup timeout " + doc.options().get("startupTimeoutSeconds")
                + " s" + (expected instanceof Map<?, ?> m && !m.isEmpty() ? "; expected failures " + m.keySet() : "")
                + (doc.options().get("repeat") instanceof Number n ? "; judged " + n + " times (--repeat)" : ""));
        meta(h, "isolation", isolation(doc.options().get("isolation")));
        meta(h, "elapsed", doc.elapsedMillis() / 100 / 10.0 + " s");
        h.append("</dl>\n");
        h.append("<table class=\"impls\"><thead><tr><th>#</th><th>implementation</th><th>role</th><th>image</th><th>digest</th><th>declared</th>"
                + "<th>result</th><th>verdicts</th></tr></thead><tbody>\n");
        for (int i = 0; i < doc.implementations().size(); i++) {
            Document.Column c = doc.implementations().get(i);
            h.append("<tr id=\"i").append(i + 1).append("\"><td>").append(i + 1).append("</td><th scope=\"row\">").append(Text.html(c.name())).append("</th><td>").append(Text.html(c.role())).append("</td><td>")
                    .append(c.build() != null ? "built from <code>" + Text.html(c.build()) + "</code>" : "<code>" + Text.html(c.image()) + "</code>")
                    .append("</td><td>").append(digest(c.digest())).append("</td><td>").append(Text.html(declared(c.declared()))).append("</td><td class=\"res s").append(c.exitStatus())
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
            if (!c.flaky().isEmpty()) {
                h.append("(").append(ConsoleReport.FLAKY).append(' ').append(c.flaky().size()).append(")");
            }
            h.append("</td></tr>\n");
        }
        h.append("</tbody></table></section>\n");
    }

    /** The first {@value #DIGEST_SHOWN} hex digits of an image digest, the whole digest on hover: a full sha256 widens the table. */
    static String digest(String digest) {
        if (digest == null || digest.isEmpty()) {
            return "<code class=\"digest\">unknown</code>";
        }
        int colon = digest.indexOf(':');
        String hex = digest.substring(colon + 1);
        String shown = hex.length() > DIGEST_SHOWN ? hex.substring(0, DIGEST_SHOWN) + "…" : hex;
        return "<code class=\"digest\" title=\"" + Text.html(digest) + "\">" + Text.html(shown) + "</code>";
    }

    static final int DIGEST_SHOWN = 12;

    /**
     * The notes (how the report was made) as a collapsed list: a merge of 80 runs names 80 shards, a paragraph nobody reads.
     * A note "head: a, b, c; more" lists a, b and c under its head.
     */
    private static void notes(StringBuilder h, List<String> notes) {
        if (notes.isEmpty()) {
            return;
        }
        String first = notes.get(0);
        int colon = first.indexOf(": ");
        h.append("<details class=\"notes\"><summary><strong>Notes</strong> (").append(notes.size()).append("): ")
                .append(Text.html(colon > 0 ? first.substring(0, colon) : first)).append("</summary><ul>");
        for (String note : notes) {
            int at = note.indexOf(": ");
            String body = at > 0 ? note.substring(at + 2) : "";
            int semi = body.indexOf("; ");
            String listed = semi >= 0 ? body.substring(0, semi) : body;
            String[] items = listed.split(", ");
            if (items.length < 3) {
                h.append("<li>").append(Text.html(note)).append("</li>");
                continue;
            }
            h.append("<li>").append(Text.html(note.substring(0, at))).append(semi >= 0 ? " (" + Text.html(body.substring(semi + 2)) + ")" : "")
                    .append(":<ul>");
            for (String item : items) {
                h.append("<li>").append(Text.html(item)).append("</li>");
            }
            h.append("</ul></li>");
        }
        h.append("</ul></details>\n");
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

    /** Verdicts whose cell links to its evidence further down. */
    static final List<String> WITH_EVIDENCE = List.of("FAIL", "XFAIL", "XPASS", "ERROR");

    /** The id of a cell's evidence: by column position and rule id, so no implementation's name ever goes into an id. */
    static String anchor(int column, String ruleId) {
        return "e" + (column + 1) + "-" + ruleId;
    }

    private static void matrix(StringBuilder h, Area.Role role, Document doc, List<Integer> cols) {
        boolean server = role == Area.Role.SERVER;
        String name = server ? "server" : "client";
        h.append("<section id=\"grid-").append(name).append("\"><h2>").append(server ? "Servers" : "Clients")
                .append(": conformance</h2>\n<table class=\"matrix\"><thead><tr><th class=\"corner\">rule \\ implementation</th>");
        for (int i : cols) {
            Document.Column c = doc.implementations().get(i);
            h.append("<th scope=\"col\" class=\"col s").append(c.exitStatus()).append("\" title=\"").append(i + 1).append(' ')
                    .append(Text.html(c.name())).append(": ").append(Text.html(columnResult(c))).append("\"><span>").append(Text.html(c.name()))
                    .append("</span></th>");
        }
        h.append("</tr></thead><tbody>\n");
        for (Area area : Area.values()) {
            if (area.role() != role) {
                continue;
            }
            List<Rule> rules = Arrays.stream(Rule.values()).filter(r -> r.area() == area).toList();
            // Areas of a transport the run did not judge are not part of it.
            if (rules.stream().noneMatch(r -> cols.stream().anyMatch(i -> doc.implementations().get(i).cell(r.id()).isPresent()))) {
                continue;
            }
            h.append("<tr class=\"section\"><th colspan=\"").append(cols.size() + 1).append("\">").append(area.section()).append(" ")
                    .append(Text.html(area.title())).append("</th></tr>\n");
            for (Rule rule : rules) {
                h.append("<tr><th scope=\"row\" class=\"rule\" title=\"").append(Text.html(rule.id())).append(' ').append(Text.html(rule.level().name()))
                        .append(' ').append(Text.html(rule.title())).append("\"><span class=\"id\">").append(Text.html(rule.id()))
                        .append("</span> <span class=\"lvl\">").append(Text.html(rule.level().name().substring(0, Math.min(4, rule.level().name().length()))))
                        .append("</span> ").append(Text.html(rule.title())).append("</th>");
                for (int i : cols) {
                    cell(h, rule, doc.implementations().get(i), i);
                }
                h.append("</tr>\n");
            }
        }
        h.append("</tbody></table></section>\n");
    }

    /** One narrow cell: symbol and colour, the whole verdict on hover; a failure links to its evidence. */
    private static void cell(StringBuilder h, Rule rule, Document.Column c, int column) {
        var found = c.cell(rule.id());
        if (found.isEmpty()) {
            h.append("<td class=\"cell na\" title=\"n/a\"></td>");
            return;
        }
        Document.Cell cell = found.get();
        boolean marked = c.marked().contains(rule.id());
        // What the implementation said stays out of the title (a SKIPPED cell's observation is the harness's reason): a
        // browser serializes an attribute's < and > raw, and the evidence below has it, escaped, as text.
        String title = cell.shown() + (cell.shown().equals(cell.verdict()) ? "" : " (" + cell.verdict() + ")")
                + cell.repetitions().map(x -> ", passed " + x.passed() + " of " + x.runs() + " runs").orElse("")
                + (marked ? " (known to fail)" : "") + " " + rule.id() + " " + rule.title() + " — " + c.name()
                + (cell.verdict().equals("SKIPPED") && cell.observed() != null && !cell.observed().isBlank() ? ": " + cell.observed()
                : cell.skippedBecause() != null ? ": rule " + cell.skippedBecause() + " failed" : "");
        h.append("<td class=\"cell v-").append(Text.html(cell.shown().toLowerCase(java.util.Locale.ROOT))).append(marked ? " marked" : "")
                .append("\" data-rule=\"").append(Text.html(rule.id())).append("\" data-implementation=\"").append(Text.html(c.name())).append("\">");
        if (WITH_EVIDENCE.contains(cell.verdict())) {
            h.append("<a href=\"#").append(Text.html(anchor(column, rule.id()))).append("\" title=\"").append(Text.html(title)).append("\">")
                    .append(symbol(cell.shown())).append("</a>");
        } else {
            h.append("<span title=\"").append(Text.html(title)).append("\">").append(symbol(cell.shown())).append("</span>");
        }
        h.append("</td>");
    }

    private static void evidence(StringBuilder h, Rule rule, Document.Column c, Document.Cell cell, boolean server) {
        h.append("<p class=\"evh\">").append(Text.html(cell.verdict())).append(' ').append(Text.html(rule.id())).append(' ').append(Text.html(rule.level().name()))
                .append(' ').append(Text.html(rule.title())).append(" — ").append(Text.html(c.name())).append(" (").append(Text.html(c.role())).append(")")
                .append(cell.fatal() ? "" : cell.verdict().equals("FAIL") ? " (not fatal)" : "")
                .append(Boolean.TRUE.equals(cell.flaky()) ? " " + ConsoleReport.FLAKY : "").append("</p><dl>");
        meta(h, "requirement", rule.requirement());
        cell.repetitions().ifPresent(x -> meta(h, "runs", x.describe()));
        meta(h, "expected", cell.expected());
        meta(h, "observed", cell.observed());
        if (cell.note() != null) {
            meta(h, "note", cell.note());
        }
        if (cell.skippedBecause() != null) {
            meta(h, "skipped because", "rule " + cell.skippedBecause() + " failed");
        }
        meta(h, "time", cell.millis() + " ms");
        if (cell.capture() != null) {
            capture(h, cell.capture());
        }
        h.append("</dl>").append(WireDiagram.svg(cell.trace(), server));
    }

    /** A capture's file is linked only by the name the harness gives it: a merged report's JSON cannot make it any other link. */
    private static final java.util.regex.Pattern CAPTURE_FILE = java.util.regex.Pattern.compile("captures/[A-Za-z0-9._-]{1,200}\\.pcap");

    /** The rule's packet capture: a link to the pcap file (tcpdump -r, Wireshark), its size, and its note. */
    private static void capture(StringBuilder h, Document.Capture capture) {
        h.append("<dt>capture</dt><dd>");
        if (capture.file() != null && CAPTURE_FILE.matcher(capture.file()).matches()) {
            h.append("<a class=\"pcap\" href=\"").append(Text.html(capture.file())).append("\">").append(Text.html(capture.file())).append("</a> (")
                    .append(capture.packets()).append(" packets, ").append(capture.bytes()).append(" bytes, classic pcap: tcpdump -r or Wireshark)");
        } else {
            h.append("none");
        }
        String note = capture.note();
        if (!note.isEmpty()) {
            h.append("; ").append(Text.html(note));
        }
        h.append("</dd>");
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
        for (int i = 0; i < doc.implementations().size(); i++) {
            Document.Column c = doc.implementations().get(i);
            for (Document.Cell cell : c.rules()) {
                if (WITH_EVIDENCE.contains(cell.verdict())) {
                    Rule rule = Rule.byId(cell.id()).orElseThrow();
                    list.append("<article id=\"").append(Text.html(anchor(i, rule.id()))).append("\" class=\"fail v-")
                            .append(Text.html(cell.shown().toLowerCase(java.util.Locale.ROOT))).append("\">");
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
            code{font:12px/1.3 ui-monospace,"DejaVu Sans Mono",monospace}.digest{white-space:nowrap}
            .overall{font-weight:600;font-size:15px;margin:0 0 8px}.s0{color:#1a7f37}.s1{color:#b3261e}.s2{color:#8a4600}
            dl.meta{display:grid;grid-template-columns:max-content 1fr;gap:2px 12px;margin:8px 0}
            dl.meta dt{font-weight:600;color:#57606a}dl.meta dd{margin:0}
            .notice{background:#fff8c5;border:1px solid #d4a72c;padding:6px 10px;border-radius:4px}
            table{border-collapse:collapse}th,td{border:1px solid #d0d7de;padding:3px 6px;text-align:left;vertical-align:top}
            table.impls td,table.impls th{font-size:13px}.known{font-weight:400;color:#57606a}
            .notes{margin:4px 0 8px;color:#57606a;font-size:13px}.notes summary{cursor:pointer}.notes ul{margin:4px 0;padding-left:20px}
            table.matrix th,table.matrix td{padding:0 3px}table.matrix th.col,table.matrix td.cell{padding:0}
            .matrix th.col{vertical-align:bottom;text-align:center;width:15px;max-width:15px}
            .matrix th.col span{writing-mode:vertical-rl;transform:rotate(180deg);display:inline-block;max-height:11em;overflow:hidden;
              text-overflow:ellipsis;white-space:nowrap;font-size:11px;line-height:15px;font-weight:600;padding:2px 0}
            .matrix th.corner{vertical-align:bottom;font-size:11px;color:#57606a;font-weight:400}
            .matrix th.rule{font-weight:400;white-space:nowrap;overflow:hidden;text-overflow:ellipsis;max-width:25em;font-size:12px}
            .id{font-weight:700}.lvl{font-size:10px;color:#57606a}
            tr.section th{background:#f6f8fa;font-weight:700;font-size:12px}
            td.cell{width:15px;min-width:15px;height:15px;font-size:11px;font-weight:700;text-align:center;vertical-align:middle;white-space:nowrap}
            td.cell a{color:inherit;text-decoration:none;display:block}
            .interop th.col{width:auto;max-width:9em;vertical-align:top;font-size:12px;word-break:break-word}
            .interop td.cell{position:relative;min-width:6.5em;width:auto;text-align:left}
            td.cell summary{cursor:pointer;list-style:none}td.cell summary::-webkit-details-marker{display:none}
            .v-pass{background:#aceebb;color:#116329}.v-fail{background:#ff8182;color:#5f0010}.v-xfail{background:#ffc680;color:#5c2200}
            .v-xpass{background:#fb8f44;color:#3d1300}.v-skipped{background:#eaeef2;color:#57606a}.v-error{background:#d8b9ff;color:#3c1e70}
            .v-flaky{background:repeating-linear-gradient(135deg,#ff8182,#ff8182 3px,#aceebb 3px,#aceebb 6px);color:#5f0010}
            article.v-flaky{background:#fff}
            .na{color:#8c959f;background:repeating-linear-gradient(45deg,#fff,#fff 3px,#eaeef2 3px,#eaeef2 6px)}
            td.marked{outline:2px dashed #24292f;outline-offset:-2px}.mk{font-size:11px}
            article.fail:target{outline:3px solid #0969da}
            .ev{position:absolute;z-index:5;left:0;top:100%;width:660px;background:#fff;color:#1f2328;border:1px solid #8c959f;
              box-shadow:0 4px 14px rgba(0,0,0,.2);padding:8px 10px;font-weight:400;white-space:normal}
            .evh{font-weight:700;margin:0 0 4px}.ev dl,article dl{display:grid;grid-template-columns:max-content 1fr;gap:2px 10px;margin:0 0 6px}
            .ev dt,article dt{font-weight:600;color:#57606a}.ev dd,article dd{margin:0;word-break:break-word;white-space:pre-wrap}
            pre{margin:0;white-space:pre-wrap;font:12px ui-monospace,"DejaVu Sans Mono",monospace}
            article.fail{background:#fff;border:1px solid #d0d7de;border-left:5px solid #a40e26;padding:8px 10px;margin:8px 0;max-width:680px;color:#1f2328}
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
