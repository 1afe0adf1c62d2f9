package dev.greeter.conformance.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.greeter.conformance.run.HarnessConfig;
import dev.greeter.conformance.run.Report;
import dev.greeter.conformance.run.RuleResult;
import dev.greeter.conformance.spec.SpecVersion;
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

        Map<String, Object> isolation = new LinkedHashMap<>();
        isolation.put("hardened", config.isolation().hardened());
        isolation.put("readOnlyRootFilesystem", config.isolation().hardened());
        isolation.put("capabilities", config.isolation().hardened() ? "none" : "engine default");
        isolation.put("noNewPrivileges", config.isolation().hardened());
        isolation.put("memoryBytes", config.isolation().memoryBytes());
        isolation.put("pids", config.isolation().pids());
        isolation.put("nofile", config.isolation().nofile());
        isolation.put("cpus", config.isolation().cpuMillis() / 1000.0);
        isolation.put("tmpfs", config.isolation().hardened() ? List.of("/tmp", "/run") : List.of());
        isolation.put("network", "internal (the harness's containers only)");

        Map<String, Object> options = new LinkedHashMap<>();
        options.put("timeScale", config.timeScale());
        options.put("strict", config.strict());
        Map<String, String> expected = new LinkedHashMap<>();
        config.expectations().reasons().forEach((rule, reason) -> expected.put(rule.id(), reason));
        options.put("expectedFailures", expected);
        options.put("isolation", isolation);

        Map<String, Object> counts = new LinkedHashMap<>();
        for (Verdict v : Verdict.values()) {
            counts.put(v.name(), report.count(v));
        }
        List<Map<String, Object>> rules = report.results().stream().map(r -> rule(report, r)).toList();

        Map<String, Object> root = new LinkedHashMap<>();
        root.put("spec", "SPEC.md");
        root.put("specVersion", SpecVersion.CURRENT);
        root.put("implementation", implementation);
        root.put("options", options);
        root.put("exitStatus", report.exitStatus());
        root.put("conforms", report.exitStatus() == Report.CONFORMS);
        root.put("elapsedMillis", report.elapsed().toMillis());
        root.put("counts", counts);
        root.put("rules", rules);
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), root);
    }

    private static Map<String, Object> rule(Report report, RuleResult r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", r.rule().id());
        m.put("level", r.rule().level().name());
        m.put("area", r.rule().area().id());
        m.put("title", r.rule().title());
        m.put("verdict", r.verdict().name());
        m.put("fatal", report.fatal(r));
        r.skippedFor().ifPresent(f -> m.put("skippedBecause", f.id()));
        if (!r.note().isEmpty()) {
            m.put("note", r.note());
        }
        m.put("expected", r.expected());
        m.put("observed", r.observed());
        m.put("trace", r.trace());
        m.put("millis", r.millis());
        return m;
    }
}
