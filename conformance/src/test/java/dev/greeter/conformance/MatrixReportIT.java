package dev.greeter.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.greeter.conformance.cli.ConformanceCommand;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One run of several implementations (a known-bad server, a server whose greeting is markup, a client),
 * the same implementations judged in two shards and merged, and the HTML report of the run rendered by
 * a real browser (headless Chromium): its DOM has the matrix cells, the wire diagrams and no live script.
 * The greeting area and the client rules keep it short; the full suite of each fixture is KnownFixturesIT's.
 */
class MatrixReportIT {

    static final String MARKUP = "<script>alert(1)</script><img/src=x/onerror=alert(2)>";
    static final List<String> FAILING = List.of("--server", "failing=greeter-fixture/wrong-greeting:latest");
    static final List<String> MARKUP_SERVER = List.of("--server", "markup=greeter-fixture/markup-greeting:latest");
    static final List<String> CLIENT = List.of("--client", "client=greeter-fixture/client-plain:latest");
    static final Path ROOT = Harness.reportRoot().resolve("matrix");

    static Harness combined;
    static Harness shardA;
    static Harness shardB;
    static int mergeStatus;
    static String mergeOut;

    @SafeVarargs
    static List<String> args(List<String>... implementations) {
        List<String> all = new ArrayList<>();
        for (List<String> i : implementations) {
            all.addAll(i);
        }
        all.addAll(List.of("--greeting", MARKUP, "--only", "greeting,client"));
        return all;
    }

    @BeforeAll
    static void run() {
        // The two shards at once, as two CI jobs would, and the same implementations in one run beside them: the runs stand
        // on sites of their own, so none sees another.
        CompletableFuture<Harness> a = CompletableFuture.supplyAsync(() -> Harness.run(ROOT.resolve("shard-a"), args(FAILING)));
        CompletableFuture<Harness> b = CompletableFuture.supplyAsync(() -> Harness.run(ROOT.resolve("shard-b"), args(MARKUP_SERVER, CLIENT)));
        CompletableFuture<Harness> all = CompletableFuture.supplyAsync(() -> Harness.run(ROOT.resolve("combined"),
                args(FAILING, MARKUP_SERVER, CLIENT)));
        shardA = a.join();
        shardB = b.join();
        combined = all.join();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        mergeStatus = ConformanceCommand.run(new PrintWriter(out, true), new PrintWriter(err, true), "merge", "--report-dir",
                ROOT.resolve("merged").toString(), ROOT.resolve("shard-a").toString(), ROOT.resolve("shard-b").toString());
        mergeOut = out + "\n" + err;
    }

    /** "server failing" -> rule id -> verdict, from a report's implementations. */
    static Map<String, Map<String, String>> verdicts(JsonNode report) {
        Map<String, Map<String, String>> all = new TreeMap<>();
        report.get("implementations").forEach(c -> {
            Map<String, String> rules = new TreeMap<>();
            c.get("rules").forEach(r -> rules.put(r.get("id").asText(), r.get("verdict").asText()));
            all.put(c.get("role").asText() + " " + c.get("name").asText(), rules);
        });
        return all;
    }

    static JsonNode read(Path dir) throws IOException {
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(dir.resolve("conformance.json").toFile());
    }

    @Test
    void oneRunJudgesEachImplementationAndEveryClientAgainstEveryServer() {
        assertThat(combined.status()).as(combined.out() + combined.err()).isEqualTo(1);
        Map<String, Map<String, String>> v = verdicts(combined.json());
        assertThat(v.get("server failing")).as(combined.out()).containsEntry("2.2", "FAIL").containsEntry("2.1", "PASS");
        assertThat(v.get("server markup").values()).as(combined.out()).containsOnly("PASS", "SKIPPED");
        assertThat(v.get("client client").values()).as(combined.out()).containsOnly("PASS");
        Map<String, String> interop = new TreeMap<>();
        combined.json().get("interop").forEach(i -> interop.put(i.get("client").asText() + " x " + i.get("server").asText(),
                i.get("verdict").asText()));
        assertThat(interop).as(combined.out()).containsExactlyInAnyOrderEntriesOf(Map.of("client x markup", "PASS", "client x failing", "FAIL"));
        assertThat(combined.json().get("implementations").get(0).get("digest").asText()).startsWith("sha256:");
    }

    @Test
    void twoShardsMergedGiveTheVerdictsOfTheCombinedRun() throws IOException {
        assertThat(shardA.status()).as(shardA.out()).isEqualTo(1);
        assertThat(shardB.status()).as(shardB.out()).isZero();
        assertThat(mergeStatus).as(mergeOut).isEqualTo(combined.status());
        JsonNode merged = read(ROOT.resolve("merged"));
        assertThat(verdicts(merged)).isEqualTo(verdicts(combined.json()));
        assertThat(merged.get("notes").toString()).contains("merged from 2 runs");
        assertThat(ROOT.resolve("merged").resolve("index.html")).isRegularFile();
        assertThat(ROOT.resolve("merged").resolve("TEST-conformance.xml")).isRegularFile();
    }

    @Test
    void theReportRendersInHeadlessChromiumWithItsCellsAndWireDiagramsAndNoLiveScript() throws Exception {
        String chromium = chromium();
        Path page = ROOT.resolve("combined").resolve("index.html").toAbsolutePath();
        String dom = browse(chromium, "--dump-dom", page);
        assertThat(dom).as("the DOM Chromium built").contains("<table class=\"matrix\">", "data-rule=\"2.2\" data-implementation=\"failing\"",
                "<svg class=\"wire\"", "SYN-ACK", "client (harness probe)", "Interop: every client against every server",
                "data-client=\"client\" data-server=\"markup\"");
        assertThat(dom).contains("<td class=\"cell v-fail\" data-rule=\"2.2\" data-implementation=\"failing\">");
        // The markup greeting is text in the DOM: escaped when serialized, never an element.
        assertThat(dom).contains("&lt;script&gt;alert(1)&lt;/script&gt;&lt;img/src=x/onerror=alert(2)&gt;");
        String lower = dom.toLowerCase(Locale.ROOT);
        assertThat(lower.contains("<script")).as("a script element in the DOM").isFalse();
        assertThat(lower.contains("<img")).as("an img element in the DOM").isFalse();
        Path png = ROOT.resolve("report.png").toAbsolutePath();
        Files.deleteIfExists(png);
        browse(chromium, "--screenshot=" + png, page);
        assertThat(png).isRegularFile();
        assertThat(Files.size(png)).isGreaterThan(10_000);
    }

    /** Installs Chromium if it can (ci/chromium); otherwise the browser test is skipped with the reason. */
    static String chromium() throws Exception {
        Path script = Path.of("..", "ci", "chromium");
        Assumptions.assumeTrue(Files.isRegularFile(script), "no ci/chromium script at " + script.toAbsolutePath());
        Process p = new ProcessBuilder("bash", script.toString()).redirectErrorStream(false).start();
        String path = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        String why = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        boolean done = p.waitFor(15, TimeUnit.MINUTES);
        Assumptions.assumeTrue(done && p.exitValue() == 0 && !path.isEmpty(), "Chromium is not available: " + why);
        return path;
    }

    static String browse(String chromium, String what, Path page) throws Exception {
        Path profile = Files.createTempDirectory("greeter-chromium-");
        try {
            Process p = new ProcessBuilder(chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                    "--no-first-run", "--user-data-dir=" + profile, "--window-size=1300,1000", what, page.toUri().toString())
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("Chromium finished").isTrue();
            assertThat(p.exitValue()).as("Chromium's exit status").isZero();
            return out;
        } finally {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }
}
