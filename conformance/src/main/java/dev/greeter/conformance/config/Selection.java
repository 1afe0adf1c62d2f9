package dev.greeter.conformance.config;

import dev.greeter.conformance.spec.Area;
import dev.greeter.conformance.spec.Rule;
import dev.greeter.conformance.spec.Transport;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Which rules a run judges, from --only and --exclude. A pattern is a rule id (2.3), a section (2 or
 * 2.*) or an area name (greeting). Patterns that match no rule are rejected, so a typo never
 * silently selects nothing.
 */
public record Selection(List<String> only, List<String> exclude) {

    public static Selection all() {
        return new Selection(List.of(), List.of());
    }

    public Selection {
        only = List.copyOf(only);
        exclude = List.copyOf(exclude);
        for (String pattern : concat(only, exclude)) {
            if (Arrays.stream(Rule.values()).noneMatch(r -> matches(pattern, r))) {
                throw new IllegalArgumentException("'" + pattern + "' matches no rule (use an id like 2.3, a section like 2, or an area like greeting)");
            }
        }
    }

    public boolean includes(Rule rule) {
        boolean chosen = only.isEmpty() || only.stream().anyMatch(p -> matches(p, rule));
        return chosen && exclude.stream().noneMatch(p -> matches(p, rule));
    }

    /**
     * The first pattern that names only rules of transports not judged, so that {@code --only 8.1} in a TCP
     * run is an error rather than a run that judges nothing it was asked for.
     */
    Optional<String> outside(Set<Transport> transports) {
        return concat(only, exclude).stream()
                .filter(p -> Arrays.stream(Rule.values()).filter(r -> matches(p, r)).noneMatch(r -> transports.contains(r.area().transport())))
                .findFirst();
    }

    /** Why a rule is not judged, for its SKIPPED verdict. */
    public String reason(Rule rule) {
        return exclude.stream().anyMatch(p -> matches(p, rule)) ? "excluded by --exclude" : "not selected by --only";
    }

    static boolean matches(String pattern, Rule rule) {
        String p = pattern.trim().toLowerCase(java.util.Locale.ROOT);
        Area area = rule.area();
        return p.equals(rule.id()) || p.equals(String.valueOf(area.section())) || p.equals(area.section() + ".*")
                || p.equals(area.id());
    }

    private static List<String> concat(List<String> a, List<String> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }
}
