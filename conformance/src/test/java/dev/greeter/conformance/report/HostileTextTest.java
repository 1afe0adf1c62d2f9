package dev.greeter.conformance.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.greeter.conformance.run.InteropResult;
import dev.greeter.conformance.run.Report;
import dev.greeter.conformance.run.RuleResult;
import dev.greeter.conformance.spec.Rule;
import dev.greeter.conformance.spec.Verdict;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One hostile string, given as everything an implementation or a shard can put in a report (its name, image, digest,
 * greeting, socket path and arguments, what it sent, a note, a wire trace, an interop pair, the run's versions, date,
 * notes, options, and verdicts), through every report: each stays what it must be.
 */
class HostileTextTest {

    /** Terminal controls (CSI, OSC 8 hyperlink, C1 CSI, NEL), noncharacters, lone surrogates, bidi override, markup of every sink. */
    static final String HOSTILE = "\u001b[31mred\u001b[0m \u001b]8;;http://evil.example/\u0007link\u001b]8;;\u0007 \u009b2J \u0085 \uFFFE\uFFFF"
            + " \uD800lone\uDC00 <script>alert(1)</script> [x](http://evil.example/) ![i](http://evil.example/i.png) www.evil.example"
            + " a@evil.example | `code` ]]> &amp; & \u0000\u0001\u000b\u000c\u007f\r\nnew line\u202Egnp.exe *em* _em_ # h";

    static Document hostile() {
        Map<String, Object> declared = new LinkedHashMap<>();
        declared.put("greeting", HOSTILE);
        declared.put("path", HOSTILE);
        declared.put("serverArgs", List.of(HOSTILE));
        Map<String, Object> options = new LinkedHashMap<>(ReportDocumentTest.options(1.0));
        options.put("timeScale", HOSTILE);
        List<String> trace = List.of("+    1 ms  <- 9 bytes \"" + HOSTILE + "\"", HOSTILE);
        Document.Cell failed = new Document.Cell("2.2", "MUST", "greeting", "title", "required_spec202_check", "FAIL", true, null, HOSTILE,
                HOSTILE, HOSTILE, trace, 1);
        Document.Cell verdictish = new Document.Cell("2.1", "MUST", "greeting", "title", null, HOSTILE, false, HOSTILE, HOSTILE, HOSTILE,
                HOSTILE, trace, 1);
        Document.Column column = new Document.Column(HOSTILE, "server", HOSTILE, HOSTILE, declared, List.of("2.2"), 1, false, 1,
                Map.of(HOSTILE, 1L), List.of(verdictish, failed), 7, HOSTILE);
        return new Document(HOSTILE, HOSTILE, HOSTILE, options, List.of(column),
                List.of(new Document.Interop(HOSTILE, HOSTILE, HOSTILE, 1L, HOSTILE, HOSTILE, HOSTILE, HOSTILE, 1)), List.of(HOSTILE), 1);
    }

    /** A character that acts on a reader (terminal, parser) instead of being read: what no output may hold. */
    static Optional<String> active(String s, boolean newlinesAllowed) {
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            if (Text.unsafe(cp) || !newlinesAllowed && cp == '\n') {
                return Optional.of(String.format("U+%04X at %d", cp, i));
            }
            i += Character.charCount(cp);
        }
        return Optional.empty();
    }

    @Test
    void theConsoleGetsNoControlAndNoLineOfTheImplementations() {
        StringWriter sw = new StringWriter();
        ConsoleReport console = new ConsoleReport(new PrintWriter(sw));
        Rule rule = Rule.byId("2.2").orElseThrow();
        RuleResult r = new RuleResult(rule, Verdict.ERROR, HOSTILE, HOSTILE, List.of(HOSTILE), 1, Optional.empty(), HOSTILE, null);
        console.progress(r, HOSTILE);
        console.interop(new InteropResult(HOSTILE, HOSTILE, Verdict.FAIL, 1L, HOSTILE, HOSTILE, HOSTILE, HOSTILE, 1));
        console.matrix(hostile());
        console.summary(new Report(HOSTILE, List.of(r), Duration.ZERO, false));
        String out = sw.toString();
        assertThat(active(out, true)).as("an active character on the console").isEmpty();
        assertThat(out.lines()).as("a line the implementation began").noneMatch(l -> l.startsWith("new line"));
        assertThat(out).contains("\\x1b[31mred", "\\x9b2J", "\\ud800lone", "\\u202egnp.exe");
    }

    @Test
    void junitXmlStaysWellFormedAndCarriesTheTextAsText(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("t.xml");
        JunitXmlReport.write(hostile(), f);
        String raw = Files.readString(f, StandardCharsets.UTF_8);
        assertThat(raw).doesNotContain("<script", "]]>");
        org.w3c.dom.Document xml = javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(f.toFile());
        org.w3c.dom.Element failure = (org.w3c.dom.Element) xml.getElementsByTagName("failure").item(0);
        assertThat(failure.getAttribute("message")).contains("<script>alert(1)</script>", "]]>", "& ");
        assertThat(active(failure.getTextContent(), true)).isEmpty();
    }

    @Test
    void markdownHasNoLinkImageHtmlOrBrokenTable() {
        String md = MarkdownReport.render(hostile());
        assertMarkdownInert(md);
    }

    /** What summary.md, the job summary the conformance action appends, must be whatever an implementation sent. */
    static void assertMarkdownInert(String md) {
        assertThat(active(md, true)).as("an active character in the Markdown").isEmpty();
        assertThat(md).as("HTML").doesNotContain("<");
        assertThat(md).as("an auto-link").doesNotContain("http://", "www.evil", "a@evil");
        long tableCells = -1;
        for (String line : md.lines().toList()) {
            assertThat(line).as("a line the implementation began").doesNotStartWith("new line");
            String unescaped = unescaped(line);
            assertThat(unescaped).as("link, image, code span or emphasis syntax in: " + line).doesNotContain("[", "](", "`", "*", "_em");
            if (line.startsWith("|")) {
                long cells = unescaped.chars().filter(c -> c == '|').count();
                if (tableCells < 0) {
                    tableCells = cells;
                }
                assertThat(cells).as("cells of " + line + " (as many as its table's header has)").isEqualTo(tableCells);
            } else {
                tableCells = -1;
            }
        }
    }

    /** The line with every backslash-escaped character (and the backslash) taken out: what Markdown may read as syntax. */
    static String unescaped(String line) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < line.length(); i++) {
            if (line.charAt(i) == '\\' && i + 1 < line.length()) {
                i++;
            } else {
                sb.append(line.charAt(i));
            }
        }
        // The harness's own bold (**result**, **Note:**) is not the implementation's.
        return sb.toString().replace("**", "");
    }

    @Test
    void htmlEscapesEverything() {
        String html = HtmlReport.render(hostile());
        String lower = html.toLowerCase(Locale.ROOT);
        assertThat(lower).doesNotContain("<script", "<img", "javascript:");
        ReportDocumentTest.assertLinksStayInThePage(html);
        assertThat(active(html, true)).as("an active character in the page").isEmpty();
        assertThat(html).contains("&lt;script&gt;alert(1)&lt;/script&gt;", "&amp;amp;", "\uFFFD[31mred");
    }

    @Test
    void everyReportIsWritten(@TempDir Path dir) throws Exception {
        ReportDir.write(hostile(), dir);
        Document back = JsonReport.read(dir.resolve(JsonReport.FILE));
        assertThat(back.implementations().get(0).rules()).hasSize(2);
        assertThat(Files.readString(dir.resolve(MarkdownReport.FILE))).doesNotContain("<script");
    }
}
