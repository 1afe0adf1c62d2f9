package dev.greeter.conformance.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import dev.greeter.conformance.spec.SpecVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HTML page, its wire diagrams, the JSON round trip and merging, on documents made by hand (no engine needed). */
class ReportDocumentTest {

    static final String MARKUP = "<script>alert(1)</script><img/src=x/onerror=alert(2)>&amp;\"'";

    static final List<String> TRACE = List.of(
            "+    0 ms  -> SYN to server-under-test-1:40674",
            "+    0 ms  <- SYN-ACK: connected",
            "+    1 ms  <- 60 bytes \"" + MARKUP.replace("\"", "\\\"") + "\"",
            "+    2 ms  <- RST: connection reset",
            "then a new client connects:",
            "          ... (trace cut)");

    static Document.Cell cell(String id, String verdict, String observed) {
        return new Document.Cell(id, "MUST", id.startsWith("7") ? "client" : "greeting", "title " + id, "required_spec"
                + id.replace(".", "0") + "_check", verdict, verdict.equals("FAIL"), null, null, "the declared greeting", observed, TRACE, 5);
    }

    static Map<String, Object> options(double timeScale) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("timeScale", timeScale);
        o.put("strict", false);
        o.put("startupTimeoutSeconds", 15);
        o.put("expectedFailures", Map.of());
        o.put("isolation", Map.of("hardened", true, "memoryBytes", 268435456, "pids", 256, "nofile", 256, "cpus", 1.0, "network", "internal"));
        return o;
    }

    static Document.Column column(String name, String role, Document.Cell... cells) {
        boolean fails = List.of(cells).stream().anyMatch(Document.Cell::fatal);
        return new Document.Column(name, role, "img/" + name + ":1", "sha256:abc", Map.of("greeting", MARKUP), List.of(), fails ? 1 : 0,
                !fails, 10, Map.of("PASS", 1L), List.of(cells), null);
    }

    static Document doc(double timeScale, String spec, Document.Column... columns) {
        return new Document("0.1.0", spec, "2026-01-01T00:00:00Z", options(timeScale), List.of(columns),
                List.of(new Document.Interop("c", "s", "PASS", 0L, "prints the greeting", "exit 0; printed \"" + MARKUP + "\"", MARKUP, MARKUP, 3)),
                List.of("note " + MARKUP), 100);
    }

    static Document sample() {
        return doc(1.0, "2.0", column("s", "server", cell("2.1", "PASS", "ok"), cell("2.2", "FAIL", "received " + MARKUP)),
                column("c", "client", cell("7.1", "PASS", "printed " + MARKUP)));
    }

    @Test
    void thePageHasNoScriptNoExternalReferenceAndEscapesEverythingAnImplementationSaid() {
        String html = HtmlReport.render(sample());
        String lower = html.toLowerCase(Locale.ROOT);
        for (String live : List.of("<script", "<img", " onerror=", " src=", "@import", "url(", "<link", "<iframe", "<object")) {
            assertThat(lower.contains(live)).as("the page contains " + live).isFalse();
        }
        assertLinksStayInThePage(html);
        String withoutSvgNamespace = lower.replace("xmlns=\"http://www.w3.org/2000/svg\"", "");
        assertThat(withoutSvgNamespace.contains("http:") || withoutSvgNamespace.contains("https:")).as("a URL in the page").isFalse();
        assertThat(html).contains("&lt;script&gt;alert(1)&lt;/script&gt;&lt;img/src=x/onerror=alert(2)&gt;&amp;amp;");
        assertThat(html).contains("Content-Security-Policy", "default-src 'none'");
    }

    /** Every link of the page is an anchor of the page itself, and leads somewhere: the page never points outside. */
    static void assertLinksStayInThePage(String html) {
        Matcher href = Pattern.compile("href=\"([^\"]*)\"").matcher(html);
        while (href.find()) {
            assertThat(href.group(1)).as("a link").matches("#e[0-9]+-[0-9]+\\.[0-9]+");
            assertThat(html).as("the target of " + href.group(1)).contains(" id=\"" + href.group(1).substring(1) + "\"");
        }
    }

    @Test
    void cellsCarryVerdictSymbolClassAndHoverTextAndAFailedOneLinksToItsEvidence() {
        String html = HtmlReport.render(sample());
        assertThat(html).contains("<td class=\"cell v-fail\" data-rule=\"2.2\" data-implementation=\"s\"><a href=\"#e1-2.2\" title=\"FAIL 2.2 ",
                "<td class=\"cell v-pass\" data-rule=\"2.1\" data-implementation=\"s\"><span title=\"PASS 2.1 Greets unprompted — s\">✔</span></td>",
                "<article id=\"e1-2.2\" class=\"fail v-fail\">", "<dt>requirement</dt>", "<dt>expected</dt>", "<dt>observed</dt>",
                "<svg class=\"wire\"", "Servers: conformance", "Clients: conformance", "Interop: every client against every server",
                "SPEC.md 2.0", "0.1.0");
        assertThat(html).as("a passed cell has no evidence section").doesNotContain("id=\"e1-2.1\"", "href=\"#e1-2.1\"");
        assertLinksStayInThePage(html);
        assertThat(html.split("href=\"#").length - 1).as("links: one per failed cell").isEqualTo(1);
        assertThat(html).as("what the implementation said is no attribute: a browser serializes an attribute's < raw")
                .doesNotContain("title=\"FAIL 2.2 Sends exactly the greeting — s: received");
        String skipped = HtmlReport.render(doc(1.0, "2.0", column("s", "server", new Document.Cell("2.1", "MUST", "greeting", "t", "x",
                "SKIPPED", false, "1.1", null, "", "skipped: rule 1.1 failed (a prerequisite of the greeting area)", List.of(), 0))));
        assertThat(skipped).as("a skipped cell says why on hover").contains("<span title=\"SKIPPED 2.1 Greets unprompted — s: skipped: rule 1.1 failed"
                + " (a prerequisite of the greeting area)\">–</span>");
    }

    @Test
    void thePageOpensWithTheGridAndTheEvidenceFollowsIt() {
        String html = HtmlReport.render(sample());
        int grid = html.indexOf("<table class=\"matrix\">");
        assertThat(grid).as("the grid").isPositive();
        assertThat(html.indexOf("<section")).as("the first section is the servers' grid").isEqualTo(html.indexOf("<section id=\"grid-server\">"));
        assertThat(html.indexOf("Run and implementations")).as("the run's details come after the grids").isGreaterThan(html.indexOf("id=\"grid-client\""));
        assertThat(html.indexOf("<article id=\"e1-2.2\"")).as("the evidence comes after the grid").isGreaterThan(grid);
        assertThat(html.indexOf("<dt>requirement</dt>")).as("no evidence before the grid").isGreaterThan(grid);
        assertThat(html).as("an implementation's name as a vertical column header, its result on hover")
                .contains("<th scope=\"col\" class=\"col s1\" title=\"1 s: DOES NOT CONFORM\"><span>s</span></th>");
    }

    @Test
    void theNotesAreACollapsedListAndAMergeListsItsRunsOneAnItem() {
        Document merged = Merge.merge(List.of(doc(1.0, SpecVersion.CURRENT, wholeServer("s", cell("2.1", "PASS", "ok"))),
                doc(1.0, SpecVersion.CURRENT, wholeServer("t", cell("2.1", "PASS", "ok"))),
                doc(1.0, SpecVersion.CURRENT, wholeServer("u", cell("2.1", "PASS", "ok")))), List.of("runs/A", "runs/B", "runs/C"), false);
        String html = HtmlReport.render(merged);
        assertThat(html).contains("<details class=\"notes\"><summary><strong>Notes</strong> (4): note ",
                "<li>merged from 3 runs (interop pairs only within a run; elapsed is the runs&#39; sum):<ul><li>2026-01-01T00:00:00Z in runs/A</li>",
                "<li>2026-01-01T00:00:00Z in runs/C</li></ul></li>");
        assertThat(html).as("a note is no paragraph").doesNotContain("<p class=\"notice\">");
        assertThat(html.indexOf("<details class=\"notes\">")).as("the notes are before the grid, collapsed").isLessThan(html.indexOf("<table class=\"matrix\">"));
    }

    @Test
    void aDigestShowsItsFirstTwelveHexDigitsAndTheWholeOnHover() {
        String full = "sha256:0c1c6bd242a5f00dfeedbeefcafe0123456789abcdef0123456789abcdef";
        assertThat(HtmlReport.digest(full)).isEqualTo("<code class=\"digest\" title=\"" + full + "\">0c1c6bd242a5…</code>");
        assertThat(HtmlReport.digest("sha256:abc")).isEqualTo("<code class=\"digest\" title=\"sha256:abc\">abc</code>");
        assertThat(HtmlReport.digest(null)).isEqualTo("<code class=\"digest\">unknown</code>");
        assertThat(HtmlReport.digest("sha256:<b>\"x\"</b>0123456789abcdef")).as("escaped in both").doesNotContain("<b>", "\"x\"");
        Document.Column c = new Document.Column("s", "server", "img/s:1", full, Map.of(), List.of(), 0, true, 10, Map.of("PASS", 1L),
                List.of(cell("2.1", "PASS", "ok")), null);
        assertThat(HtmlReport.render(doc(1.0, "2.0", c))).contains("title=\"" + full + "\">0c1c6bd242a5…</code>").doesNotContain(">" + full + "<");
    }

    @Test
    void theWireDiagramDrawsHandshakeDataAndResetBetweenTwoLifelines() {
        List<WireDiagram.Event> events = WireDiagram.parse(TRACE);
        assertThat(events).extracting(WireDiagram.Event::label).startsWith("SYN", "SYN-ACK");
        assertThat(events.get(0).toServer()).isTrue();
        assertThat(events.get(1).toServer()).isFalse();
        assertThat(events.get(2).label()).startsWith("60 bytes \"<script>");
        assertThat(events.get(2).kind()).isEqualTo("data");
        assertThat(events.get(3).label()).startsWith("RST");
        assertThat(events.get(4).toServer()).isNull();
        assertThat(events.get(2).time()).isEqualTo("+1 ms");
        String svg = WireDiagram.svg(TRACE, true);
        assertThat(svg).contains("client (harness probe)", "server (under test)", ">+1 ms<", "60 bytes &quot;&lt;script&gt;")
                .doesNotContain("<script");
        assertThat(svg.split("<polygon").length - 1).isEqualTo(4);
    }

    @Test
    void jsonRoundTripsAndKeepsTheSingleImplementationFields(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("conformance.json");
        JsonReport.write(sample(), f);
        Document back = JsonReport.read(f);
        assertThat(back.implementations()).isEqualTo(sample().implementations());
        assertThat(back.interop()).isEqualTo(sample().interop());
        assertThat(Files.readString(f)).contains("\"rules\"", "\"implementation\"");
    }

    @Test
    void aBuiltImageIsNamedByItsDirectoryInEveryReport(@TempDir Path dir) throws Exception {
        Document.Column s = column("lesson", "server", cell("2.1", "PASS", "ok"));
        Document.Column built = new Document.Column(s.name(), s.role(), "greeter-built/server:1a2b", "sha256:" + "d".repeat(64), s.declared(),
                s.marked(), s.exitStatus(), s.conforms(), s.elapsedMillis(), s.counts(), s.rules(), null, "lesson-python/server");
        Document doc = doc(1.0, "2.2", built);
        Path f = dir.resolve("conformance.json");
        JsonReport.write(doc, f);
        assertThat(JsonReport.read(f).implementations().get(0).build()).as("build, read back").isEqualTo("lesson-python/server");
        assertThat(Files.readString(f)).as("the JSON").contains("\"build\" : \"lesson-python/server\"", "\"serverBuild\" : \"lesson-python/server\"");
        assertThat(HtmlReport.render(doc)).as("the HTML").contains("built from <code>lesson-python/server</code>");
        assertThat(MarkdownReport.render(doc)).as("the Markdown").contains("built from lesson-python/server (sha256");
        assertThat(Files.readString(f)).as("an image given by name has no build").doesNotContain("\"clientBuild\"");
    }

    /** A server column as a TCP run writes it: these cells, and every other TCP server rule SKIPPED (merge requires them all). */
    static Document.Column wholeServer(String name, Document.Cell judged) {
        List<Document.Cell> cells = new java.util.ArrayList<>();
        for (dev.greeter.conformance.spec.Rule r : dev.greeter.conformance.spec.Rule.values()) {
            if (r.area().transport() == dev.greeter.conformance.spec.Transport.TCP && r.area().role() == dev.greeter.conformance.spec.Area.Role.SERVER) {
                cells.add(r.id().equals(judged.id()) ? judged : new Document.Cell(r.id(), r.level().name(), r.area().id(), r.title(),
                        "required_spec_x", "SKIPPED", false, null, "not selected", "", "", List.of(), 0));
            }
        }
        return column(name, "server", cells.toArray(Document.Cell[]::new));
    }

    @Test
    void mergeKeepsEveryColumnAndRefusesRunsThatAreNotComparable() {
        Document a = doc(1.0, SpecVersion.CURRENT, wholeServer("a", cell("2.2", "FAIL", "x")));
        Document b = doc(1.0, SpecVersion.CURRENT, wholeServer("b", cell("2.2", "PASS", "y")));
        Document merged = Merge.merge(List.of(a, b), List.of("A", "B"), false);
        assertThat(merged.implementations()).extracting(Document.Column::name).containsExactly("a", "b");
        assertThat(merged.exitStatus()).isEqualTo(1);
        assertThat(merged.notes()).anyMatch(n -> n.startsWith("merged from 2 runs"));

        Document slower = doc(2.0, SpecVersion.CURRENT, wholeServer("b", cell("2.2", "PASS", "y")));
        assertThatThrownBy(() -> Merge.merge(List.of(a, slower), List.of("A", "B"), false)).isInstanceOf(Merge.Refused.class)
                .hasMessageContaining("option timeScale differs: 1.0 in A, 2.0 in B").hasMessageContaining("--force");
        Document forced = Merge.merge(List.of(a, slower), List.of("A", "B"), true);
        assertThat(forced.notes()).anyMatch(n -> n.contains("merged with --force") && n.contains("timeScale"));
        assertThat(HtmlReport.render(forced)).contains("merged with --force");
        assertThat(MarkdownReport.render(forced)).contains("merged with --force");

        Document older = doc(1.0, "1.0", wholeServer("b", cell("2.2", "PASS", "y")));
        assertThatThrownBy(() -> Merge.merge(List.of(a, older), List.of("A", "B"), false)).hasMessageContaining("spec versions differ");
        assertThatThrownBy(() -> Merge.merge(List.of(a, a), List.of("A", "B"), true)).hasMessageContaining("server a is in both A and B");
    }

    @Test
    void marksShowWhetherAKnownBadImplementationFailsExactlyItsRules() {
        Document d = Merge.mark(doc(1.0, SpecVersion.CURRENT, column("bad", "server", cell("2.1", "PASS", "ok"), cell("2.2", "FAIL", "x"))),
                Map.of("bad", List.of("2.2")));
        String html = HtmlReport.render(d);
        assertThat(html).contains("cell v-fail marked", "known to fail 2.2: fails exactly these");
        assertThat(MarkdownReport.render(d)).contains("FAIL (expected)");
        assertThatThrownBy(() -> Merge.mark(d, Map.of("nobody", List.of("2.2")))).hasMessageContaining("nobody");
    }

    @Test
    void everyFormatIsWritten(@TempDir Path dir) throws Exception {
        assertThat(ReportDir.write(sample(), dir)).allMatch(Files::isRegularFile).hasSize(4);
        assertThat(Files.readString(dir.resolve("summary.md"))).contains("| rule |", "&lt;script&gt;").doesNotContain("<script");
    }

    @Test
    void junitXmlNamesEachTestcaseAfterTheCheckItsCellCarriesAndAnOlderRunsCellsAreNamedByTheSuite(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("t.xml");
        JunitXmlReport.write(sample(), f);
        assertThat(Files.readString(f)).contains("name=\"required_spec201_check\"", "name=\"required_spec202_check\"");

        Document.Cell older = cell("2.2", "FAIL", "x").withCheck(null);
        Document named = doc(1.0, "2.0", column("s", "server", older)).namingChecks(rule -> "required_spec202_fromTheSuite");
        assertThat(named.implementations().get(0).rules().get(0).check()).isEqualTo("required_spec202_fromTheSuite");
        Document current = doc(1.0, "2.0", column("s", "server", cell("2.2", "FAIL", "x")));
        assertThat(current.namingChecks(rule -> "other")).as("a cell that names its check keeps it").isEqualTo(current);
        JunitXmlReport.write(doc(1.0, "2.0", column("s", "server", older)), f);
        assertThat(Files.readString(f)).as("no name at all: the rule's prefix").contains("name=\"required_spec202_unchecked\"");
    }

    @Test
    void junitXmlEscapesMarkupAndDropsControlCharactersXmlCannotCarry(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("t.xml");
        JunitXmlReport.write(doc(1.0, "2.0", column("s", "server", cell("2.2", "FAIL", "received \u0001\u001b[31m" + MARKUP + "\u0000"))), f);
        org.w3c.dom.Document xml = javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(f.toFile());
        org.w3c.dom.Element failure = (org.w3c.dom.Element) xml.getElementsByTagName("failure").item(0);
        assertThat(failure.getAttribute("message")).isEqualTo("FAIL 2.2 MUST: received \uFFFD\uFFFD[31m" + MARKUP + "\uFFFD");
        assertThat(failure.getTextContent()).contains("observed: received \uFFFD\uFFFD[31m" + MARKUP, "\n  +    0 ms  -> SYN");
        assertThat(xml.getElementsByTagName("property").getLength()).isGreaterThanOrEqualTo(7);
        assertThat(Text.xml("a\tb\nc\u0007d")).isEqualTo("a\tb\nc\uFFFDd");
    }
}
