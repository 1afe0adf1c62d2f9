package dev.greeter.conformance.report;

import dev.greeter.conformance.spec.Area;
import dev.greeter.conformance.spec.Rule;
import dev.greeter.conformance.spec.Verdict;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Locale;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Combines the reports of several runs (shards of one campaign, say) into one. Runs of different spec
 * versions, or judged with different options (time scale, strictness, start-up timeout, isolation), do
 * not give comparable verdicts: merging them is refused unless forced, and a forced merge says so in the
 * report. What each run declared about its own implementations (port, greeting, backlog, client
 * arguments, --only, expected failures) travels with their columns. An implementation may appear in only
 * one run. Interop cells stay those of the run that made them: no pair across runs was tried.
 *
 * <p>A shard is evidence, not a verdict: its cells are checked (every rule id one of the spec's and of its
 * column's role, every verdict and role one this harness gives, XFAIL and XPASS only on rules its run
 * expected to fail) and every summary (each cell's level and fatality, each column's exit status,
 * conformance and counts) is recomputed from the verdicts by {@link Document.Column#judged}; a shard that
 * fails a check is refused whole, before anything is written.
 *
 * <p>Merging the shards of a campaign gives the report of the same work run in one go, but for what is
 * each run's own and cannot be the same: the date (the earliest shard's), every duration (the document's
 * elapsed time is the shards' sum; each column's and cell's time and the time offsets in wire traces are
 * those measured), the containers each column's run started (as counted in its own lab), the note saying the
 * report was merged, and interop (pairs only within a shard).
 */
public final class Merge {

    private static final Set<String> ROLES = Arrays.stream(Area.Role.values()).map(r -> r.name().toLowerCase(Locale.ROOT))
            .collect(java.util.stream.Collectors.toSet());

    /** Why runs cannot be merged; the CLI turns it into a usage error (status 2). */
    public static final class Refused extends RuntimeException {
        public Refused(String message) {
            super(message);
        }
    }

    private Merge() {
    }

    public static Document merge(List<Document> docs, List<String> sources, boolean force) {
        if (docs.isEmpty()) {
            throw new Refused("nothing to merge");
        }
        List<String> notes = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Set<String> specs = new LinkedHashSet<>();
        docs.forEach(d -> specs.add(d.specVersion()));
        if (specs.size() > 1) {
            problems.add("spec versions differ: " + each(docs, sources, Document::specVersion));
        }
        Set<String> keys = new LinkedHashSet<>();
        docs.forEach(d -> keys.addAll(d.comparable().keySet()));
        for (String key : keys) {
            Set<Object> values = new LinkedHashSet<>();
            docs.forEach(d -> values.add(d.comparable().get(key)));
            if (values.size() > 1) {
                problems.add("option " + Text.console(key) + " differs: " + each(docs, sources, d -> String.valueOf(d.comparable().get(key))));
            }
        }
        docs.stream().map(Document::specVersion).filter(v -> !dev.greeter.conformance.spec.SpecVersion.CURRENT.equals(v)).findFirst()
                .ifPresent(v -> problems.add("SPEC.md " + Text.console(v) + " is not this harness's "
                        + dev.greeter.conformance.spec.SpecVersion.CURRENT + ", whose rule levels the verdicts are judged by"));
        for (int i = 0; i < docs.size(); i++) {
            check(docs.get(i), sources.get(i));
        }
        if (!problems.isEmpty()) {
            if (!force) {
                throw new Refused("runs are not comparable (" + String.join("; ", problems) + "); merge them anyway with --force");
            }
            notes.add("merged with --force although the runs are not comparable: " + String.join("; ", problems)
                    + "; the header shows the first run's options");
        }
        Map<String, String> seen = new HashMap<>();
        List<Document.Column> columns = new ArrayList<>();
        List<Document.Interop> interop = new ArrayList<>();
        long elapsed = 0;
        for (int i = 0; i < docs.size(); i++) {
            Document d = docs.get(i);
            for (Document.Column c : d.implementations()) {
                String before = seen.putIfAbsent(c.key(), sources.get(i));
                if (before != null) {
                    throw new Refused(Text.console(c.key()) + " is in both " + Text.console(before) + " and " + Text.console(sources.get(i))
                            + " (give one of them another name)");
                }
                columns.add(c.judged(Boolean.TRUE.equals(d.options().get("strict"))));
            }
            interop.addAll(d.interop());
            notes.addAll(d.notes());
            elapsed += d.elapsedMillis();
        }
        Set<String> harness = new LinkedHashSet<>();
        docs.forEach(d -> harness.add(d.harnessVersion()));
        if (harness.size() > 1) {
            notes.add("made by different harness versions: " + each(docs, sources, Document::harnessVersion));
        }
        notes.add("merged from " + docs.size() + " run" + (docs.size() == 1 ? "" : "s") + ": " + each(docs, sources, Document::date)
                + "; interop pairs only within a run; elapsed is the runs' sum");
        String first = docs.stream().map(Document::date).filter(Objects::nonNull).sorted().findFirst().orElse("");
        return new Document(docs.get(0).harnessVersion(), docs.get(0).specVersion(), first, new LinkedHashMap<>(docs.get(0).options()),
                columns, interop, notes, elapsed);
    }

    /** Refuses a shard that holds what no run of this harness writes: one line naming the shard, the column and the value. */
    static void check(Document doc, String source) {
        for (Document.Column c : doc.implementations()) {
            if (c.name() == null || c.name().isBlank()) {
                throw refused(source, "an implementation has no name");
            }
            String column = Text.console(c.role()) + " " + Text.console(c.name());
            if (!ROLES.contains(c.role())) {
                throw refused(source, "implementation " + Text.console(c.name()) + " has role '" + Text.console(c.role()) + "', not server or client");
            }
            if (c.image() == null) {
                throw refused(source, column + " names no image");
            }
            // What the run listed in --expect-failures: with the column, and (in older reports only) in the options.
            Set<Object> expected = new HashSet<>();
            for (Object listed : List.of(c.declared().getOrDefault("expectedFailures", Map.of()),
                    doc.options().getOrDefault("expectedFailures", Map.of()))) {
                if (listed instanceof Map<?, ?> m) {
                    expected.addAll(m.keySet());
                }
            }
            Set<String> ids = new HashSet<>();
            for (Document.Cell cell : c.rules()) {
                if (cell == null) {
                    throw refused(source, column + " has an empty rules entry");
                }
                String id = "rule '" + Text.console(String.valueOf(cell.id())) + "'";
                Rule rule = Rule.byId(cell.id()).orElseThrow(() -> refused(source, column + " has a verdict on unknown " + id));
                if (!rule.area().role().name().toLowerCase(Locale.ROOT).equals(c.role())) {
                    throw refused(source, column + " has a verdict on " + id + ", a rule of the other role");
                }
                if (!ids.add(cell.id())) {
                    throw refused(source, column + " has two verdicts on " + id);
                }
                if (cell.verdict() == null || Arrays.stream(Verdict.values()).noneMatch(v -> v.name().equals(cell.verdict()))) {
                    throw refused(source, column + " has " + (cell.verdict() == null ? "no verdict" : "verdict '" + Text.console(cell.verdict()) + "'")
                            + " on " + id + ", not one of "
                            + Arrays.toString(Verdict.values()));
                }
                boolean listedRule = expected.contains(cell.id());
                boolean expectedVerdict = cell.verdict().equals("XFAIL") || cell.verdict().equals("XPASS");
                if (expectedVerdict && !listedRule || listedRule && (cell.verdict().equals("PASS") || cell.verdict().equals("FAIL"))) {
                    throw refused(source, column + " has " + cell.verdict() + " on " + id + ", which its run "
                            + (listedRule ? "listed" : "did not list") + " in --expect-failures");
                }
                checkRuns(doc, source, column, id, cell, expected);
                if (cell.skippedBecause() != null && Rule.byId(cell.skippedBecause()).isEmpty()) {
                    throw refused(source, column + " skipped " + id + " for unknown rule '" + Text.console(cell.skippedBecause()) + "'");
                }
            }
            // A run gives every rule of its role and transports a cell (SKIPPED when not selected): a shard without one
            // dropped it, perhaps the one that failed, and would merge as conforming.
            Object declaredTransports = c.declared().getOrDefault("transports", List.of(dev.greeter.conformance.spec.Transport.TCP.id()));
            for (Rule rule : Rule.values()) {
                boolean judged = declaredTransports instanceof List<?> l && l.contains(rule.area().transport().id());
                if (judged && rule.area().role().name().toLowerCase(Locale.ROOT).equals(c.role()) && !ids.contains(rule.id())) {
                    throw refused(source, column + " has no verdict on rule '" + rule.id() + "', which every run of its transports gives");
                }
            }
        }
        for (Document.Interop pair : doc.interop()) {
            if (pair == null || pair.client() == null || pair.server() == null || pair.verdict() == null
                    || Arrays.stream(Verdict.values()).noneMatch(v -> v.name().equals(pair.verdict()))) {
                throw refused(source, "an interop pair has no client, no server or verdict '"
                        + Text.console(pair == null ? null : pair.verdict()) + "', not one of " + Arrays.toString(Verdict.values()));
            }
        }
    }

    /**
     * A cell of a repeated run ({@code options.repeat}): a verdict for each run, and the cell's verdict and evidence theirs.
     * Its {@code passed} and {@code flaky} are summaries, recomputed by {@link Document.Column#judged} and not checked.
     */
    private static void checkRuns(Document doc, String source, String column, String id, Document.Cell cell, Set<Object> expected) {
        int repeat = doc.options().get("repeat") instanceof Number n ? n.intValue() : 1;
        List<String> runs = cell.runs();
        if (repeat == 1) {
            if (runs != null || cell.evidenceRun() != null) {
                throw refused(source, column + " has the verdicts of several runs on " + id + ", but its run judged once");
            }
            return;
        }
        if (runs == null || runs.size() != repeat) {
            throw refused(source, column + " has " + (runs == null ? "no" : String.valueOf(runs.size())) + " runs' verdicts on " + id
                    + ", but its run judged " + repeat + " times");
        }
        boolean listed = expected.contains(cell.id());
        for (String v : runs) {
            if (v == null || Arrays.stream(Verdict.values()).noneMatch(x -> x.name().equals(v))) {
                throw refused(source, column + " has run verdict '" + Text.console(String.valueOf(v)) + "' on " + id + ", not one of "
                        + Arrays.toString(Verdict.values()));
            }
            boolean expectedVerdict = v.equals("XFAIL") || v.equals("XPASS");
            if (expectedVerdict && !listed || listed && (v.equals("PASS") || v.equals("FAIL"))) {
                throw refused(source, column + " has " + v + " in a run on " + id + ", which its run "
                        + (listed ? "listed" : "did not list") + " in --expect-failures");
            }
        }
        List<Verdict> verdicts = runs.stream().map(Verdict::valueOf).toList();
        // A cell whose verdict is not its runs' would merge a failure away: 'PASS' over runs that failed.
        if (!dev.greeter.conformance.run.Repetitions.verdictOf(verdicts).name().equals(cell.verdict())) {
            throw refused(source, column + " has verdict " + Text.console(cell.verdict()) + " on " + id + ", but its runs gave "
                    + dev.greeter.conformance.run.Repetitions.verdictOf(verdicts));
        }
        Integer shown = cell.evidenceRun();
        if (shown == null || shown < 1 || shown > runs.size() || !runs.get(shown - 1).equals(cell.verdict())) {
            throw refused(source, column + " shows the evidence of run " + shown + " on " + id + ", not of a run that gave its verdict");
        }
    }

    private static Refused refused(String source, String why) {
        return new Refused(Text.console(source) + ": " + why);
    }

    /** Marks rules as an implementation's known failures (display only): {@code NAME=RULE[,RULE...]}. */
    public static Document mark(Document doc, Map<String, List<String>> marks) {
        for (String name : marks.keySet()) {
            if (doc.implementations().stream().noneMatch(c -> c.name().equals(name))) {
                throw new Refused("--mark names '" + Text.console(name) + "', which is not an implementation of these runs");
            }
        }
        List<Document.Column> cols = doc.implementations().stream()
                .map(c -> marks.containsKey(c.name()) ? c.withMarked(marks.get(c.name())) : c).toList();
        return new Document(doc.harnessVersion(), doc.specVersion(), doc.date(), doc.options(), cols, doc.interop(), doc.notes(),
                doc.elapsedMillis());
    }

    private static String each(List<Document> docs, List<String> sources, java.util.function.Function<Document, String> f) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < docs.size(); i++) {
            parts.add(Text.console(f.apply(docs.get(i))) + " in " + Text.console(sources.get(i)));
        }
        return String.join(", ", parts);
    }
}
