package dev.greeter.conformance.run;

import static dev.greeter.conformance.run.Check.check;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.greeter.conformance.config.HarnessConfig;
import dev.greeter.conformance.config.HarnessException;
import dev.greeter.conformance.config.Selection;
import dev.greeter.conformance.lab.ImplementationExited;
import dev.greeter.conformance.lab.Lab;
import dev.greeter.conformance.spec.Area;
import dev.greeter.conformance.spec.Rule;
import dev.greeter.conformance.spec.Transport;
import dev.greeter.conformance.spec.Verdict;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The runner's verdict logic without an engine: the lab is a stand-in no check touches, and the checks
 * are scripted. What the suite's Docker tests show case by case, here each rule of SPEC.md "Conventions".
 */
class SuiteRunnerTest {

    private static final Finding SEEN = new Finding("expected", "observed", List.of());

    /** A scripted area: each rule's outcome, and optionally a set-up or an interruption. */
    static final class Scripted extends AreaChecks {
        final Map<Rule, Supplier<Finding>> outcomes;
        final List<String> log;
        Supplier<Void> setUp = () -> null;
        java.util.function.Consumer<Area> onSetUp = a -> { };
        java.util.function.Consumer<Area> closed = a -> { };
        Rule interruptedAfter;
        /** This area's own last rule: the log is shared by areas judged side by side, its last line may be another's. */
        volatile Rule lastJudged;

        Scripted(Lab lab, Results results, Map<Rule, Supplier<Finding>> outcomes, List<String> log) {
            super(lab, results);
            this.outcomes = outcomes;
            this.log = log;
        }

        Finding judge(Rule rule) {
            log.add("judge " + rule.id());
            lastJudged = rule;
            return outcomes.getOrDefault(rule, () -> SEEN).get();
        }

        @Override
        public void setUp() {
            log.add("setUp");
            onSetUp.accept(area());
            setUp.get();
        }

        @Override
        public void notPassed() {
            log.add("not passed" + (lastJudged == null ? "" : " " + lastJudged.id()));
        }

        @Override
        public void close() {
            closed.accept(area());
        }

        private Area area() {
            return areaOf;
        }

        Area areaOf;

        @Override
        public Optional<Interruption> interruption() {
            return lastJudged == interruptedAfter ? Optional.of(new Interruption("the server exited (status 137)", List.of())) : Optional.empty();
        }
    }

    private final Map<Rule, Supplier<Finding>> outcomes = new EnumMap<>(Rule.class);
    // Areas run side by side: what they log is shared between threads.
    private final List<String> log = java.util.Collections.synchronizedList(new ArrayList<>());
    private final List<Scripted> made = java.util.Collections.synchronizedList(new ArrayList<>());
    private java.util.function.Consumer<Scripted> configure = s -> { };
    private java.util.function.Consumer<Area> onClose = a -> { };

    private Section<Scripted> section(Area area) {
        List<Check<Scripted>> checks = new ArrayList<>();
        for (Rule r : Rule.values()) {
            if (r.area() == area) {
                checks.add(check(r, "scripted", s -> s.judge(r)));
            }
        }
        return new Section<>(area, (lab, results) -> {
            Scripted s = new Scripted(lab, results, outcomes, log);
            s.areaOf = area;
            s.closed = a -> onClose.accept(a);
            configure.accept(s);
            made.add(s);
            return s;
        }, checks, area.role() == Area.Role.CLIENT);
    }

    private static Lab lab(HarnessConfig config) {
        Lab lab = mock(Lab.class);
        when(lab.config()).thenReturn(config);
        return lab;
    }

    private Map<String, RuleResult> run(HarnessConfig config, Function<HarnessConfig, Lab> labs, Area... areas) {
        List<Section<?>> sections = new ArrayList<>();
        for (Area a : areas) {
            sections.add(section(a));
        }
        Report report = new SuiteRunner(sections, labs).run(config, r -> { });
        Map<String, RuleResult> byId = new LinkedHashMap<>();
        report.results().forEach(r -> byId.put(r.rule().id(), r));
        return byId;
    }

    private static HarnessConfig server() {
        return HarnessConfig.defaults(Optional.of("server"), Optional.empty(), List.of());
    }

    private static HarnessConfig atOnce(HarnessConfig c, int areas) {
        return new HarnessConfig(c.serverImage(), c.clientImage(), c.serverArgs(), c.clientArgs(), c.port(), c.greeting(), c.backlog(),
                c.transports(), c.path(), c.selection(), c.probeImage(), c.isolation(), c.bounds(), c.timeScale(), c.expectations(),
                c.strict(), areas);
    }

    private static HarnessConfig transports(HarnessConfig c, Set<Transport> transports) {
        return new HarnessConfig(c.serverImage(), c.clientImage(), c.serverArgs(), c.clientArgs(), c.port(), c.greeting(), c.backlog(),
                transports, c.path(), c.selection(), c.probeImage(), c.isolation(), c.bounds(), c.timeScale(), c.expectations(),
                c.strict(), c.areasAtOnce());
    }

    private static Supplier<Finding> violation() {
        return () -> {
            throw new Violation(new Finding("the greeting", "nothing", List.of()));
        };
    }

    @Test
    void aViolationFailsItsRuleAndTheRulesThatNameItAsPrerequisiteAreSkippedWithALink() {
        outcomes.put(Rule.R1_1, violation());
        Map<String, RuleResult> r = run(server(), SuiteRunnerTest::lab, Area.BINDING, Area.GREETING);
        assertThat(r.get("1.1").verdict()).isEqualTo(Verdict.FAIL);
        assertThat(r.get("1.2").verdict()).as("rule prerequisite 1.1").isEqualTo(Verdict.SKIPPED);
        assertThat(r.get("1.2").skippedFor()).contains(Rule.R1_1);
        assertThat(r.get("2.1").skippedFor()).as("area prerequisite").contains(Rule.R1_1);
        assertThat(made).as("the greeting area is never made").hasSize(1);
    }

    @Test
    void aSetUpTheImplementationPreventsFailsTheRuleAboutToBeJudgedAndSkipsTheRestOfTheArea() {
        configure = s -> s.setUp = () -> {
            throw new ImplementationExited("the server exited with status 1: bind: address in use");
        };
        Map<String, RuleResult> r = run(server(), SuiteRunnerTest::lab, Area.GREETING);
        assertThat(r.get("2.1").verdict()).isEqualTo(Verdict.FAIL);
        assertThat(r.get("2.1").observed()).contains("status 1");
        assertThat(r.get("2.2").skippedFor()).contains(Rule.R2_1);
        assertThat(r.get("2.3").skippedFor()).contains(Rule.R2_1);
        assertThat(log).containsExactly("setUp", "not passed", "not passed", "not passed", "not passed");
    }

    @Test
    void aHarnessFaultIsAnErrorNeverAFailAndTheImplementationIsNotBlamed() {
        outcomes.put(Rule.R2_2, () -> {
            throw new HarnessException("probe did not answer");
        });
        Map<String, RuleResult> r = run(server(), SuiteRunnerTest::lab, Area.GREETING);
        assertThat(r.get("2.1").verdict()).isEqualTo(Verdict.PASS);
        assertThat(r.get("2.2").verdict()).isEqualTo(Verdict.ERROR);
        assertThat(r.get("2.2").observed()).contains("probe did not answer");
        assertThat(r.get("2.3").verdict()).isEqualTo(Verdict.PASS);
        assertThat(new Report("s", List.copyOf(r.values()), java.time.Duration.ZERO, false).exitStatus()).isEqualTo(Report.HARNESS_BROKE);
    }

    @Test
    void aRuleLeftWithoutAVerdictFailsTheRunNamingItNeverCountsAsConforming() {
        // A progress line that cannot be shown breaks off the greeting area after 2.1: 2.2 and 2.3 get nothing.
        List<Section<?>> sections = List.of(section(Area.GREETING));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new SuiteRunner(sections, SuiteRunnerTest::lab).run(server(), r -> {
            if (r.rule() == Rule.R2_1) {
                throw new IllegalStateException("the console went away");
            }
        })).as("a dropped rule stops the run").isInstanceOf(HarnessException.class)
                .hasMessageContaining("rule 2.2").hasMessageContaining("no verdict");
    }

    @Test
    void aRuleWithTwoVerdictsOrNoneIsAHarnessBugAndOneEachPasses() {
        RuleResult pass = RuleResult.of(Rule.R2_1, Verdict.PASS, SEEN, 0);
        SuiteRunner.requireOneVerdictEach(List.of(Rule.R2_1), List.of(pass));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> SuiteRunner.requireOneVerdictEach(List.of(Rule.R2_1, Rule.R2_2), List.of(pass)))
                .isInstanceOf(HarnessException.class).hasMessage("harness bug: rule 2.2 (" + Rule.R2_2.title()
                        + ") ended with no verdict; this run's report cannot be trusted");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> SuiteRunner.requireOneVerdictEach(List.of(Rule.R2_1), List.of(pass, pass)))
                .isInstanceOf(HarnessException.class).hasMessageContaining("rule 2.1").hasMessageContaining("2 verdicts");
    }

    @Test
    void anAreaThatCannotBeMadeIsAnErrorOfEachOfItsRules() {
        List<Section<?>> sections = List.of(new Section<Scripted>(Area.GREETING, (lab, results) -> {
            throw new IllegalStateException("no probe image");
        }, section(Area.GREETING).checks(), false));
        Report report = new SuiteRunner(sections, SuiteRunnerTest::lab).run(server(), r -> { });
        assertThat(report.results()).as("every rule of the area, each an ERROR").extracting(RuleResult::verdict)
                .hasSize(4).containsOnly(Verdict.ERROR);
        assertThat(report.results().get(0).observed()).contains("no probe image");
        assertThat(report.exitStatus()).isEqualTo(Report.HARNESS_BROKE);
    }

    @Test
    void aLabThatCannotOpenIsAnErrorOfEverySelectedRule() {
        Map<String, RuleResult> r = run(server(), c -> {
            throw new HarnessException("no Docker engine");
        }, Area.BINDING);
        assertThat(r.values()).extracting(RuleResult::verdict).containsOnly(Verdict.ERROR);
    }

    @Test
    void anInterruptionFailsTheRuleUnderWayEvenIfItsCheckPassedAndTheNextRuleGetsAFreshSetUp() {
        configure = s -> s.interruptedAfter = Rule.R6_1;
        Map<String, RuleResult> r = run(server(), SuiteRunnerTest::lab, Area.ROBUSTNESS);
        assertThat(r.get("6.1").verdict()).isEqualTo(Verdict.FAIL);
        assertThat(r.get("6.1").observed()).contains("status 137");
        assertThat(r.get("6.2").verdict()).isEqualTo(Verdict.PASS);
        assertThat(log).containsExactly("setUp", "judge 6.1", "not passed 6.1", "setUp", "judge 6.2", "judge 6.3", "judge 6.4");
    }

    @Test
    void skipsHaveOnlyTheThreeReasonsAndOtherTransportsAreNotPartOfTheRun() {
        HarnessConfig onlyGreeting = new HarnessConfig(Optional.of("server"), Optional.empty(), List.of(), List.of(), 40674,
                "hi", 5, Set.of(Transport.TCP), "/run/greeter/greeter.sock", new Selection(List.of("2.2"), List.of()),
                HarnessConfig.DEFAULT_PROBE_IMAGE, server().isolation(), server().bounds(), 1.0, server().expectations(), false, 1);
        Map<String, RuleResult> r = run(onlyGreeting, SuiteRunnerTest::lab, Area.GREETING, Area.CLIENT);
        assertThat(r.get("2.1").observed()).contains("not selected by --only");
        assertThat(r.get("2.2").verdict()).isEqualTo(Verdict.PASS);
        assertThat(r.get("7.1").observed()).contains("no client image given");
        assertThat(log).containsExactly("setUp", "judge 2.2");

        log.clear();
        HarnessConfig udpOnly = new HarnessConfig(Optional.of("server"), Optional.empty(), List.of(), List.of(), 40674,
                "hi", 5, Set.of(Transport.UDP), "/run/greeter/greeter.sock", Selection.all(),
                HarnessConfig.DEFAULT_PROBE_IMAGE, server().isolation(), server().bounds(), 1.0, server().expectations(), false, 1);
        assertThat(run(udpOnly, SuiteRunnerTest::lab, Area.BINDING, Area.GREETING)).as("TCP rules in a UDP run").isEmpty();
        assertThat(log).isEmpty();
    }

    @Test
    void everyResultNamesItsCheckWhetherJudgedFailedErredOrSkipped() {
        outcomes.put(Rule.R1_2, () -> {
            throw new HarnessException("probe did not answer");
        });
        outcomes.put(Rule.R2_1, violation());
        Map<String, RuleResult> r = run(server(), SuiteRunnerTest::lab, Area.BINDING, Area.GREETING, Area.CLIENT);
        assertThat(r.get("1.1").verdict()).isEqualTo(Verdict.PASS);
        assertThat(r.get("1.2").verdict()).isEqualTo(Verdict.ERROR);
        assertThat(r.get("2.1").verdict()).isEqualTo(Verdict.FAIL);
        assertThat(r.get("7.1").observed()).contains("no client image given");
        assertThat(r.values()).isNotEmpty().allSatisfy(result ->
                assertThat(result.check()).isEqualTo(result.rule().methodPrefix() + "scripted"));
    }

    @Test
    void aSkipForAFailureCarriesDownAChainOfPrerequisitesAndADeselectionDoesNot() {
        Results results = new Results();
        results.record(RuleResult.of(Rule.R10_1, Verdict.FAIL, SEEN, 1));
        results.record(RuleResult.skippedFor(Rule.R10_2, Rule.R10_1, "a prerequisite of this rule"));
        results.record(RuleResult.skipped(Rule.R2_1, "not selected by --only"));
        results.record(RuleResult.of(Rule.R7_1, Verdict.XFAIL, SEEN, 1));
        assertThat(results.failureBehind(Rule.R10_2)).as("skipped for 10.1").contains(Rule.R10_1);
        assertThat(results.failureBehind(Rule.R10_1)).contains(Rule.R10_1);
        assertThat(results.failureBehind(Rule.R2_1)).as("deselected: its dependants are judged").isEmpty();
        assertThat(results.failureBehind(Rule.R7_1)).as("an expected failure excuses nothing").isEmpty();
    }

    @Test
    void theServerAreasOfATransportAreALaneJudgedOneAfterAnotherWithTheAreaThatStopsItsServerLast() {
        java.util.concurrent.atomic.AtomicInteger tcpAreas = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger most = new java.util.concurrent.atomic.AtomicInteger();
        // The UDP and Unix-domain lanes and one TCP area must be under way at once for this latch to open.
        java.util.concurrent.CountDownLatch threeLanes = new java.util.concurrent.CountDownLatch(3);
        for (Rule first : List.of(Rule.R3_1, Rule.R8_1, Rule.R10_1)) {
            outcomes.put(first, () -> {
                threeLanes.countDown();
                try {
                    assertThat(threeLanes.await(30, java.util.concurrent.TimeUnit.SECONDS)).as("three lanes under way at once").isTrue();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                return SEEN;
            });
        }
        configure = s -> s.onSetUp = area -> {
            if (area.transport() == Transport.TCP) {
                most.accumulateAndGet(tcpAreas.incrementAndGet(), Math::max);
            }
        };
        onClose = area -> {
            if (area.transport() == Transport.TCP) {
                tcpAreas.decrementAndGet();
            }
        };
        HarnessConfig all = transports(atOnce(server(), 3), Set.of(Transport.TCP, Transport.UDP, Transport.UNIX));
        Map<String, RuleResult> r = run(all, SuiteRunnerTest::lab, Area.BINDING, Area.GREETING, Area.CONCURRENCY,
                Area.BACKLOG, Area.REFUSED, Area.ROBUSTNESS, Area.UDP, Area.UNIX);
        assertThat(r.values()).extracting(RuleResult::verdict).containsOnly(Verdict.PASS);
        assertThat(most.get()).as("TCP server areas under way at once").isEqualTo(1);
        List<String> tcp = log.stream().filter(l -> l.startsWith("judge ") && Rule.byId(l.substring(6)).orElseThrow().area().transport()
                == Transport.TCP).toList();
        assertThat(tcp).as("spec order, but refused (which stops its server) after robustness").containsExactly(
                "judge 1.1", "judge 1.2", "judge 1.3", "judge 2.1", "judge 2.2", "judge 2.3", "judge 2.4", "judge 3.1", "judge 3.2", "judge 4.1", "judge 4.2",
                "judge 6.1", "judge 6.2", "judge 6.3", "judge 6.4", "judge 5.1", "judge 5.2", "judge 5.3");
        assertThat(made).as("one set of checks per area").hasSize(8);
    }

    @Test
    void anAreaIsToldOfEveryRuleThatDidNotPassSoThatItHandsNothingOn() {
        outcomes.put(Rule.R2_2, violation());
        outcomes.put(Rule.R3_1, () -> {
            throw new HarnessException("probe did not answer");
        });
        run(server(), SuiteRunnerTest::lab, Area.GREETING, Area.CONCURRENCY, Area.BACKLOG);
        assertThat(log).as("told after the failed 2.2 and the 3.1 in error; nothing of backlog")
                .containsSubsequence("judge 2.2", "not passed 2.2", "judge 2.3")
                .containsSubsequence("judge 3.1", "not passed 3.1", "judge 3.2")
                .noneMatch(l -> l.startsWith("not passed 4."));
    }

    @Test
    void rulesThatStandApartEachGetTheirOwnChecksAndWaitOnlyForTheirOwnPrerequisites() {
        outcomes.put(Rule.R7_1, violation());
        HarnessConfig client = atOnce(HarnessConfig.defaults(Optional.empty(), Optional.of("client"), List.of()), 2);
        Map<String, RuleResult> r = run(client, SuiteRunnerTest::lab, Area.CLIENT);
        assertThat(r.get("7.1").verdict()).isEqualTo(Verdict.FAIL);
        assertThat(r.get("7.2").skippedFor()).as("7.2 needs 7.1").contains(Rule.R7_1);
        assertThat(r.get("7.5").skippedFor()).as("7.5 needs 7.1").contains(Rule.R7_1);
        assertThat(r.get("7.6").skippedFor()).as("7.6 needs 7.1").contains(Rule.R7_1);
        assertThat(r.get("7.3").verdict()).isEqualTo(Verdict.PASS);
        assertThat(r.get("7.4").verdict()).isEqualTo(Verdict.PASS);
        assertThat(made).as("checks of their own for each rule").hasSize(6);
        assertThat(log.stream().filter("setUp"::equals).count()).as("a set-up of its own for each rule judged: 7.1, 7.3, 7.4").isEqualTo(3);
    }

    @Test
    void rulesJudgedTogetherShareOneUnitWhenSelectedAndTheOthersStandApart() {
        Section<Scripted> client = section(Area.CLIENT).judgedTogether(Rule.R7_6, Rule.R7_1);
        assertThat(client.units(List.of(Rule.R7_1, Rule.R7_2, Rule.R7_6))).as("one run judged two ways, in rule order")
                .containsExactly(List.of(Rule.R7_1, Rule.R7_6), List.of(Rule.R7_2));
        assertThat(client.units(List.of(Rule.R7_2, Rule.R7_6))).as("7.1 deselected: 7.6 alone").containsExactly(List.of(Rule.R7_2),
                List.of(Rule.R7_6));
        assertThat(section(Area.GREETING).units(List.of(Rule.R2_1, Rule.R2_3))).as("an area judged as one")
                .containsExactly(List.of(Rule.R2_1, Rule.R2_3));
    }

    @Test
    void oneAreaAtOnceJudgesInSpecOrder() {
        HarnessConfig both = atOnce(HarnessConfig.defaults(Optional.of("server"), Optional.of("client"), List.of()), 1);
        run(both, SuiteRunnerTest::lab, Area.GREETING, Area.CONCURRENCY, Area.CLIENT);
        assertThat(log.stream().filter(l -> l.startsWith("judge")).toList()).containsExactly("judge 2.1", "judge 2.2", "judge 2.3",
                "judge 2.4", "judge 3.1", "judge 3.2", "judge 7.1", "judge 7.2", "judge 7.3", "judge 7.4", "judge 7.5", "judge 7.6");
    }
}
