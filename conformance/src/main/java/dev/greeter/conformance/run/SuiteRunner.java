package dev.greeter.conformance.run;

import dev.greeter.conformance.config.HarnessConfig;
import dev.greeter.conformance.config.HarnessException;
import dev.greeter.conformance.lab.ImplementationExited;
import dev.greeter.conformance.lab.ImplementationObstructed;
import dev.greeter.conformance.lab.Lab;
import dev.greeter.conformance.spec.Area;
import dev.greeter.conformance.spec.Rule;
import dev.greeter.conformance.spec.Verdict;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Runs the selected rules area by area, in rule order within an area, and turns each check's outcome into a
 * verdict. Areas run side by side, at most {@link HarnessConfig#areasAtOnce()} at a time, each once the areas
 * of its prerequisites are done; each has its own probe and implementation, so none sees another's.
 */
public final class SuiteRunner {

    private final List<Section<?>> sections;
    private final Function<HarnessConfig, Lab> labs;

    /** @param sections one per area, in spec order */
    public SuiteRunner(List<Section<?>> sections) {
        this(sections, Lab::open);
    }

    /**
     * @param labs opens the lab the areas share (another one after an area could not be closed); a
     *             {@link HarnessException} from it is an ERROR of the rules that needed it
     */
    public SuiteRunner(List<Section<?>> sections, Function<HarnessConfig, Lab> labs) {
        this.sections = List.copyOf(sections);
        this.labs = labs;
    }

    public List<Section<?>> sections() {
        return sections;
    }

    /** A lab as the suite's runs open theirs (on the sites they keep, if any): for runs outside the suite, interop's. */
    public Lab openLab(HarnessConfig config) {
        return labs.apply(config);
    }

    /** The name of the check of a rule, as JUnit reports show it. */
    public String checkName(Rule rule) {
        return sections.stream().flatMap(s -> s.check(rule).stream()).findFirst().map(c -> (String) c.name())
                .orElse(rule.methodPrefix() + "unchecked");
    }

    public Report run(HarnessConfig config, Consumer<RuleResult> progress) {
        long start = System.nanoTime();
        List<RuleResult> all = new ArrayList<>();
        Results results = new Results();
        Consumer<RuleResult> emit = r -> {
            RuleResult shown = r.against(config.expectations());
            synchronized (all) {
                all.add(shown);
                results.record(shown);
                progress.accept(shown);
            }
        };
        List<Unit> units = new ArrayList<>();
        for (Section<?> section : sections) {
            units.addAll(plan(section, config, r -> emit.accept(section.named(r))));
        }
        // An area that stops its server comes last in its lane, so that the server every other area handed on is the one
        // it stops (a stable sort: spec order otherwise).
        units.sort(Comparator.comparing(u -> u.section().area().stopsItsServer()));
        Labs labs = new Labs(config);
        int containers;
        java.util.Map<Rule, Long> startMillis = new java.util.concurrent.ConcurrentHashMap<>();
        try {
            new Schedule(units, config.areasAtOnce()).run(unit -> runUnit(unit, labs, results, r -> emit.accept(unit.section().named(r)),
                    startMillis));
        } finally {
            containers = labs.close();
        }
        all.sort(Comparator.comparing(r -> r.rule().ordinal()));
        requireOneVerdictEach(sections.stream().filter(s -> config.transports().contains(s.area().transport()))
                .flatMap(s -> s.rules().stream()).toList(), all);
        return new Report(config.subject(), all, Duration.ofNanos(System.nanoTime() - start), config.strict(), containers, startMillis);
    }

    /**
     * Every rule of a transport the run judges ends with exactly one result (a verdict, or SKIPPED with its
     * reason). A rule that got none would be missing from the report and so count as conforming: that is
     * the harness's bug, and the run stops on it (exit 2) rather than report without it.
     */
    static void requireOneVerdictEach(List<Rule> planned, List<RuleResult> results) {
        Map<Rule, Long> seen = results.stream().collect(Collectors.groupingBy(RuleResult::rule, Collectors.counting()));
        for (Rule r : planned) {
            long n = seen.getOrDefault(r, 0L);
            if (n != 1) {
                throw new HarnessException("harness bug: rule " + r.id() + " (" + r.title() + ") ended with "
                        + (n == 0 ? "no verdict" : n + " verdicts") + "; this run's report cannot be trusted");
            }
        }
    }

    /**
     * What of a section the run judges: nothing for a transport not judged; SKIPPED for a role not given or a
     * rule not selected; the rest as one unit, or one unit per rule when the section's rules stand apart.
     */
    private static List<Unit> plan(Section<?> section, HarnessConfig config, Consumer<RuleResult> emit) {
        Area area = section.area();
        if (!config.transports().contains(area.transport())) {
            return List.of();
        }
        List<Rule> selected = section.rules().stream().filter(config.selection()::includes).toList();
        for (Rule r : section.rules()) {
            if (!config.covers(area.role())) {
                emit.accept(RuleResult.skipped(r, "no " + area.role().name().toLowerCase(java.util.Locale.ROOT) + " image given"));
            } else if (!selected.contains(r)) {
                emit.accept(RuleResult.skipped(r, config.selection().reason(r)));
            }
        }
        if (selected.isEmpty() || !config.covers(area.role())) {
            return List.of();
        }
        return section.units(selected).stream().map(rules -> new Unit(section, rules)).toList();
    }

    /** Rules judged together on one set of checks: an area's selected rules, or one rule of a section whose rules stand apart. */
    record Unit(Section<?> section, List<Rule> rules) {

        /**
         * The server areas of one transport form a lane: judged one after another, so that each hands its server on to
         * the next (see {@link dev.greeter.conformance.lab.Handovers}). Client rules stand apart, in no lane.
         */
        Optional<dev.greeter.conformance.spec.Transport> lane() {
            Area area = section.area();
            return area.role() == Area.Role.SERVER && !section.rulesApart() ? Optional.of(area.transport()) : Optional.empty();
        }

        /** Rules of the run this unit must wait for: its area's prerequisites, and its rules' own outside the unit. */
        java.util.Set<Rule> waitsFor() {
            java.util.Set<Rule> waits = java.util.EnumSet.noneOf(Rule.class);
            section.area().prerequisites().forEach(waits::add);
            rules.forEach(r -> waits.addAll(r.prerequisites()));
            rules.forEach(waits::remove);
            return waits;
        }
    }

    /**
     * Runs units at most {@code atOnce} at a time, in spec order, each once every unit holding a rule it waits
     * for has finished, and a unit of a lane only once the units of its lane before it have: prerequisites always
     * point to earlier rules, so the first unit can always start.
     */
    private record Schedule(List<Unit> units, int atOnce) {

        void run(Consumer<Unit> judge) {
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(atOnce, r -> {
                Thread t = new Thread(r, "suite-area");
                t.setDaemon(true);
                return t;
            });
            java.util.concurrent.CompletionService<Unit> done = new java.util.concurrent.ExecutorCompletionService<>(pool);
            List<Unit> waiting = new ArrayList<>(units);
            List<Unit> unfinished = new ArrayList<>(units);
            int running = 0;
            try {
                while (!unfinished.isEmpty()) {
                    for (java.util.Iterator<Unit> it = waiting.iterator(); it.hasNext() && running < atOnce; ) {
                        Unit u = it.next();
                        boolean laneFree = u.lane().isEmpty() || unfinished.stream()
                                .takeWhile(other -> other != u).noneMatch(other -> other.lane().equals(u.lane()));
                        if (laneFree && unfinished.stream().noneMatch(other -> other != u && !java.util.Collections.disjoint(other.rules(), u.waitsFor()))) {
                            it.remove();
                            running++;
                            done.submit(() -> judge.accept(u), u);
                        }
                    }
                    if (running == 0) {
                        throw new IllegalStateException("units wait for each other: " + waiting);
                    }
                    Unit finished = done.take().get();
                    running--;
                    unfinished.remove(finished);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new HarnessException("interrupted while judging", e);
            } catch (java.util.concurrent.ExecutionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
            } finally {
                pool.shutdownNow();
            }
        }
    }

    /**
     * The lab the units share, opened on first use. An area that could not be closed leaves it to the end of
     * the run and the units after it get a new one: what could not be removed must not meet the next area.
     */
    private final class Labs {
        private final HarnessConfig config;
        private final List<Lab> opened = new ArrayList<>();
        private Lab current;

        Labs(HarnessConfig config) {
            this.config = config;
        }

        synchronized Lab get() {
            if (current == null) {
                current = labs.apply(config);
                opened.add(current);
            }
            return current;
        }

        synchronized void retire(Lab lab) {
            // What could not be removed may still be on its site: no later lab stands on it.
            lab.distrust();
            if (current == lab) {
                current = null;
            }
        }

        /** Closes every lab opened; returns how many containers they started in all. */
        synchronized int close() {
            int containers = opened.stream().mapToInt(Lab::containersStarted).sum();
            opened.forEach(Lab::close);
            opened.clear();
            current = null;
            return containers;
        }
    }

    private static void runUnit(Unit unit, Labs labs, Results results, Consumer<RuleResult> emit, java.util.Map<Rule, Long> startMillis) {
        Section<?> section = unit.section();
        Area area = section.area();
        List<Rule> selected = unit.rules();
        Optional<Rule> failedPrerequisite = area.prerequisites().stream().flatMap(p -> results.failureBehind(p).stream()).findFirst();
        if (failedPrerequisite.isPresent()) {
            selected.forEach(r -> emit.accept(RuleResult.skippedFor(r, failedPrerequisite.get(),
                    "a prerequisite of the " + area.id() + " area")));
            return;
        }
        Lab open;
        try {
            open = labs.get();
        } catch (HarnessException e) {
            selected.forEach(r -> emit.accept(RuleResult.error(r, e.getMessage(), 0)));
            return;
        }
        AreaChecks checksOfArea;
        try {
            checksOfArea = section.factory().apply(open, results);
        } catch (RuntimeException e) {
            // Not one rule of the unit could be judged: each says so, none is left without a verdict.
            selected.forEach(r -> emit.accept(RuleResult.error(r, "preparing the " + area.id() + " area: " + e, 0)));
            labs.retire(open);
            return;
        }
        try (checksOfArea) {
            new AreaRun(checksOfArea, section, results, emit, startMillis).judge(selected);
        } catch (RuntimeException e) {
            // Raised while closing the area: its verdicts stand, but the next areas get a new lab. (Raised
            // while judging, it leaves rules without a verdict, which the run's end refuses to report.)
            labs.retire(open);
        }
    }

    /**
     * One area's rules in order. Before a rule the area is set up if it is not (first rule, or after the
     * implementation broke off); after it, the area is asked whether the implementation broke off during
     * it. A set-up the implementation makes impossible fails the rule about to be judged, and the rest of
     * the area is skipped with a link to that failure: one fault, one FAIL.
     */
    private static final class AreaRun {
        private final AreaChecks area;
        private final Section<?> section;
        private final Results results;
        private final Consumer<RuleResult> emit;
        private final java.util.Map<Rule, Long> startMillis;
        private boolean ready;
        private Rule broken;
        private String brokenWhy;
        private String harnessProblem;

        AreaRun(AreaChecks area, Section<?> section, Results results, Consumer<RuleResult> emit, java.util.Map<Rule, Long> startMillis) {
            this.area = area;
            this.section = section;
            this.results = results;
            this.emit = emit;
            this.startMillis = startMillis;
        }

        void judge(List<Rule> selected) {
            for (Rule rule : selected) {
                // Set-up (holder, server start) belongs to the rule it is done for, as its time does.
                long startsBefore = dev.greeter.conformance.lab.StartClock.nanos();
                RuleResult result = judgeOne(rule);
                startMillis.put(rule, (dev.greeter.conformance.lab.StartClock.nanos() - startsBefore) / 1_000_000);
                if (result.verdict() == Verdict.ERROR) {
                    area.distrust();
                }
                if (result.verdict() != Verdict.PASS) {
                    area.notPassed();
                }
                emit.accept(result);
            }
        }

        private RuleResult judgeOne(Rule rule) {
            if (harnessProblem != null) {
                return RuleResult.error(rule, harnessProblem, 0);
            }
            if (broken != null) {
                return RuleResult.skippedFor(rule, broken, brokenWhy);
            }
            Optional<Rule> failedPrerequisite = rule.prerequisites().stream().flatMap(p -> results.failureBehind(p).stream()).findFirst();
            if (failedPrerequisite.isPresent()) {
                return RuleResult.skippedFor(rule, failedPrerequisite.get(), "a prerequisite of this rule");
            }
            Optional<dev.greeter.conformance.lab.RuleCapture> capture = area.lab == null ? Optional.empty() : area.lab.captureRule(rule.id());
            RuleResult result = judgeRun(rule);
            try {
                return capture.flatMap(c -> c.end(result.verdict() == Verdict.PASS)).map(result::withCapture).orElse(result);
            } catch (RuntimeException e) {
                // A capture is evidence, never a verdict: one that broke leaves the rule as judged.
                return result;
            }
        }

        /** The rule itself, set-up included, while its holders capture. */
        private RuleResult judgeRun(Rule rule) {
            long start = System.nanoTime();
            if (!ready) {
                try {
                    area.setUp();
                    ready = true;
                } catch (ImplementationExited | ImplementationObstructed x) {
                    broken = rule;
                    brokenWhy = "the implementation exited while the " + rule.area().id() + " area was being set up";
                    return RuleResult.of(rule, Verdict.FAIL, new Finding(rule.requirement(), x.getMessage(), List.of()), millisSince(start));
                } catch (Violation v) {
                    broken = rule;
                    brokenWhy = "the implementation could not be made ready for the " + rule.area().id() + " area";
                    return RuleResult.of(rule, Verdict.FAIL, v.finding(), millisSince(start));
                } catch (RuntimeException e) {
                    harnessProblem = "setting up " + rule.area().id() + ": " + e.getMessage();
                    return RuleResult.error(rule, harnessProblem, millisSince(start));
                }
            }
            RuleResult result = check(rule, section, area, start);
            if (result.verdict() == Verdict.ERROR) {
                return result;
            }
            try {
                Optional<AreaChecks.Interruption> interruption = area.interruption();
                if (interruption.isPresent()) {
                    ready = false;
                    return result.interruptedBy(interruption.get().observed(), interruption.get().trace());
                }
            } catch (RuntimeException e) {
                return RuleResult.error(rule, "checking the implementation after " + rule.id() + ": " + e.getMessage(), millisSince(start));
            }
            return result;
        }
    }

    private static RuleResult check(Rule rule, Section<?> section, AreaChecks area, long start) {
        try {
            return RuleResult.of(rule, Verdict.PASS, section.judge(rule, area), millisSince(start));
        } catch (Violation v) {
            return RuleResult.of(rule, Verdict.FAIL, v.finding(), millisSince(start));
        } catch (ImplementationExited | ImplementationObstructed x) {
            return RuleResult.of(rule, Verdict.FAIL, new Finding(rule.requirement(), x.getMessage(), List.of()), millisSince(start));
        } catch (HarnessException e) {
            return RuleResult.error(rule, e.getMessage(), millisSince(start));
        } catch (RuntimeException e) {
            return RuleResult.error(rule, String.valueOf(e), millisSince(start));
        }
    }

    private static long millisSince(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }
}
