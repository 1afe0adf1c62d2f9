package dev.greeter.conformance.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.greeter.conformance.checks.Suite;
import dev.greeter.conformance.run.AreaChecks;
import dev.greeter.conformance.run.Check;
import dev.greeter.conformance.run.Section;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** SPEC.md, the Rule constants and the check methods say the same thing, and nothing goes unchecked. */
class SpecTest {

    static final Path SPEC = Path.of("..", "SPEC.md");

    @Test
    void theSuiteHasOneSectionPerAreaInOrderAndEveryRuleOneCheckNamedAfterIt() {
        assertThat(Suite.SECTIONS.stream().map(Section::area)).as("sections").containsExactly(Area.values());
        Map<Rule, String> all = new EnumMap<>(Rule.class);
        for (Section<?> section : Suite.SECTIONS) {
            for (Check<?> check : section.checks()) {
                assertThat(all.put(check.rule(), check.name())).as("second check for " + check.rule()).isNull();
                assertThat(check.name()).as("check of " + check.rule()).startsWith(check.rule().methodPrefix());
            }
        }
        assertThat(all.keySet()).as("rules with a check").containsExactlyInAnyOrder(Rule.values());
    }

    @Test
    void aSectionThatMissesARuleOfItsAreaCannotBeBuilt() {
        assertThatThrownBy(() -> Section.of(Area.GREETING, (lab, results) -> null,
                Check.<AreaChecks>check(Rule.R2_1, "greetsUnprompted", a -> null)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("[2.1], but its rules are [2.1, 2.2, 2.3, 2.4]");
        assertThatThrownBy(() -> Check.<AreaChecks>check(Rule.R2_1, "Greets unprompted", a -> null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("required_spec201_whatItChecks");
    }

    @Test
    void methodPrefixesFollowTheTckConvention() {
        assertThat(Rule.R2_3.methodPrefix()).isEqualTo("required_spec203_");
        assertThat(Rule.R5_3.methodPrefix()).isEqualTo("recommended_spec503_");
    }

    @Test
    void specMdStatesEveryRuleWithItsLevelAreaAndPrerequisites() throws IOException {
        List<String> lines = Files.readAllLines(SPEC);
        Pattern heading = Pattern.compile("### (\\d+\\.\\d+) (.+)");
        List<String> headed = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = heading.matcher(lines.get(i));
            if (!m.matches()) {
                continue;
            }
            headed.add(m.group(1));
            Rule rule = Rule.byId(m.group(1)).orElseThrow(() -> new AssertionError("SPEC.md has rule " + m.group(1) + " unknown to Rule"));
            assertThat(m.group(2)).as("title of " + rule.id()).isEqualTo(rule.title());
            String meta = lines.get(i + 1);
            assertThat(meta).as("level and area line of " + rule.id())
                    .startsWith("**" + rule.level() + "** · area `" + rule.area().id() + "`");
            String prerequisites = rule.prerequisites().isEmpty() ? ""
                    : " · prerequisite " + String.join(", ", rule.prerequisites().stream().map(Rule::id).toList());
            assertThat(meta).as("prerequisites of " + rule.id()).isEqualTo("**" + rule.level() + "** · area `"
                    + rule.area().id() + "`" + prerequisites);
        }
        assertThat(headed).as("rules in SPEC.md, in order").containsExactly(
                java.util.Arrays.stream(Rule.values()).map(Rule::id).toArray(String[]::new));
    }

    @Test
    void specMdCarriesTheVersionTheHarnessReportsAndAChangelogLineForIt() throws IOException {
        String spec = Files.readString(SPEC);
        assertThat(spec).as("version line").contains("\n**Version " + SpecVersion.CURRENT + "**");
        assertThat(spec).as("changelog entry").containsPattern("\n- \\*\\*" + Pattern.quote(SpecVersion.CURRENT) + "\\*\\*");
    }

    @Test
    void everyAreaIsTitledAsItsSectionInSpecMd() throws IOException {
        String spec = Files.readString(SPEC);
        for (Area area : Area.values()) {
            assertThat(spec).as(area.name()).contains("\n## " + area.section() + " " + area.title() + "\n");
        }
    }

    @Test
    void areasAreNumberedInSpecOrder() {
        for (Rule rule : Rule.values()) {
            assertThat(rule.id()).as(rule.name()).startsWith(rule.area().section() + ".");
            assertThat(rule.name()).isEqualTo("R" + rule.id().replace('.', '_'));
        }
    }
}
