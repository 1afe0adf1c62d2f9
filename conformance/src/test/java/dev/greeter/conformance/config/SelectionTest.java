package dev.greeter.conformance.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.greeter.conformance.spec.Rule;
import java.util.List;
import org.junit.jupiter.api.Test;

class SelectionTest {

    @Test
    void selectsByIdSectionOrArea() {
        assertThat(new Selection(List.of("2.3"), List.of()).includes(Rule.R2_3)).isTrue();
        assertThat(new Selection(List.of("2.3"), List.of()).includes(Rule.R2_2)).isFalse();
        assertThat(new Selection(List.of("2"), List.of()).includes(Rule.R2_1)).isTrue();
        assertThat(new Selection(List.of("4.*"), List.of()).includes(Rule.R4_2)).isTrue();
        assertThat(new Selection(List.of("Backlog"), List.of()).includes(Rule.R4_1)).isTrue();
        assertThat(new Selection(List.of("backlog"), List.of()).includes(Rule.R5_1)).isFalse();
    }

    @Test
    void excludeWinsAndSaysSo() {
        Selection s = new Selection(List.of("5"), List.of("5.3"));
        assertThat(s.includes(Rule.R5_1)).isTrue();
        assertThat(s.includes(Rule.R5_3)).isFalse();
        assertThat(s.reason(Rule.R5_3)).isEqualTo("excluded by --exclude");
        assertThat(s.reason(Rule.R1_1)).isEqualTo("not selected by --only");
        assertThat(Selection.all().includes(Rule.R7_4)).isTrue();
    }

    @Test
    void aPatternMatchingNoRuleIsRejectedNotIgnored() {
        assertThatThrownBy(() -> new Selection(List.of("9.9"), List.of())).hasMessageContaining("'9.9' matches no rule");
        assertThatThrownBy(() -> new Selection(List.of(), List.of("greting"))).hasMessageContaining("'greting'");
    }
}
