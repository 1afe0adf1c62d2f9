package dev.greeter.conformance.api;

import static dev.greeter.conformance.api.GreeterAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.greeter.conformance.run.Report;
import dev.greeter.conformance.spec.Rule;
import dev.greeter.conformance.spec.Verdict;
import org.junit.jupiter.api.Test;

/** The AssertJ entry point on reports made by hand (no engine): what passes, and what a failure says. */
class ReportAssertTest {

    static final Report CONFORMING = Reports.report(false, Rule.R5_3, Verdict.FAIL, Rule.R7_1, Verdict.SKIPPED);
    static final Report BAD_GREETING = Reports.report(false, Rule.R2_2, Verdict.FAIL);

    @Test
    void aFailedShouldRuleOrASkipStillConformsAndAFailedMustRuleDoesNotWithItsEvidence() {
        assertThatCode(() -> assertThat(CONFORMING).conforms()).doesNotThrowAnyException();
        assertThatThrownBy(() -> assertThat(BAD_GREETING).conforms()).isInstanceOf(AssertionError.class)
                .hasMessageContaining("expected server acme/greeter:1 to conform")
                .hasMessageContaining("DOES NOT CONFORM (a MUST rule failed)")
                .hasMessageContaining("requirement: " + Rule.R2_2.requirement())
                .hasMessageContaining("observed:    received 25 bytes").hasMessageContaining("<- FIN")
                .hasMessageNotContaining("2.1");
    }

    @Test
    void aHarnessErrorIsNotConformance() {
        assertThatThrownBy(() -> assertThat(Reports.report(false, Rule.R4_1, Verdict.ERROR)).conforms())
                .hasMessageContaining("NOT JUDGED").hasMessageContaining("probe did not answer");
    }

    @Test
    void ruleVerdictsAndWhatAWrongOneSays() {
        assertThat(BAD_GREETING).rule("2.2").failed().hasVerdict(Verdict.FAIL);
        assertThat(BAD_GREETING).rule("2.1").passed();
        assertThat(CONFORMING).rule("7.1").skipped();
        assertThat(Reports.report(false, Rule.R2_2, Verdict.XFAIL)).rule("2.2").failed();
        assertThatThrownBy(() -> assertThat(BAD_GREETING).rule("2.2").passed())
                .hasMessageContaining("expected rule 2.2 to be PASS").hasMessageContaining("expected:    exactly 24 bytes")
                .hasMessageContaining("wire trace:");
        assertThatThrownBy(() -> assertThat(BAD_GREETING).rule("2.1").failed()).hasMessageContaining("expected rule 2.1 to fail, but it was PASS");
        assertThatThrownBy(() -> assertThat(BAD_GREETING).rule("9.9")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'9.9'");
    }

    @Test
    void onlyFailedWantsExactlyThoseRulesFailedAndNamesEveryOtherOne() {
        assertThat(BAD_GREETING).onlyFailed("2.2");
        assertThat(Reports.report(false, Rule.R2_2, Verdict.FAIL, Rule.R2_3, Verdict.SKIPPED)).onlyFailed("2.2");
        assertThatThrownBy(() -> assertThat(Reports.report(false, Rule.R2_2, Verdict.FAIL, Rule.R3_1, Verdict.FAIL)).onlyFailed("2.2"))
                .hasMessageContaining("expected exactly rules [2.2]").hasMessageContaining("FAIL 3.1 MUST")
                .hasMessageNotContaining("FAIL 2.2");
        assertThatThrownBy(() -> assertThat(Reports.report(false)).onlyFailed("2.2"))
                .hasMessageContaining("PASS 2.2 MUST Sends exactly the greeting");
        assertThatThrownBy(() -> assertThat(Reports.report(false, Rule.R2_2, Verdict.FAIL, Rule.R6_1, Verdict.ERROR)).onlyFailed("2.2"))
                .hasMessageContaining("ERROR 6.1");
    }
}
