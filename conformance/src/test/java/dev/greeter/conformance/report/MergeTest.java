package dev.greeter.conformance.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.greeter.conformance.cli.ConformanceCommand;
import dev.greeter.conformance.run.Report;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Merging on real reports of the harness (shards/: greeter-fixture/plain and greeter-fixture/wrong-greeting judged
 * with --only greeting, each on its own and both in one run): the merge gives the one-go report, and a shard that
 * lies is judged by its cells or refused.
 */
class MergeTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * A stored shard as this harness would write it now: recorded again under SPEC.md 2.3 (1.3 and 2.4 new), with
     * {@code --only greeting --captures none}; only its version is brought up to date. Merge refuses other versions,
     * and the shards need recording again only when the rules they judge change.
     */
    static Path shard(String name) {
        try {
            ObjectNode root = (ObjectNode) JSON.readTree(Path.of(MergeTest.class.getResource("shards/" + name + ".json").toURI()).toFile());
            root.put("specVersion", dev.greeter.conformance.spec.SpecVersion.CURRENT);
            Path file = Files.createTempDirectory("shard-" + name).resolve(name + ".json");
            JSON.writeValue(file.toFile(), root);
            file.toFile().deleteOnExit();
            file.getParent().toFile().deleteOnExit();
            return file;
        } catch (URISyntaxException | java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The fields that may differ between a merge and the one-go run, as {@link Merge} lists them: the date, every
     * duration (document, column, cell, the time offsets in wire traces and the times an observation quotes), containers
     * started, the merge's own note, interop.
     */
    static Document withoutWhatIsEachRunsOwn(Document d) {
        List<Document.Column> cols = d.implementations().stream().map(c -> new Document.Column(c.name(), c.role(), c.image(), c.digest(),
                c.declared(), c.marked(), c.exitStatus(), c.conforms(), 0, c.counts(), c.rules().stream().map(r -> new Document.Cell(r.id(),
                r.level(), r.area(), r.title(), r.check(), r.verdict(), r.fatal(), r.skippedBecause(), r.note(), r.expected(),
                r.observed() == null ? null : r.observed().replaceAll("after \\d+ ms", "after N ms"),
                r.trace().stream().map(t -> t.replaceFirst("^\\+\\s*\\d+ ms", "+N ms")).toList(), 0)).toList(), null)).toList();
        return new Document(d.harnessVersion(), d.specVersion(), null, d.options(), cols, List.of(),
                d.notes().stream().filter(n -> !n.startsWith("merged from ")).toList(), 0);
    }

    @Test
    void mergingTheShardsGivesTheReportOfTheSameWorkRunInOneGo(@TempDir Path dir) throws Exception {
        Document oneGo = JsonReport.read(shard("both"));
        Document merged = Merge.merge(List.of(JsonReport.read(shard("plain")), JsonReport.read(shard("wrong"))), List.of("plain", "wrong"), false);
        assertThat(withoutWhatIsEachRunsOwn(merged)).as("the merge, but for each run's own timings").isEqualTo(withoutWhatIsEachRunsOwn(oneGo));
        assertThat(merged.exitStatus()).isEqualTo(oneGo.exitStatus()).isEqualTo(Report.DOES_NOT_CONFORM);
        assertThat(merged.implementations().get(1).failed()).containsExactly("2.2");

        // Written and read back, the merged report is still the one-go report: the JSON every other format is made from.
        JsonReport.write(merged, dir.resolve("merged.json"));
        assertThat(withoutWhatIsEachRunsOwn(JsonReport.read(dir.resolve("merged.json")))).isEqualTo(withoutWhatIsEachRunsOwn(oneGo));
    }

    @Test
    void aShardThatClaimsToConformIsJudgedByItsCells(@TempDir Path dir) throws Exception {
        Path liar = edited(dir, "wrong", root -> {
            root.put("exitStatus", 0).put("conforms", true);
            ObjectNode column = (ObjectNode) root.get("implementations").get(0);
            column.put("exitStatus", 0).put("conforms", true);
            column.putObject("counts").put("PASS", 16);
            column.get("rules").forEach(r -> ((ObjectNode) r).put("fatal", false).put("level", "MAY").put("title", "anything"));
        });
        Document merged = Merge.merge(List.of(JsonReport.read(liar)), List.of("liar"), false);
        Document.Column c = merged.implementations().get(0);
        assertThat(c.exitStatus()).as("exit status from a MUST FAIL").isEqualTo(Report.DOES_NOT_CONFORM);
        assertThat(c.conforms()).isFalse();
        assertThat(c.counts()).containsEntry("FAIL", 1L).containsEntry("PASS", 2L).containsEntry("SKIPPED", 15L);
        Document.Cell failed = c.cell("2.2").orElseThrow();
        assertThat(failed.level()).as("the spec's level").isEqualTo("MUST");
        assertThat(failed.title()).isEqualTo("Sends exactly the greeting");
        assertThat(failed.fatal()).isTrue();
        assertThat(merged.exitStatus()).isEqualTo(Report.DOES_NOT_CONFORM);

        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Path report = dir.resolve("merged");
        int status = ConformanceCommand.run(new PrintWriter(out), new PrintWriter(err), "merge", "--report-dir", report.toString(),
                liar.getParent().toString());
        assertThat(status).as(out + "\n" + err).isEqualTo(Report.DOES_NOT_CONFORM);
        assertThat(Files.readString(report.resolve(JsonReport.FILE))).contains("\"exitStatus\" : 1", "\"conforms\" : false");
    }

    @Test
    void aShardHoldingWhatNoRunWritesIsRefusedInOneLineBeforeAnyFileIsWritten(@TempDir Path dir) throws Exception {
        record Lie(String what, Consumer<ObjectNode> edit, String named) {
        }
        List<Lie> lies = List.of(
                new Lie("unknown rule id", root -> cell(root, "1.2").put("id", "99.9"), "unknown rule '99.9'"),
                new Lie("null verdict", root -> cell(root, "2.1").putNull("verdict"), "no verdict on rule '2.1'"),
                new Lie("unknown verdict", root -> cell(root, "2.1").put("verdict", "MOSTLY"), "verdict 'MOSTLY' on rule '2.1'"),
                new Lie("unknown role", root -> column(root).put("role", "robot"), "has role 'robot', not server or client"),
                new Lie("a client rule in a server column", root -> cell(root, "1.2").put("id", "7.1"), "rule '7.1', a rule of the other role"),
                new Lie("two verdicts on a rule", root -> cell(root, "1.2").put("id", "2.2"), "two verdicts on rule '2.2'"),
                new Lie("an XFAIL the run did not expect", root -> cell(root, "2.3").put("verdict", "XFAIL"), "XFAIL on rule '2.3', which its run did not list"),
                new Lie("a control sequence", root -> cell(root, "1.2").put("id", "\u001b]0;pwned\u0007"), "unknown rule '\\x1b]0;pwned\\x07'"),
                new Lie("an older spec", root -> root.put("specVersion", "1.0"), "SPEC.md 1.0 is not this harness's"),
                new Lie("a dropped failing cell", root -> ((com.fasterxml.jackson.databind.node.ArrayNode) column(root).get("rules")).remove(index(root, "2.2")),
                        "has no verdict on rule '2.2'"));
        for (Lie lie : lies) {
            Path shard = edited(dir.resolve(lie.what().replace(' ', '-')), "wrong", lie.edit());
            Path report = dir.resolve("report-" + lie.what().replace(' ', '-'));
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int status = ConformanceCommand.run(new PrintWriter(out), new PrintWriter(err), "merge", "--report-dir", report.toString(),
                    shard(("plain")).toString(), shard.getParent().toString());
            assertThat(status).as(lie.what() + ": " + err).isEqualTo(Report.HARNESS_BROKE);
            assertThat(err.toString().strip()).as(lie.what()).contains("cannot merge", lie.named()).doesNotContain("\n", "\u001b");
            assertThat(report).as(lie.what() + ": nothing written").doesNotExist();
        }
    }

    @Test
    void anExpectedFailureTheRunListedMergesAsXfailAndIsNotFatal(@TempDir Path dir) throws Exception {
        Path listed = edited(dir, "wrong", root -> {
            ((ObjectNode) column(root).get("declared")).putObject("expectedFailures").put("2.2", "known");
            cell(root, "2.2").put("verdict", "XFAIL").put("note", "expected to fail: known");
        });
        Document.Column c = Merge.merge(List.of(JsonReport.read(listed)), List.of("listed"), false).implementations().get(0);
        assertThat(c.exitStatus()).as("XFAIL is not fatal").isEqualTo(Report.CONFORMS);
        assertThat(c.counts()).containsEntry("XFAIL", 1L).containsEntry("FAIL", 0L);
        Path stale = edited(dir.resolve("stale"), "wrong", root -> ((ObjectNode) column(root).get("declared")).putObject("expectedFailures")
                .put("2.2", "known"));
        assertThatThrownBy(() -> Merge.merge(List.of(JsonReport.read(stale)), List.of("stale"), false))
                .hasMessageContaining("has FAIL on rule '2.2', which its run listed in --expect-failures");
    }

    @Test
    void aShardWithoutCheckNamesStillMerges(@TempDir Path dir) throws Exception {
        Path older = edited(dir, "wrong", root -> root.get("implementations").get(0).get("rules").forEach(r -> ((ObjectNode) r).remove("check")));
        Document merged = Merge.merge(List.of(JsonReport.read(shard("plain")), JsonReport.read(older)), List.of("a", "b"), false);
        assertThat(merged.implementations().get(1).cell("2.2").orElseThrow().check()).isNull();
        assertThat(merged.exitStatus()).isEqualTo(Report.DOES_NOT_CONFORM);
        assertThatThrownBy(() -> Merge.merge(List.of(JsonReport.read(older), JsonReport.read(older)), List.of("a", "b"), false))
                .hasMessageContaining("server wrong-greeting is in both a and b");
    }

    private static ObjectNode column(ObjectNode root) {
        return (ObjectNode) root.get("implementations").get(0);
    }

    /** The cell of rule {@code id} in the shard's only column. */
    private static ObjectNode cell(ObjectNode root, String id) {
        return (ObjectNode) column(root).get("rules").get(index(root, id));
    }

    private static int index(ObjectNode root, String id) {
        com.fasterxml.jackson.databind.JsonNode rules = column(root).get("rules");
        for (int i = 0; i < rules.size(); i++) {
            if (rules.get(i).get("id").asText().equals(id)) {
                return i;
            }
        }
        throw new IllegalArgumentException("no rule " + id + " in the shard");
    }

    private static Path edited(Path dir, String name, Consumer<ObjectNode> edit) throws Exception {
        ObjectNode root = (ObjectNode) JSON.readTree(shard(name).toFile());
        edit.accept(root);
        Path file = dir.resolve("run").resolve(JsonReport.FILE);
        Files.createDirectories(file.getParent());
        JSON.writeValue(file.toFile(), root);
        return file;
    }
}
