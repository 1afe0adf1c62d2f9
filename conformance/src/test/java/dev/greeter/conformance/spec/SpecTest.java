package dev.greeter.conformance.spec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.greeter.conformance.checks.Suite;
import dev.greeter.conformance.run.AreaChecks;
import dev.greeter.conformance.run.SuiteRunner;
import java.io.IOException;
import java.lang.reflect.Method;
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
    void everyRuleHasExactlyOneCheckNamedAfterItInTheClassOfItsArea() {
        Map<Rule, Method> all = new EnumMap<>(Rule.class);
        for (Class<? extends AreaChecks> area : Suite.AREAS) {
            Map<Rule, Method> checks = SuiteRunner.checks(area);
            assertThat(checks).as(area.getSimpleName() + " checks").isNotEmpty();
            assertThat(checks.keySet().stream().map(Rule::area).distinct()).as(area.getSimpleName() + " covers one area").hasSize(1);
            checks.forEach((rule, method) -> {
                assertThat(all.put(rule, method)).as("second check for " + rule).isNull();
                assertThat(method.getName()).as("check of " + rule).startsWith(rule.methodPrefix());
            });
        }
        assertThat(all.keySet()).as("rules with a check").containsExactlyInAnyOrder(Rule.values());
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
    void areasAreNumberedInSpecOrder() {
        for (Rule rule : Rule.values()) {
            assertThat(rule.id()).as(rule.name()).startsWith(rule.area().section() + ".");
            assertThat(rule.name()).isEqualTo("R" + rule.id().replace('.', '_'));
        }
    }
}
