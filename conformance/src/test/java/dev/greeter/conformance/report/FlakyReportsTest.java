package dev.greeter.conformance.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.greeter.conformance.config.HarnessConfig;
import dev.greeter.conformance.config.Implementation;
import dev.greeter.conformance.config.Options;
import dev.greeter.conformance.run.Campaign;
import dev.greeter.conformance.run.RepeatedRuns;
import dev.greeter.conformance.run.Report;
import dev.greeter.conformance.run.RuleResult;
import dev.greeter.conformance.spec.Area;
import dev.greeter.conformance.spec.Rule;
import dev.greeter.conformance.spec.Transport;
import dev.greeter.conformance.spec.Verdict;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A rule that failed in one of three runs (--repeat 3) as every report shows it: FLAKY, its counts and the failing run's
 * evidence in the console, JSON, JUnit XML, HTML and Markdown; through a merge; and a single run's reports unchanged.
 */
class FlakyReportsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One run of server s on every TCP server rule, all PASS but 2.1, whose verdict is given. */
    private static Report run(int n, Verdict v21) {
        List<RuleResult> results = Arrays.stream(Rule.values())
                .filter(r -> r.area().role() == Area.Role.SERVER && r.area().transport() == Transport.TCP)
                .map(r -> new RuleResult(r, r == Rule.R2_1 ? v21 : Verdict.PASS, r.requirement(),
                        r == Rule.R2_1 && v21 == Verdict.FAIL ? "nothing within 2000 ms in run " + n : "fine in run " + n,
                        List.of("+    0 ms  -> SYN to server-under-test-1:40674"), 7, Optional.empty(), "", r.methodPrefix() + "check"))
                .toList();
        return new Report("server s", results, Duration.ofSeconds(1), false);
    }

    private static Document document(Report report, String... args) {
        HarnessConfig shared = Options.plan(args).shared();
        Implementation s = Implementation.parse(Area.Role.SERVER, "s=img/s:1", List.of());
        return Document.of(new Campaign.Outcome(Instant.parse("2026-01-01T00:00:00Z"), Duration.ofSeconds(3),
                List.of(new Campaign.Judged(s, report, "sha256:abc")), List.of()), shared, 15);
    }

    private static Report flaky() {
        return RepeatedRuns.combine(List.of(run(1, Verdict.PASS), run(2, Verdict.FAIL), run(3, Verdict.PASS)));
    }

    @Test
    void theConsoleMarksTheRuleFlakyWithItsCountsAndTheFailingRunsEvidence() {
        StringWriter text = new StringWriter();
        ConsoleReport console = new ConsoleReport(new PrintWriter(text));
        Report report = flaky();
        console.summary(report);
        console.matrix(document(report, "--server", "s=img/s:1", "--repeat", "3"));
        String out = text.toString();
        assertThat(out).as("the header").contains("server s to SPEC.md " + dev.greeter.conformance.spec.SpecVersion.CURRENT + ", judged 3 times");
        assertThat(out).as("the table: the FLAKY rule and its count of passes").containsPattern("(?m)^2\\.1 +MUST +greeting +FLAKY +2/3 +Greets unprompted$")
                .containsPattern("(?m)^2\\.2 +MUST +greeting +PASS +3/3 ");
        assertThat(out).as("the evidence: the failing run's, with the runs").contains("FAIL 2.1 MUST Greets unprompted FLAKY")
                .contains("  runs:        passed 2 of 3 runs, failed in run 2; the evidence is run 2's")
                .contains("  observed:    nothing within 2000 ms in run 2");
        assertThat(out).as("the verdict and the closing line").contains("DOES NOT CONFORM (a MUST rule failed, in some runs only: FLAKY)")
                .contains("failed, 0 skipped, 1 of them flaky");
        assertThat(out).as("the matrix").containsPattern("(?m)^2\\.1   FLAKY ");
    }

    @Test
    void theConsoleProgressNamesTheRunOnlyWhenThereAreSeveral() {
        StringWriter text = new StringWriter();
        ConsoleReport console = new ConsoleReport(new PrintWriter(text));
        RuleResult r = run(1, Verdict.FAIL).results().stream().filter(x -> x.rule() == Rule.R2_1).findFirst().orElseThrow();
        console.progress(r, null, 2, 3);
        console.progress(r, "s", 1, 1);
        assertThat(text.toString().lines().toList()).satisfiesExactly(
                l -> assertThat(l).startsWith("FAIL    2.1  MUST   greeting    Greets unprompted").endsWith(" [run 2/3]"),
                l -> assertThat(l).doesNotContain("[run").endsWith(" [s]"));
    }

    @Test
    void everyReportFileMarksItFlaky(@TempDir Path dir) throws Exception {
        Document doc = document(flaky(), "--server", "s=img/s:1", "--repeat", "3");
        ReportDir.write(doc, dir);

        JsonNode json = JSON.readTree(dir.resolve(JsonReport.FILE).toFile());
        assertThat(json.at("/options/repeat").asInt()).isEqualTo(3);
        JsonNode cell = cellOf(json, "2.1");
        assertThat(cell.get("verdict").asText()).as("the verdict stays FAIL for readers that know no FLAKY").isEqualTo("FAIL");
        assertThat(cell.get("runs").toString()).isEqualTo("[\"PASS\",\"FAIL\",\"PASS\"]");
        assertThat(cell.get("passed").asInt()).isEqualTo(2);
        assertThat(cell.get("evidenceRun").asInt()).isEqualTo(2);
        assertThat(cell.get("flaky").asBoolean()).isTrue();
        assertThat(cell.get("observed").asText()).isEqualTo("nothing within 2000 ms in run 2");
        assertThat(cellOf(json, "2.2").get("flaky").asBoolean()).isFalse();

        String xml = Files.readString(dir.resolve(JunitXmlReport.FILE));
        assertThat(xml).as("JUnit: a failure, typed FLAKY").contains("<failure type=\"FLAKY\" message=\"FAIL 2.1 MUST (FLAKY, passed 2 of 3 runs,"
                + " failed in run 2; the evidence is run 2's): nothing within 2000 ms in run 2\"")
                .contains("runs: passed 2 of 3 runs, failed in run 2").contains("failures=\"1\"");

        String html = Files.readString(dir.resolve(HtmlReport.FILE));
        assertThat(html).as("the grid cell: FLAKY, linking to the evidence").containsPattern(
                "<td class=\"cell v-flaky\" data-rule=\"2\\.1\" data-implementation=\"s\"><a href=\"#e1-2\\.1\" title=\"FLAKY \\(FAIL\\), passed 2 of 3 runs 2\\.1 Greets unprompted — s\">≈</a></td>");
        assertThat(html).as("the evidence").contains("<article id=\"e1-2.1\" class=\"fail v-flaky\">")
                .contains("<dt>runs</dt><dd>passed 2 of 3 runs, failed in run 2; the evidence is run 2&#39;s</dd>")
                .contains("judged 3 times (--repeat)").contains("≈ FLAKY");

        String md = Files.readString(dir.resolve(MarkdownReport.FILE));
        assertThat(md).as("summary.md").contains("| ≈ FLAKY (2/3) |").contains("| ✔ PASS (3/3) |")
                .contains("**≈ FLAKY 2.1 MUST Greets unprompted**").contains("- runs: passed 2 of 3 runs, failed in run 2")
                .contains("(1 FLAKY: 2\\.1)");
    }

    @Test
    void aMergeKeepsTheRunsAndJudgesThemAgain(@TempDir Path dir) throws Exception {
        ReportDir.write(document(flaky(), "--server", "s=img/s:1", "--repeat", "3"), dir);
        Document merged = Merge.merge(List.of(JsonReport.read(dir.resolve(JsonReport.FILE))), List.of("a"), false);
        Document.Cell cell = merged.implementations().get(0).cell("2.1").orElseThrow();
        assertThat(cell.runs()).containsExactly("PASS", "FAIL", "PASS");
        assertThat(cell.flaky()).isTrue();
        assertThat(merged.implementations().get(0).flaky()).containsExactly("2.1");
        assertThat(merged.exitStatus()).isEqualTo(Report.DOES_NOT_CONFORM);

        // A shard that claims FLAKY away (flaky false, passed 3) is judged by its runs all the same.
        Path summaries = edited(dir, "summaries", c -> c.put("flaky", false).put("passed", 3));
        assertThat(Merge.merge(List.of(JsonReport.read(summaries)), List.of("s"), false).implementations().get(0).cell("2.1")
                .orElseThrow().flaky()).isTrue();
    }

    @Test
    void aShardWhoseVerdictIsNotItsRunsIsRefused(@TempDir Path dir) throws Exception {
        ReportDir.write(document(flaky(), "--server", "s=img/s:1", "--repeat", "3"), dir);
        Path passes = edited(dir, "passes", c -> c.put("verdict", "PASS").put("fatal", false));
        assertThatThrownBy(() -> Merge.merge(List.of(JsonReport.read(passes)), List.of("passes"), false)).isInstanceOf(Merge.Refused.class)
                .hasMessage("passes: server s has verdict PASS on rule '2.1', but its runs gave FAIL");
        Path fewer = edited(dir, "fewer", c -> ((ArrayNode) c.get("runs")).remove(0));
        assertThatThrownBy(() -> Merge.merge(List.of(JsonReport.read(fewer)), List.of("fewer"), false))
                .hasMessage("fewer: server s has 2 runs' verdicts on rule '2.1', but its run judged 3 times");
        Path elsewhere = edited(dir, "elsewhere", c -> c.put("evidenceRun", 1));
        assertThatThrownBy(() -> Merge.merge(List.of(JsonReport.read(elsewhere)), List.of("elsewhere"), false))
                .hasMessage("elsewhere: server s shows the evidence of run 1 on rule '2.1', not of a run that gave its verdict");
    }

    @Test
    void aRepeatedRunAndASingleOneAreNotComparable(@TempDir Path dir) throws Exception {
        Path repeated = Files.createDirectories(dir.resolve("repeated"));
        Path once = Files.createDirectories(dir.resolve("once"));
        ReportDir.write(document(flaky(), "--server", "s=img/s:1", "--repeat", "3"), repeated);
        Report single = run(1, Verdict.PASS);
        Document doc = document(single, "--server", "t=img/s:1");
        ReportDir.write(new Document(doc.harnessVersion(), doc.specVersion(), doc.date(), doc.options(),
                List.of(renamed(doc.implementations().get(0), "t")), doc.interop(), doc.notes(), doc.elapsedMillis()), once);
        assertThatThrownBy(() -> Merge.merge(List.of(JsonReport.read(repeated.resolve(JsonReport.FILE)), JsonReport.read(once.resolve(JsonReport.FILE))),
                List.of("repeated", "once"), false)).isInstanceOf(Merge.Refused.class).hasMessageContaining("option repeat differs: 3 in repeated, null in once");
    }

    @Test
    void aSingleRunsReportsAreThoseOfBeforeRepeat(@TempDir Path dir) throws Exception {
        Document doc = document(run(1, Verdict.FAIL), "--server", "s=img/s:1");
        ReportDir.write(doc, dir);
        JsonNode json = JSON.readTree(dir.resolve(JsonReport.FILE).toFile());
        assertThat(json.at("/options").has("repeat")).isFalse();
        assertThat(cellOf(json, "2.1").has("runs")).as("no runs, passed, evidenceRun or flaky").isFalse();
        assertThat(cellOf(json, "2.1").has("flaky")).isFalse();
        for (String file : List.of(JsonReport.FILE, JunitXmlReport.FILE, MarkdownReport.FILE)) {
            assertThat(Files.readString(dir.resolve(file))).as(file).doesNotContain("FLAKY").doesNotContain("runs:");
        }
        assertThat(Files.readString(dir.resolve(HtmlReport.FILE))).contains("<td class=\"cell v-fail\"").doesNotContain("v-flaky\"");
        StringWriter text = new StringWriter();
        new ConsoleReport(new PrintWriter(text)).summary(run(1, Verdict.FAIL));
        assertThat(text.toString()).doesNotContain("FLAKY").doesNotContain("judged").containsPattern("(?m)^rule +level +area +verdict +requirement$");
    }

    private static Document.Column renamed(Document.Column c, String name) {
        return new Document.Column(name, c.role(), c.image(), c.digest(), c.declared(), c.marked(), c.exitStatus(), c.conforms(),
                c.elapsedMillis(), c.counts(), c.rules(), c.containersStarted());
    }

    private static JsonNode cellOf(JsonNode json, String id) {
        for (JsonNode c : json.at("/implementations/0/rules")) {
            if (c.get("id").asText().equals(id)) {
                return c;
            }
        }
        throw new AssertionError("no cell " + id);
    }

    /** The report in {@code dir} with rule 2.1's cell edited, written to a file of its own. */
    private static Path edited(Path dir, String name, java.util.function.Consumer<ObjectNode> edit) throws Exception {
        ObjectNode root = (ObjectNode) JSON.readTree(dir.resolve(JsonReport.FILE).toFile());
        for (JsonNode c : root.at("/implementations/0/rules")) {
            if (c.get("id").asText().equals("2.1")) {
                edit.accept((ObjectNode) c);
            }
        }
        Path file = dir.resolve(name + ".json");
        JSON.writeValue(file.toFile(), root);
        return file;
    }

}
