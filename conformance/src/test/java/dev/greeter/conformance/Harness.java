package dev.greeter.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.greeter.conformance.cli.ConformanceCommand;
import dev.greeter.conformance.lab.LabSites;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Runs the harness the way a user does (its command line, its JSON report) and keeps what it said. */
public record Harness(int status, String out, String err, Map<String, String> verdicts, JsonNode json) {

    /**
     * The sites every run of this JVM stands on: the harness's network and holders start once per kind of site and go
     * from run to run (as a user's test suite judging many images would keep them), and are removed when the JVM exits.
     */
    static final LabSites SITES = LabSites.kept();

    public static Harness run(Path reportDir, List<String> args) {
        return run(reportDir, args, SITES);
    }

    /** A run whose labs stand on {@code sites}. */
    public static Harness run(Path reportDir, List<String> args, LabSites sites) {
        List<String> all = new ArrayList<>(args);
        all.add("--report-dir");
        all.add(reportDir.toString());
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = ConformanceCommand.run(new PrintWriter(out, true), new PrintWriter(err, true), sites, all.toArray(String[]::new));
        Map<String, String> verdicts = new TreeMap<>();
        JsonNode json = null;
        Path report = reportDir.resolve("conformance.json");
        if (Files.exists(report)) {
            try {
                json = new ObjectMapper().readTree(report.toFile());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (json.has("rules")) {
                // A run of at most one server and one client: every rule, the absent role's SKIPPED.
                json.get("rules").forEach(r -> verdicts.put(r.get("id").asText(), r.get("verdict").asText()));
            }
        }
        return new Harness(status, out.toString(), err.toString(), verdicts, json);
    }

    /** The harness's own words about one rule, for assertion messages. */
    public String explain(String ruleId) {
        if (json == null || !json.has("rules")) {
            return "no single-implementation report; stderr: " + err;
        }
        for (JsonNode r : json.get("rules")) {
            if (r.get("id").asText().equals(ruleId)) {
                return r.get("verdict").asText() + " " + ruleId + ": expected " + r.get("expected").asText() + "; observed "
                        + r.get("observed").asText() + "; trace " + r.get("trace");
            }
        }
        return "rule " + ruleId + " not in the report";
    }

    /** A field of one rule's entry in the JSON report; empty if absent. */
    public String field(String ruleId, String name) {
        if (json != null && json.has("rules")) {
            for (JsonNode r : json.get("rules")) {
                if (r.get("id").asText().equals(ruleId) && r.has(name)) {
                    return r.get(name).asText();
                }
            }
        }
        return "";
    }

    /** Skipped by the user's choice (--only, --exclude, or no image of its role), not for a failure. */
    public boolean deselected(String ruleId) {
        String observed = field(ruleId, "observed");
        return observed.contains("not selected by --only") || observed.contains("excluded by --exclude") || observed.contains("image given");
    }

    public static Path reportRoot() {
        return Path.of("target", "conformance-report");
    }
}
