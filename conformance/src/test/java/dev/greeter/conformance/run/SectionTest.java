package dev.greeter.conformance.run;

import static dev.greeter.conformance.run.Check.check;
import static org.assertj.core.api.Assertions.assertThat;

import dev.greeter.conformance.spec.Area;
import dev.greeter.conformance.spec.Rule;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class SectionTest {

    /** The client area's rules standing apart, 7.1 and 7.6 judged on one run, as the suite declares them. */
    private static Section<AreaChecks> client() {
        List<Check<AreaChecks>> checks = Arrays.stream(Rule.values()).filter(r -> r.area() == Area.CLIENT)
                .map(r -> check(r, "scripted", (AreaChecks a) -> null)).toList();
        return new Section<>(Area.CLIENT, (lab, results) -> null, checks, true).judgedTogether(Rule.R7_1, Rule.R7_6);
    }

    @Test
    void unitsOfRulesStartingFirstComeFirstAndTheRestKeepRuleOrder() {
        Section<AreaChecks> section = client().startingFirst(Rule.R7_4);
        assertThat(section.units(section.rules())).as("7.4's run is handed to the runner before the others")
                .containsExactly(List.of(Rule.R7_4), List.of(Rule.R7_1, Rule.R7_6), List.of(Rule.R7_2), List.of(Rule.R7_3),
                        List.of(Rule.R7_5));
    }

    @Test
    void withoutTheRulesStartingFirstSelectedTheOrderIsRuleOrder() {
        Section<AreaChecks> section = client().startingFirst(Rule.R7_4);
        assertThat(section.units(List.of(Rule.R7_1, Rule.R7_3, Rule.R7_6))).as("7.4 deselected")
                .containsExactly(List.of(Rule.R7_1, Rule.R7_6), List.of(Rule.R7_3));
    }

    @Test
    void startingFirstSurvivesLaterModifiers() {
        Section<AreaChecks> section = new Section<AreaChecks>(Area.CLIENT, (lab, results) -> null,
                client().checks(), false).startingFirst(Rule.R7_4).eachRuleApart().judgedTogether(Rule.R7_1, Rule.R7_6);
        assertThat(section.first()).as("kept by eachRuleApart and judgedTogether").containsExactly(Rule.R7_4);
        assertThat(section.units(section.rules()).get(0)).containsExactly(Rule.R7_4);
    }
}
