package dev.greeter.conformance.report;

import java.util.ArrayList;
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
 */
public final class Merge {

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
                problems.add("option " + key + " differs: " + each(docs, sources, d -> String.valueOf(d.comparable().get(key))));
            }
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
                    throw new Refused(c.key() + " is in both " + before + " and " + sources.get(i) + " (give one of them another name)");
                }
                columns.add(c);
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

    /** Marks rules as an implementation's known failures (display only): {@code NAME=RULE[,RULE...]}. */
    public static Document mark(Document doc, Map<String, List<String>> marks) {
        for (String name : marks.keySet()) {
            if (doc.implementations().stream().noneMatch(c -> c.name().equals(name))) {
                throw new Refused("--mark names '" + name + "', which is not an implementation of these runs");
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
            parts.add(f.apply(docs.get(i)) + " in " + sources.get(i));
        }
        return String.join(", ", parts);
    }
}
