package dev.greeter.conformance.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.greeter.conformance.run.Report;
import dev.greeter.conformance.spec.Rule;
import dev.greeter.conformance.spec.Verdict;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/** Verdicts mapped to JUnit outcomes, from a report made by hand (no engine). */
class RuleTestsTest {

    static final Report MIXED = Reports.report(false, Rule.R2_2, Verdict.FAIL, Rule.R2_3, Verdict.SKIPPED, Rule.R3_1, Verdict.XFAIL,
            Rule.R3_2, Verdict.XPASS, Rule.R4_1, Verdict.ERROR, Rule.R5_3, Verdict.FAIL);

    static Map<String, DynamicTest> tests(Report report, AtomicInteger runs) {
        return RuleTests.of(List.of(Rule.values()), () -> {
            runs.incrementAndGet();
            return report;
        }, "conformance --server=acme/greeter:1").collect(Collectors.toMap(DynamicTest::getDisplayName, Function.identity()));
    }

    @Test
    void oneTestPerRuleNamedByIdLevelAndTitleAndTheSuiteRunsOnceAtTheFirstTest() throws Throwable {
        AtomicInteger runs = new AtomicInteger();
        Map<String, DynamicTest> tests = tests(MIXED, runs);
        assertThat(tests).hasSize(Rule.values().length).containsKey("2.2 MUST Sends exactly the greeting");
        assertThat(runs).as("not before a test runs").hasValue(0);
        tests.get("2.1 MUST Greets unprompted").getExecutable().execute();
        tests.get("1.1 MUST Listens on the declared port").getExecutable().execute();
        assertThat(runs).hasValue(1);
    }

    @Test
    void aFailShowsRequirementExpectedObservedTraceAndHowToReproduce() {
        DynamicTest t = tests(MIXED, new AtomicInteger()).get("2.2 MUST Sends exactly the greeting");
        assertThatThrownBy(() -> t.getExecutable().execute()).isInstanceOf(AssertionFailedError.class)
                .hasMessageContaining("FAIL 2.2 MUST Sends exactly the greeting")
                .hasMessageContaining("requirement: " + Rule.R2_2.requirement())
                .hasMessageContaining("expected:    exactly 24 bytes")
                .hasMessageContaining("observed:    received 25 bytes")
                .hasMessageContaining("wire trace:").hasMessageContaining("<- FIN")
                .hasMessageContaining("reproduce: conformance --server=acme/greeter:1");
    }

    @Test
    void skippedAndFailedShouldRulesAbortWithTheReasonXfailPassesXpassAndErrorFail() {
        Map<String, DynamicTest> tests = tests(MIXED, new AtomicInteger());
        assertThatThrownBy(() -> tests.get("2.3 MUST Closes in order").getExecutable().execute())
                .isInstanceOf(TestAbortedException.class).hasMessage("skipped: not selected by --only");
        assertThatThrownBy(() -> tests.get("5.3 SHOULD Exits promptly on SIGTERM").getExecutable().execute())
                .isInstanceOf(TestAbortedException.class).hasMessageContaining("not fatal").hasMessageContaining("received 25 bytes");
        assertThatCode(() -> tests.get(RuleTests.name(Rule.R3_1)).getExecutable().execute()).doesNotThrowAnyException();
        assertThatThrownBy(() -> tests.get(RuleTests.name(Rule.R3_2)).getExecutable().execute())
                .isInstanceOf(AssertionFailedError.class).hasMessageContaining("XPASS 3.2").hasMessageContaining("take it off the list");
        assertThatThrownBy(() -> tests.get(RuleTests.name(Rule.R4_1)).getExecutable().execute())
                .isInstanceOf(AssertionFailedError.class).hasMessageContaining("ERROR 4.1").hasMessageContaining("probe did not answer");
    }

    @Test
    void strictMakesAFailedShouldRuleFailItsTest() {
        Report strict = Reports.report(true, Rule.R5_3, Verdict.FAIL);
        DynamicTest t = tests(strict, new AtomicInteger()).get("5.3 SHOULD Exits promptly on SIGTERM");
        assertThatThrownBy(() -> t.getExecutable().execute()).isInstanceOf(AssertionFailedError.class).hasMessageContaining("FAIL 5.3");
    }

    @Test
    void aRunThatCannotStartFailsEveryTestWithItsReasonAndIsNotRetried() {
        AtomicInteger runs = new AtomicInteger();
        List<DynamicTest> tests = RuleTests.of(List.of(Rule.R1_1, Rule.R1_2), () -> {
            runs.incrementAndGet();
            throw new IllegalArgumentException("Invalid value for option '--port': 0 is not a port (1-65535)");
        }, "conformance").toList();
        for (DynamicTest t : tests) {
            assertThatThrownBy(() -> t.getExecutable().execute()).hasMessageContaining("'--port': 0 is not a port");
        }
        assertThat(runs).hasValue(1);
    }
}
