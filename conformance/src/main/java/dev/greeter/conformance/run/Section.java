package dev.greeter.conformance.run;

import dev.greeter.conformance.lab.Lab;
import dev.greeter.conformance.spec.Area;
import dev.greeter.conformance.spec.Rule;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * One area of SPEC.md as the suite runs it, assembled explicitly (as h2spec builds its spec tree): how to
 * make the area's checks, and one {@link Check} per rule of the area, in rule order. A section that
 * misses a rule of its area, checks one twice or one of another area cannot be built.
 *
 * @param rulesApart each rule is judged on checks of its own (its own set-up: probe, scripted server, container
 *                   under test), so nothing one rule does can reach another and the runner may judge them side by side
 * @param together   in a section whose rules stand apart, rules judged on one set of checks all the same: two questions
 *                   asked of one run (7.1 and 7.6 of one client run), each group in rule order
 * @param first      in a section whose rules stand apart, rules whose units the runner is given before the others (see
 *                   {@link #startingFirst}); the rest keep rule order
 * @param <A> the area's checks
 */
public record Section<A extends AreaChecks>(Area area, BiFunction<Lab, Results, A> factory, List<Check<A>> checks, boolean rulesApart,
                                            List<List<Rule>> together, List<Rule> first) {

    public Section(Area area, BiFunction<Lab, Results, A> factory, List<Check<A>> checks) {
        this(area, factory, checks, false);
    }

    public Section(Area area, BiFunction<Lab, Results, A> factory, List<Check<A>> checks, boolean rulesApart) {
        this(area, factory, checks, rulesApart, List.of(), List.of());
    }

    public Section {
        together = List.copyOf(together);
        first = List.copyOf(first);
        checks = checks.stream().sorted(Comparator.comparing(c -> c.rule().ordinal())).toList();
        List<Rule> declared = checks.stream().map(Check::rule).toList();
        List<Rule> ofArea = Arrays.stream(Rule.values()).filter(r -> r.area() == area).toList();
        if (!declared.equals(ofArea)) {
            throw new IllegalStateException("section " + area.section() + " (" + area.id() + ") checks " + ids(declared)
                    + ", but its rules are " + ids(ofArea));
        }
    }

    @SafeVarargs
    public static <A extends AreaChecks> Section<A> of(Area area, BiFunction<Lab, Results, A> factory, Check<A>... checks) {
        return new Section<>(area, factory, List.of(checks));
    }

    /** This section with each rule judged on checks of its own (see {@link #rulesApart()}). */
    public Section<A> eachRuleApart() {
        return new Section<>(area, factory, checks, true, together, first);
    }

    /** This section with {@code rules} judged on one set of checks, though its other rules stand apart. */
    public Section<A> judgedTogether(Rule... rules) {
        List<List<Rule>> groups = new java.util.ArrayList<>(together);
        groups.add(Arrays.stream(rules).sorted(Comparator.comparing(Rule::ordinal)).toList());
        return new Section<>(area, factory, checks, rulesApart, groups, first);
    }

    /**
     * This section with the units of {@code rules} given to the runner first, though they stand apart like the others:
     * rules whose judgement waits out a bound of the implementation's own (a client's time-out against a silent
     * server: the client decides when it gives up, up to the rule's bound), which the other rules' runs can go beside
     * rather than after. Verdicts and reports do not change (reports list rules in rule order); only when each starts.
     */
    public Section<A> startingFirst(Rule... rules) {
        return new Section<>(area, factory, checks, rulesApart, together, Arrays.asList(rules));
    }

    /** The selected rules in units of checks: one each when the rules stand apart (but those judged together), else one. */
    List<List<Rule>> units(List<Rule> selected) {
        if (!rulesApart) {
            return List.of(selected);
        }
        List<List<Rule>> units = new java.util.ArrayList<>();
        for (Rule r : selected) {
            List<Rule> unit = together.stream().filter(g -> g.contains(r)).findFirst()
                    .map(g -> g.stream().filter(selected::contains).toList()).orElse(List.of(r));
            if (!units.contains(unit)) {
                units.add(unit);
            }
        }
        // A stable sort: the units of the rules that start first, then the rest in rule order.
        units.sort(Comparator.comparing(u -> u.stream().noneMatch(first::contains)));
        return units;
    }

    public List<Rule> rules() {
        return checks.stream().map(Check::rule).toList();
    }

    public Optional<Check<A>> check(Rule rule) {
        return checks.stream().filter(c -> c.rule() == rule).findFirst();
    }

    /** {@code result}, of one of this section's rules, named after the rule's check here. */
    RuleResult named(RuleResult result) {
        return result.checkedBy(check(result.rule()).map(Check::name).orElse(null));
    }

    /** Runs one of this section's checks against {@code area}, which this section's factory made. */
    Finding judge(Rule rule, AreaChecks area) {
        Check<A> check = check(rule).orElseThrow();
        return check.body().apply(cast(area));
    }

    @SuppressWarnings("unchecked")
    private A cast(AreaChecks area) {
        return (A) area;
    }

    private static String ids(List<Rule> rules) {
        return rules.stream().map(Rule::id).toList().toString();
    }
}
