package dev.greeter.conformance.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.greeter.conformance.spec.Rule;
import dev.greeter.conformance.spec.Verdict;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** An observation's lines: what was seen, detail, hints; and hints are for failures only, never a verdict's cause. */
class ObservedTest {

    private static final String SEEN = "no LISTEN socket on port 40674; listening instead on [0.0.0.0:8080]";

    @Test
    void hintsFollowTheObservationEachOnALineOfItsOwn() {
        String o = Observed.withHints(SEEN + "\nstdout (3 bytes): \"abc\"", Optional.of("one"), Optional.empty(), Optional.of("two"));
        assertThat(o).isEqualTo(SEEN + "\nstdout (3 bytes): \"abc\"\nhint: one\nhint: two");
        assertThat(Observed.first(o)).isEqualTo(SEEN);
        assertThat(Observed.hints(o)).containsExactly("one", "two");
        assertThat(Observed.hasDetail(o)).isTrue();
        assertThat(Observed.hasDetail(Observed.withHints(SEEN, Optional.of("one")))).as("a hint is no detail").isFalse();
        assertThat(Observed.withoutHints(o)).isEqualTo(SEEN + "\nstdout (3 bytes): \"abc\"");
        assertThat(Observed.withHints(SEEN)).isEqualTo(SEEN);
    }

    @Test
    void aHintNeverChangesAVerdictAndIsDroppedWhenTheRuleHolds() {
        String hinted = Observed.withHints(SEEN, Optional.of("the server listens on port 8080"));
        assertThat(Finding.require(true, "e", hinted, List.of()).observed()).as("a rule that holds points at no mistake").isEqualTo(SEEN);
        assertThatThrownBy(() -> Finding.require(false, "e", hinted, List.of())).isInstanceOf(Violation.class)
                .satisfies(v -> assertThat(((Violation) v).finding().observed()).isEqualTo(hinted));
        assertThatThrownBy(() -> Finding.require(false, "e", SEEN, List.of())).as("the same verdict without one")
                .isInstanceOf(Violation.class);
    }

    @Test
    void anInterruptionExtendsWhatWasSeenNotTheHint() {
        Rule rule = Rule.byId("1.1").orElseThrow();
        RuleResult r = new RuleResult(rule, Verdict.FAIL, "e", Observed.withHints(SEEN, Optional.of("h")), List.of(), 1,
                Optional.empty(), "", null).interruptedBy("the server exited", List.of());
        assertThat(Observed.first(r.observed())).isEqualTo(SEEN + "; but during this rule the server exited");
        assertThat(Observed.hints(r.observed())).containsExactly("h");
    }
}
