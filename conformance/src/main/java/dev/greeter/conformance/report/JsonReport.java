package dev.greeter.conformance.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.greeter.conformance.run.HarnessConfig;
import dev.greeter.conformance.run.Report;
import dev.greeter.conformance.run.RuleResult;
import dev.greeter.conformance.spec.Verdict;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code conformance.json}: the implementation checked and, per rule, id, level, area, verdict, expected, observed. */
public final class JsonReport {

    private JsonReport() {
    }

    public static void write(Report report, HarnessConfig config, Path file) throws IOException {
        Map<String, Object> implementation = new LinkedHashMap<>();
        implementation.put("server", config.serverImage().orElse(null));
        implementation.put("client", config.clientImage().orElse(null));
        implementation.put("clientArgs", config.clientArgs());
        implementation.put("port", config.port());
        implementation.put("greeting", config.greeting());
        implementation.put("backlog", config.backlog());
        implementation.put("hardened", config.hardened());

        Map<String, Object> counts = new LinkedHashMap<>();
        for (Verdict v : Verdict.values()) {
            counts.put(v.name(), report.count(v));
        }
        List<Map<String, Object>> rules = report.results().stream().map(JsonReport::rule).toList();

        Map<String, Object> root = new LinkedHashMap<>();
        root.put("spec", "SPEC.md");
        root.put("implementation", implementation);
        root.put("exitStatus", report.exitStatus());
        root.put("elapsedMillis", report.elapsed().toMillis());
        root.put("counts", counts);
        root.put("rules", rules);
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), root);
    }

    private static Map<String, Object> rule(RuleResult r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", r.rule().id());
        m.put("level", r.rule().level().name());
        m.put("area", r.rule().area().id());
        m.put("title", r.rule().title());
        m.put("verdict", r.verdict().name());
        m.put("expected", r.expected());
        m.put("observed", r.observed());
        m.put("trace", r.trace());
        m.put("millis", r.millis());
        return m;
    }
}
