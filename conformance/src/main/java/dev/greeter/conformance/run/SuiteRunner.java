package dev.greeter.conformance.run;

import dev.greeter.conformance.lab.Lab;
import dev.greeter.conformance.spec.Area;
import dev.greeter.conformance.spec.Rule;
import dev.greeter.conformance.spec.Verdict;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Runs the selected rules area by area, in rule order, and turns each check's outcome into a verdict. */
public final class SuiteRunner {

    private static final Pattern CHECK_NAME = Pattern.compile("(required|recommended)_spec(\\d)(\\d\\d)_\\w+");

    private final List<Class<? extends AreaChecks>> areas;

    /** @param areas one class per area, in spec order, each with a (Lab, Results) constructor */
    public SuiteRunner(List<Class<? extends AreaChecks>> areas) {
        this.areas = List.copyOf(areas);
    }

    /** The name of the check method for a rule, as JUnit reports show it. */
    public String checkName(Rule rule) {
        return areas.stream().map(SuiteRunner::checks).filter(c -> c.containsKey(rule)).findFirst()
                .map(c -> c.get(rule).getName()).orElse(rule.methodPrefix() + "unchecked");
    }

    /** The check methods of an area class, keyed by the rule each names. */
    public static Map<Rule, Method> checks(Class<? extends AreaChecks> type) {
        Map<Rule, Method> found = new EnumMap<>(Rule.class);
        Arrays.stream(type.getMethods())
                .filter(m -> CHECK_NAME.matcher(m.getName()).matches())
                .sorted(Comparator.comparing(Method::getName))
                .forEach(m -> {
                    Matcher n = CHECK_NAME.matcher(m.getName());
                    n.matches();
                    String id = n.group(2) + "." + Integer.parseInt(n.group(3));
                    Rule rule = Rule.byId(id).orElseThrow(() -> new IllegalStateException(m + " names no rule " + id));
                    if (!m.getName().startsWith(rule.methodPrefix())) {
                        throw new IllegalStateException(m.getName() + " does not match the level of " + rule);
                    }
                    if (found.put(rule, m) != null) {
                        throw new IllegalStateException("two checks for rule " + id + " in " + type.getSimpleName());
                    }
                });
        return found;
    }

    public Report run(HarnessConfig config, Consumer<RuleResult> progress) {
        long start = System.nanoTime();
        List<RuleResult> all = new ArrayList<>();
        Results results = new Results();
        Consumer<RuleResult> emit = r -> {
            all.add(r);
            results.record(r);
            progress.accept(r);
        };
        Optional<Lab> lab = Optional.empty();
        try {
            for (Class<? extends AreaChecks> area : areas) {
                lab = runArea(area, lab, config, results, emit);
            }
        } finally {
            lab.ifPresent(Lab::close);
        }
        all.sort(Comparator.comparing(r -> r.rule().ordinal()));
        return new Report(config.subject(), all, Duration.ofNanos(System.nanoTime() - start));
    }

    private static AreaChecks instantiate(Class<? extends AreaChecks> type, Lab lab, Results results) {
        try {
            return type.getConstructor(Lab.class, Results.class).newInstance(lab, results);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(type + " needs a public (Lab, Results) constructor", e);
        }
    }

    private Optional<Lab> runArea(Class<? extends AreaChecks> type, Optional<Lab> lab, HarnessConfig config,
                                  Results results, Consumer<RuleResult> emit) {
        Map<Rule, Method> checks = checks(type);
        Area area = checks.keySet().iterator().next().area();
        List<Rule> selected = checks.keySet().stream().filter(config.selection()::includes).toList();
        for (Rule r : checks.keySet()) {
            if (!config.covers(area.role())) {
                emit.accept(RuleResult.skipped(r, "no " + area.role().name().toLowerCase(java.util.Locale.ROOT) + " image given"));
            } else if (!selected.contains(r)) {
                emit.accept(RuleResult.skipped(r, config.selection().reason(r)));
            }
        }
        if (selected.isEmpty() || !config.covers(area.role())) {
            return lab;
        }
        Lab open;
        try {
            open = lab.orElseGet(() -> Lab.open(config));
        } catch (HarnessException e) {
            selected.forEach(r -> emit.accept(RuleResult.error(r, e.getMessage(), 0)));
            return lab;
        }
        try (AreaChecks checksOfArea = instantiate(type, open, results)) {
            String areaProblem = null;
            Verdict areaVerdict = null;
            try {
                checksOfArea.open();
            } catch (Skip s) {
                areaVerdict = Verdict.SKIPPED;
                areaProblem = s.getMessage();
            } catch (RuntimeException e) {
                areaVerdict = Verdict.ERROR;
                areaProblem = "setting up " + area.id() + ": " + e;
            }
            for (Rule rule : selected) {
                if (areaVerdict == Verdict.SKIPPED) {
                    emit.accept(RuleResult.skipped(rule, areaProblem));
                } else if (areaVerdict == Verdict.ERROR) {
                    emit.accept(RuleResult.error(rule, areaProblem, 0));
                } else {
                    emit.accept(judge(rule, checks.get(rule), checksOfArea, results));
                }
            }
        } catch (RuntimeException e) {
            // Raised while closing the area: its verdicts stand, but the next area gets a new lab.
            open.close();
            return Optional.empty();
        }
        return Optional.of(open);
    }

    private static RuleResult judge(Rule rule, Method check, AreaChecks area, Results results) {
        Optional<Rule> failedPrerequisite = rule.prerequisites().stream().filter(results::failed).findFirst();
        if (failedPrerequisite.isPresent()) {
            return RuleResult.skipped(rule, "prerequisite " + failedPrerequisite.get().id() + " failed");
        }
        long start = System.nanoTime();
        try {
            Finding finding = (Finding) check.invoke(area);
            return RuleResult.of(rule, Verdict.PASS, finding, millisSince(start));
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Violation v) {
                return RuleResult.of(rule, Verdict.FAIL, v.finding(), millisSince(start));
            }
            if (cause instanceof Skip s) {
                return RuleResult.skipped(rule, s.getMessage());
            }
            return RuleResult.error(rule, String.valueOf(cause), millisSince(start));
        } catch (IllegalAccessException e) {
            return RuleResult.error(rule, e.toString(), millisSince(start));
        }
    }

    private static long millisSince(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }
}
