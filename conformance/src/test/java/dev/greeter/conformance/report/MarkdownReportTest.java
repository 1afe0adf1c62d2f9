package dev.greeter.conformance.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * summary.md, the one job summary: the conformance action appends it as it is. Its content on documents made by hand, and
 * the action's testdata (real reports of this harness, each a conformance.json with the summary.md rendered from it)
 * kept in step with this writer: run with {@code -Dgreeter.testdata.write=true} to render them again after a change.
 */
class MarkdownReportTest {

    private static final Path TESTDATA = Path.of("..", ".github", "actions", "conformance", "testdata");

    @Test
    void eachImplementationHasAVerdictLineAndEachFailedRuleItsRequirementExpectedAndObserved() {
        String md = MarkdownReport.render(ReportDocumentTest.sample());
        assertThat(md).as("headline").startsWith("## greeter conformance: 1 of 2 implementations does not conform (exit status 1)\n");
        assertThat(md).as("verdict lines").contains("- ✘ server s: **DOES NOT CONFORM**; img/s\\:1 (sha256\\:abc): 1 PASS\n",
                "- ✔ client c: **CONFORMS**; img/c\\:1 (sha256\\:abc): 1 PASS\n");
        assertThat(md).as("the matrix").contains("| rule | s (server) | c (client) |", "| 2.2 Sends exactly the greeting | ✘ FAIL |  |",
                "| **result** | **DOES NOT CONFORM** | **CONFORMS** |");
        assertThat(md).as("the failed rule in spec words").contains("### Failed rules",
                "**✘ FAIL 2.2 MUST Sends exactly the greeting**: server s\n",
                "- requirement: The bytes received before the server closes are exactly the declared greeting",
                "- expected: the declared greeting\n",
                "- observed: received &lt;script&gt;alert\\(1\\)&lt;/script&gt;");
        assertThat(md).as("a passed rule is no failure").doesNotContain("PASS 2.1 MUST");
        HostileTextTest.assertMarkdownInert(md);
    }

    @Test
    void aConformingRunListsNoFailedRulesAndALongObservationIsCut() {
        Document conforming = ReportDocumentTest.doc(1.0, "2.0", ReportDocumentTest.column("p", "server", ReportDocumentTest.cell("2.1", "PASS", "ok")));
        assertThat(MarkdownReport.render(conforming)).startsWith("## greeter conformance: the implementation conforms (exit status 0)")
                .doesNotContain("Failed rules");
        assertThat(MarkdownReport.field("y".repeat(1000))).as("a field of 1000 characters").hasSize(MarkdownReport.FIELD_LIMIT).endsWith("…");
        assertThat(MarkdownReport.field("y".repeat(MarkdownReport.FIELD_LIMIT))).doesNotContain("…");
    }

    @Test
    void xpassAndErrorAreFailedRulesTooAndANonFatalFailSaysSo() {
        Document.Cell xpass = ReportDocumentTest.cell("2.1", "XPASS", "ok");
        Document.Cell should = new Document.Cell("2.3", "SHOULD", "greeting", "t", null, "FAIL", false, null, "a note", "FIN", "RST", List.of(), 1);
        Document.Cell error = ReportDocumentTest.cell("2.2", "ERROR", "engine gone");
        String md = MarkdownReport.render(ReportDocumentTest.doc(1.0, "2.0", ReportDocumentTest.column("x", "server", xpass, error, should)));
        assertThat(md).contains("**! XPASS 2.1 MUST", "**⚠ ERROR 2.2 MUST", "**: server x (not fatal)\n", "- note: a note\n");
    }

    @Test
    void aSkippedRuleSaysWhichFailedRuleItWasSkippedFor() throws IOException {
        String md = Files.readString(TESTDATA.resolve("client-discards").resolve(MarkdownReport.FILE), StandardCharsets.UTF_8);
        assertThat(md).startsWith("## greeter conformance: the implementation does not conform (exit status 1)")
                .contains("| 7.2 Reads a greeting split across segments | – SKIPPED (7.1 failed) |");
    }

    @Test
    void theActionsTestdataHoldsWhatThisWriterRendersFromItsReports() throws IOException {
        boolean write = Boolean.getBoolean("greeter.testdata.write");
        List<Path> dirs;
        try (Stream<Path> s = Files.list(TESTDATA)) {
            dirs = s.filter(d -> Files.isRegularFile(d.resolve(JsonReport.FILE))).sorted().toList();
        }
        assertThat(dirs).as("reports in " + TESTDATA).hasSizeGreaterThanOrEqualTo(4);
        for (Path dir : dirs) {
            String rendered = MarkdownReport.render(JsonReport.read(dir.resolve(JsonReport.FILE)));
            Path md = dir.resolve(MarkdownReport.FILE);
            if (write) {
                Files.writeString(md, rendered, StandardCharsets.UTF_8);
            }
            assertThat(Files.readString(md, StandardCharsets.UTF_8)).as(md + " (render again: -Dgreeter.testdata.write=true)").isEqualTo(rendered);
        }
    }

    @Test
    void theVerdictLineCountsEveryVerdictItHas() {
        Document.Column c = new Document.Column("n", "server", "i", null, Map.of(), List.of(), 0, true, 1,
                new java.util.LinkedHashMap<>(Map.of("PASS", 3L)), List.of(), null);
        assertThat(MarkdownReport.render(ReportDocumentTest.doc(1.0, "2.0", c))).contains("- ✔ server n: **CONFORMS**; i: 3 PASS\n");
    }
}
