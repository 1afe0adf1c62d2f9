package dev.greeter.conformance.checks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.greeter.conformance.run.Section;
import dev.greeter.conformance.spec.Area;
import dev.greeter.conformance.spec.Rule;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SilentServerFirstTest {

    /**
     * Each client area's silent-server rule waits out the client's own time-out (up to 10 s), the longest run of its
     * area: it starts first so that the area's other runs go beside it, on every transport alike.
     */
    @Test
    void everyClientAreaStartsItsSilentServerRuleFirstAndNothingElse() {
        for (Section<?> section : Suite.SECTIONS) {
            if (section.area().role() != Area.Role.CLIENT) {
                continue;
            }
            Rule[] silent = Arrays.stream(Rule.values())
                    .filter(r -> r.area() == section.area() && r.title().equals("Gives up on a silent server")).toArray(Rule[]::new);
            assertThat(silent).as("area %s has one silent-server rule", section.area().id()).hasSize(1);
            assertThat(section.first()).as("area %s starts it first", section.area().id()).containsExactly(silent);
        }
    }
}
