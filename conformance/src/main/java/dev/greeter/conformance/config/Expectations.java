package dev.greeter.conformance.config;

import dev.greeter.conformance.spec.Rule;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Rules a user knows their implementation fails (--expect-failures FILE): one rule id a line, a
 * {@code #} comment for the reason. A listed rule that fails is XFAIL and does not fail the run; a
 * listed rule that passes is XPASS and does, so a stale list is caught.
 */
public record Expectations(Map<Rule, String> reasons) {

    public Expectations {
        Map<Rule, String> copy = new EnumMap<>(Rule.class);
        copy.putAll(reasons);
        reasons = Collections.unmodifiableMap(copy);
    }

    public static Expectations none() {
        return new Expectations(Map.of());
    }

    /** Parses the file; a line that names no rule is an {@link IllegalArgumentException} naming the file, line and value. */
    public static Expectations read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage());
        }
        Map<Rule, String> reasons = new EnumMap<>(Rule.class);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            int hash = line.indexOf('#');
            String id = (hash >= 0 ? line.substring(0, hash) : line).trim();
            String reason = hash >= 0 ? line.substring(hash + 1).trim() : "";
            if (id.isEmpty()) {
                continue;
            }
            String where = file + ":" + (i + 1) + ": ";
            Rule rule = Rule.byId(id).orElseThrow(() -> new IllegalArgumentException(where + "'" + id + "' is not a rule id (like 2.3)"));
            if (reasons.put(rule, reason.isEmpty() ? "no reason given" : reason) != null) {
                throw new IllegalArgumentException(where + "rule " + id + " is listed twice");
            }
        }
        return new Expectations(reasons);
    }

    /** Why the user expects the rule to fail, when they listed it. */
    public Optional<String> reason(Rule rule) {
        return Optional.ofNullable(reasons.get(rule));
    }
}
