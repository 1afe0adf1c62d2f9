package dev.greeter.conformance.report;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.greeter.conformance.config.CaptureFile;
import dev.greeter.conformance.run.Campaign;
import dev.greeter.conformance.config.HarnessConfig;
import dev.greeter.conformance.config.Implementation;
import dev.greeter.conformance.run.InteropResult;
import dev.greeter.conformance.run.Repetitions;
import dev.greeter.conformance.run.Report;
import dev.greeter.conformance.run.RuleResult;
import dev.greeter.conformance.spec.Rule;
import dev.greeter.conformance.spec.SpecVersion;
import dev.greeter.conformance.spec.Verdict;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything a report shows, in one value that a run produces and {@code conformance.json} holds, so
 * that {@code merge} can rebuild every format (JSON, JUnit, HTML, Markdown) from several runs' JSON.
 *
 * @param options         how implementations were judged: must match for runs to be merged (see {@link #comparable})
 * @param implementations one column each, in the order given
 * @param notes           what a reader must know about how the report was made (a forced merge, say)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Document(String harnessVersion, String specVersion, String date, Map<String, Object> options,
                       List<Column> implementations, List<Interop> interop, List<String> notes, long elapsedMillis) {

    public Document {
        options = options == null ? Map.of() : new LinkedHashMap<>(options);
        implementations = List.copyOf(implementations);
        interop = interop == null ? List.of() : List.copyOf(interop);
        notes = notes == null ? List.of() : List.copyOf(notes);
    }

    /**
     * One implementation's verdicts, on the rules of its role.
     *
     * @param declared what the run declared about it: port, greeting, backlog, client arguments, --only,
     *                 --exclude, expected failures (these may differ between merged runs)
     * @param marked   rules a dashboard marks as this implementation's known failures (display only; {@code merge --mark})
     * @param build    the directory its image was built from ({@code --server-build}, {@code --client-build}), as given; null
     *                 for an image given by name. {@code image} is then the built image's temporary tag, {@code digest} its id
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Column(String name, String role, String image, String digest, Map<String, Object> declared, List<String> marked,
                         int exitStatus, boolean conforms, long elapsedMillis, Map<String, Long> counts, List<Cell> rules,
                         Integer containersStarted, String build) {

        public Column {
            declared = declared == null ? Map.of() : new LinkedHashMap<>(declared);
            marked = marked == null ? List.of() : List.copyOf(marked);
            rules = List.copyOf(rules);
        }

        /** A column of an image given by name. */
        public Column(String name, String role, String image, String digest, Map<String, Object> declared, List<String> marked,
                      int exitStatus, boolean conforms, long elapsedMillis, Map<String, Long> counts, List<Cell> rules,
                      Integer containersStarted) {
            this(name, role, image, digest, declared, marked, exitStatus, conforms, elapsedMillis, counts, rules, containersStarted, null);
        }

        /** "built from DIR" for a built image, else the image's name: what the reports show in the image's place. */
        @JsonIgnore
        public String source() {
            return build != null ? "built from " + build : image;
        }

        /**
         * This column as the spec judges its cells: each cell's level, area and title are its rule's, whether it is
         * fatal and the column's exit status, conformance and counts are recomputed from the verdicts by {@link Report},
         * the one definition of CONFORMS. What a shard claimed about them is not believed. Every cell's id must be a
         * rule's and its verdict a {@link Verdict}'s name ({@link Merge} checks both first).
         */
        Column judged(boolean strict) {
            List<RuleResult> results = new ArrayList<>();
            for (Cell c : rules) {
                Rule rule = Rule.byId(c.id()).orElseThrow();
                results.add(new RuleResult(rule, Verdict.valueOf(c.verdict()), c.expected(), c.observed(), c.trace(), c.millis(),
                        java.util.Optional.ofNullable(c.skippedBecause()).flatMap(Rule::byId), c.note(), c.check(), c.repetitions(),
                        java.util.Optional.ofNullable(c.capture()).map(Capture::toFile)));
            }
            Report report = new Report(key(), results, java.time.Duration.ofMillis(elapsedMillis), strict);
            List<Cell> cells = report.results().stream().map(r -> Cell.of(report, r)).toList();
            return new Column(name, role, image, digest, declared, marked, report.exitStatus(), report.exitStatus() == Report.CONFORMS,
                    elapsedMillis, Document.counts(cells), cells, containersStarted, build);
        }

        Column withMarked(List<String> rules) {
            return new Column(name, role, image, digest, declared, rules, exitStatus, conforms, elapsedMillis, counts, this.rules,
                    containersStarted, build);
        }

        java.util.Optional<Cell> cell(String id) {
            return rules.stream().filter(c -> c.id().equals(id)).findFirst();
        }

        /** The rules this column FAILed (XFAIL and XPASS not included), in rule order. */
        @JsonIgnore
        public List<String> failed() {
            return rules.stream().filter(c -> c.verdict().equals("FAIL")).map(Cell::id).toList();
        }

        /** The rules this column failed in one run and passed in another, in rule order. */
        @JsonIgnore
        public List<String> flaky() {
            return rules.stream().filter(c -> Boolean.TRUE.equals(c.flaky())).map(Cell::id).toList();
        }

        /** "server plain" */
        @JsonIgnore
        String key() {
            return role + " " + name;
        }
    }

    /**
     * One rule's verdict and evidence; the fields of a {@code rules} entry of conformance.json.
     *
     * @param check       the name of the rule's check ({@code required_spec201_greetsUnprompted}); null in a conformance.json
     *                    written before cells named their check, and when no check of the suite has the rule
     * @param runs        with {@code --repeat}: each run's verdict, run 1 first (the cell's verdict is theirs, see
     *                    {@link Repetitions#verdictOf}); null for a single run, as in every conformance.json before --repeat
     * @param passed      with {@code runs}: in how many runs the rule passed (PASS or XPASS)
     * @param evidenceRun with {@code runs}: the run (1-based) whose expected, observed and trace the cell holds
     * @param flaky       with {@code runs}: whether the rule failed in one run and passed in another (verdict FAIL or XFAIL)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Cell(String id, String level, String area, String title, String check, String verdict, boolean fatal,
                       String skippedBecause, String note, String expected, String observed, List<String> trace, long millis,
                       List<String> runs, Integer passed, Integer evidenceRun, Boolean flaky, Capture capture) {

        public Cell {
            trace = trace == null ? List.of() : List.copyOf(trace);
            runs = runs == null ? null : List.copyOf(runs);
        }

        /** A cell of a single run, without a capture. */
        public Cell(String id, String level, String area, String title, String check, String verdict, boolean fatal,
                    String skippedBecause, String note, String expected, String observed, List<String> trace, long millis) {
            this(id, level, area, title, check, verdict, fatal, skippedBecause, note, expected, observed, trace, millis, null, null, null, null,
                    null);
        }

        Cell withCheck(String name) {
            return new Cell(id, level, area, title, name, verdict, fatal, skippedBecause, note, expected, observed, trace, millis,
                    runs, passed, evidenceRun, flaky, capture);
        }

        /** The verdict as grids and tables show it: FLAKY for a rule that failed in one run and passed in another. */
        @JsonIgnore
        public String shown() {
            return Boolean.TRUE.equals(flaky) ? ConsoleReport.FLAKY : verdict;
        }

        /**
         * The runs' verdicts, when there were several; empty for a single run. Only for a cell {@link Merge#check} accepted
         * (or one this harness made): every run's verdict a {@link Verdict}'s name, the evidence run one of them.
         */
        @JsonIgnore
        public java.util.Optional<Repetitions> repetitions() {
            if (runs == null) {
                return java.util.Optional.empty();
            }
            List<Verdict> verdicts = runs.stream().map(Verdict::valueOf).toList();
            return java.util.Optional.of(evidenceRun == null ? Repetitions.of(verdicts) : new Repetitions(verdicts, evidenceRun));
        }

        static Cell of(Report report, RuleResult r) {
            java.util.Optional<Repetitions> x = r.repeated();
            return new Cell(r.rule().id(), r.rule().level().name(), r.rule().area().id(), r.rule().title(), r.check(),
                    r.verdict().name(), report.fatal(r), r.skippedFor().map(Rule::id).orElse(null), r.note().isEmpty() ? null : r.note(), r.expected(),
                    r.observed(), r.trace(), r.millis(), x.map(y -> y.verdicts().stream().map(Verdict::name).toList()).orElse(null),
                    x.map(Repetitions::passed).orElse(null), x.map(Repetitions::shown).orElse(null), x.isPresent() ? r.flaky() : null,
                    r.capture().map(Capture::of).orElse(null));
        }
    }

    /**
     * A rule's packet capture (--captures): the classic pcap file, relative to the report directory (null when none could
     * be written), its packets and bytes; {@code truncated} when packets came after it reached its bound
     * ({@code packetsNotKept} of them); {@code problem}: why it is missing or incomplete.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Capture(String file, long packets, long bytes, long packetsNotKept, boolean truncated, String problem) {

        static Capture of(CaptureFile f) {
            return new Capture(f.file().isEmpty() ? null : f.file(), f.packets(), f.bytes(), f.notKept(), f.truncated(),
                    f.problem().isEmpty() ? null : f.problem());
        }

        CaptureFile toFile() {
            return new CaptureFile(file, packets, bytes, packetsNotKept, problem);
        }

        /** What a reader must know besides the file (truncated, or why it is missing); empty when nothing. */
        @JsonIgnore
        public String note() {
            return toFile().note();
        }
    }

    /** One cell of the interop grid (see {@link InteropResult}). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Interop(String client, String server, String verdict, Long exitCode, String expected, String observed,
                          String stdout, String stderr, long millis) {

        static Interop of(InteropResult r) {
            return new Interop(r.client(), r.server(), r.verdict().name(), r.exitCode(), r.expected(), r.observed(), r.stdout(),
                    r.stderr(), r.millis());
        }
    }

    /**
     * This document with every cell that names no check (one read from a conformance.json written before cells
     * named their check) given {@code name}'s name for its rule, so its JUnit report names the checks as a new run's does.
     */
    public Document namingChecks(java.util.function.Function<Rule, String> name) {
        List<Column> cols = implementations.stream().map(c -> new Column(c.name(), c.role(), c.image(), c.digest(), c.declared(),
                c.marked(), c.exitStatus(), c.conforms(), c.elapsedMillis(), c.counts(), c.rules().stream()
                .map(cell -> cell.check() != null ? cell : Rule.byId(cell.id()).map(r -> cell.withCheck(name.apply(r))).orElse(cell))
                .toList(), c.containersStarted(), c.build())).toList();
        return new Document(harnessVersion, specVersion, date, options, cols, interop, notes, elapsedMillis);
    }

    /** 2 if the harness broke on any implementation, else 1 if any does not conform, else 0. Interop is not counted. */
    @JsonIgnore
    public int exitStatus() {
        return implementations.stream().mapToInt(Column::exitStatus).max().orElse(Report.CONFORMS);
    }

    /** The options that must be equal for two runs' verdicts to be comparable: all but what is declared per implementation. */
    @JsonIgnore
    Map<String, Object> comparable() {
        Map<String, Object> m = new LinkedHashMap<>(options);
        m.remove("expectedFailures");
        return m;
    }

    public static Document of(Campaign.Outcome outcome, HarnessConfig shared, int startupSeconds) {
        List<Column> columns = new ArrayList<>();
        for (Campaign.Judged j : outcome.judged()) {
            Implementation i = j.implementation();
            Report report = j.report();
            List<Cell> cells = report.results().stream().filter(r -> r.rule().area().role() == i.role())
                    .map(r -> Cell.of(report, r)).toList();
            columns.add(new Column(i.name(), i.roleName(), i.image(), j.digest(), declared(shared, i), List.of(), report.exitStatus(),
                    report.exitStatus() == Report.CONFORMS, report.elapsed().toMillis(), counts(cells), cells, report.containersStarted(),
                    i.build().orElse(null)));
        }
        return new Document(HarnessConfig.harnessVersion(), SpecVersion.CURRENT, outcome.started().toString(), options(shared, startupSeconds),
                columns, outcome.interop().stream().map(Interop::of).toList(), List.of(), outcome.elapsed().toMillis());
    }

    /** How many cells have each verdict, every verdict named. */
    static Map<String, Long> counts(List<Cell> cells) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (Verdict v : Verdict.values()) {
            counts.put(v.name(), cells.stream().filter(c -> v.name().equals(c.verdict())).count());
        }
        return counts;
    }

    private static Map<String, Object> declared(HarnessConfig c, Implementation i) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("port", c.port());
        if (i.role() == dev.greeter.conformance.spec.Area.Role.SERVER) {
            m.put("backlog", c.backlog());
        }
        m.put("greeting", c.greeting());
        if (!i.args().isEmpty()) {
            m.put(i.role() == dev.greeter.conformance.spec.Area.Role.SERVER ? "serverArgs" : "clientArgs", i.args());
        }
        if (!c.transports().equals(java.util.Set.of(dev.greeter.conformance.spec.Transport.TCP))) {
            m.put("transports", c.transports().stream().map(dev.greeter.conformance.spec.Transport::id).toList());
        }
        if (c.transports().contains(dev.greeter.conformance.spec.Transport.UNIX)) {
            m.put("path", c.path());
        }
        if (!c.selection().only().isEmpty()) {
            m.put("only", c.selection().only());
        }
        if (!c.selection().exclude().isEmpty()) {
            m.put("exclude", c.selection().exclude());
        }
        Map<String, String> expected = new LinkedHashMap<>();
        c.expectations().reasons().forEach((rule, reason) -> expected.put(rule.id(), reason));
        if (!expected.isEmpty()) {
            m.put("expectedFailures", expected);
        }
        return m;
    }

    static Map<String, Object> options(HarnessConfig config, int startupSeconds) {
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
        isolation.put("network", config.isolation().network());

        Map<String, Object> options = new LinkedHashMap<>();
        options.put("timeScale", config.timeScale());
        options.put("strict", config.strict());
        options.put("startupTimeoutSeconds", startupSeconds);
        if (config.repeat() > 1) {
            // Only when repeated, so a single run's options are those of every report before --repeat, and merge with them.
            options.put("repeat", config.repeat());
        }
        Map<String, String> expected = new LinkedHashMap<>();
        config.expectations().reasons().forEach((rule, reason) -> expected.put(rule.id(), reason));
        options.put("expectedFailures", expected);
        options.put("isolation", isolation);
        return options;
    }
}
