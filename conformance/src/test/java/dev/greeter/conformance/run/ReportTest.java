package dev.greeter.conformance.run;

import dev.greeter.conformance.config.Implementation;
import dev.greeter.conformance.config.HarnessConfig;
import dev.greeter.conformance.config.Isolation;
import dev.greeter.conformance.config.Expectations;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.greeter.conformance.checks.Suite;
import dev.greeter.conformance.report.ConsoleReport;
import dev.greeter.conformance.report.JsonReport;
import dev.greeter.conformance.report.JunitXmlReport;
import dev.greeter.conformance.spec.Rule;
import dev.greeter.conformance.spec.Verdict;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

class ReportTest {

    static final Finding SEEN = new Finding("exactly 24 bytes", "received 25 bytes \"...\\n\"", List.of("+0 ms -> SYN", "+1 ms <- FIN"));

    static Report report(Verdict... verdicts) {
        return report(false, verdicts);
    }

    /** Results for 2.2 (MUST), 5.3 (SHOULD) and 7.1 (MUST), in that order. */
    static Report report(boolean strict, Verdict... verdicts) {
        Rule[] rules = {Rule.R2_2, Rule.R5_3, Rule.R7_1};
        List<RuleResult> results = new java.util.ArrayList<>();
        for (int i = 0; i < verdicts.length; i++) {
            RuleResult r = switch (verdicts[i]) {
                case PASS, FAIL -> RuleResult.of(rules[i], verdicts[i], SEEN, 3);
                case XFAIL, XPASS -> RuleResult.of(rules[i], verdicts[i], SEEN, 3).withVerdict(verdicts[i], "listed");
                case SKIPPED -> RuleResult.skipped(rules[i], "no client image given");
                case ERROR -> RuleResult.error(rules[i], "probe did not answer", 3);
            };
            // Named as the runner names them, by the check of the rule in the suite.
            results.add(r.checkedBy(Suite.runner().checkName(rules[i])));
        }
        return new Report("server x", results, Duration.ofMillis(1500), strict);
    }

    static HarnessConfig config() {
        return HarnessConfig.defaults(Optional.of("x"), Optional.empty(), List.of());
    }

    @Test
    void exitStatusTellsConformanceFailureAndHarnessBreakageApart() {
        assertThat(report(Verdict.PASS, Verdict.PASS, Verdict.SKIPPED).exitStatus()).isEqualTo(Report.CONFORMS);
        assertThat(report(Verdict.PASS, Verdict.FAIL, Verdict.SKIPPED).exitStatus()).as("only a SHOULD failed").isEqualTo(Report.CONFORMS);
        assertThat(report(Verdict.FAIL, Verdict.PASS, Verdict.PASS).exitStatus()).isEqualTo(Report.DOES_NOT_CONFORM);
        assertThat(report(Verdict.FAIL, Verdict.PASS, Verdict.ERROR).exitStatus()).as("an error outranks a failure").isEqualTo(Report.HARNESS_BROKE);
    }

    @Test
    void strictMakesAFailedShouldFatal() {
        assertThat(report(true, Verdict.PASS, Verdict.FAIL, Verdict.PASS).exitStatus()).isEqualTo(Report.DOES_NOT_CONFORM);
        assertThat(report(true, Verdict.PASS, Verdict.PASS, Verdict.PASS).exitStatus()).isEqualTo(Report.CONFORMS);
    }

    @Test
    void anExpectedFailureIsNotFatalButAListedRuleThatPassesIs() {
        assertThat(report(Verdict.XFAIL, Verdict.PASS, Verdict.PASS).exitStatus()).isEqualTo(Report.CONFORMS);
        assertThat(report(Verdict.XPASS, Verdict.PASS, Verdict.PASS).exitStatus()).as("stale list").isEqualTo(Report.DOES_NOT_CONFORM);
    }

    @Test
    void expectationsTurnListedFailuresIntoXfailAndListedPassesIntoXpass(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("known");
        java.nio.file.Files.writeString(file, "# known gaps\n2.2   # sends a newline\n\n7.1\n");
        Expectations e = Expectations.read(file);
        assertThat(e.reasons()).containsEntry(Rule.R2_2, "sends a newline").containsEntry(Rule.R7_1, "no reason given").hasSize(2);
        assertThat(RuleResult.of(Rule.R2_2, Verdict.FAIL, SEEN, 1).against(e).verdict()).isEqualTo(Verdict.XFAIL);
        assertThat(RuleResult.of(Rule.R2_2, Verdict.FAIL, SEEN, 1).against(e).note()).contains("sends a newline");
        assertThat(RuleResult.of(Rule.R7_1, Verdict.PASS, SEEN, 1).against(e).verdict()).isEqualTo(Verdict.XPASS);
        assertThat(RuleResult.of(Rule.R2_3, Verdict.FAIL, SEEN, 1).against(e).verdict()).as("not listed").isEqualTo(Verdict.FAIL);
        assertThat(RuleResult.skipped(Rule.R2_2, "not selected").against(e).verdict()).isEqualTo(Verdict.SKIPPED);
    }

    @Test
    void anExpectationsLineThatNamesNoRuleIsRejectedWithItsLineAndValue(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("known");
        java.nio.file.Files.writeString(file, "2.2\n9.9 # no such rule\n");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Expectations.read(file))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(":2:").hasMessageContaining("'9.9'");
    }

    @Test
    void aRuleSkippedForAFailedPrerequisiteNamesIt() {
        RuleResult r = RuleResult.skippedFor(Rule.R2_2, Rule.R2_1, "a prerequisite of this rule");
        assertThat(r.skippedFor()).contains(Rule.R2_1);
        assertThat(r.observed()).contains("rule 2.1 failed");
    }

    @Test
    void anInterruptionAfterAPassingCheckMakesItAFailThatKeepsWhatTheCheckSaw() {
        RuleResult r = RuleResult.of(Rule.R2_2, Verdict.PASS, SEEN, 3).interruptedBy("server container exited with status 2", List.of("x"));
        assertThat(r.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(r.observed()).startsWith(SEEN.observed()).endsWith("but during this rule server container exited with status 2");
        assertThat(r.trace()).endsWith("x");
    }

    /** A run of one server, "x", that gave {@code report}. */
    static dev.greeter.conformance.report.Document document(Report report) {
        Implementation x = new Implementation("x", dev.greeter.conformance.spec.Area.Role.SERVER, "x", List.of());
        return dev.greeter.conformance.report.Document.of(new Campaign.Outcome(java.time.Instant.EPOCH, Duration.ofSeconds(1),
                List.of(new Campaign.Judged(x, report, "sha256:0")), List.of()), config(), 15);
    }

    @Test
    void jsonHasThePerRuleFieldsImplementersScript(@TempDir Path dir) throws Exception {
        JsonReport.write(document(report(Verdict.FAIL, Verdict.PASS, Verdict.SKIPPED)), dir.resolve("c.json"));
        JsonNode root = new ObjectMapper().readTree(dir.resolve("c.json").toFile());
        assertThat(root.at("/implementation/server").asText()).isEqualTo("x");
        assertThat(root.at("/exitStatus").asInt()).isEqualTo(1);
        assertThat(root.at("/specVersion").asText()).isEqualTo(dev.greeter.conformance.spec.SpecVersion.CURRENT);
        assertThat(root.at("/options/isolation/hardened").asBoolean()).isTrue();
        assertThat(root.at("/options/isolation/nofile").asInt()).isEqualTo(Isolation.DEFAULT_NOFILE);
        assertThat(root.at("/options/timeScale").asDouble()).isEqualTo(1.0);
        JsonNode first = root.at("/rules/" + Rule.R2_2.ordinal());
        assertThat(first.get("id").asText()).isEqualTo("2.2");
        assertThat(first.get("level").asText()).isEqualTo("MUST");
        assertThat(first.get("area").asText()).isEqualTo("greeting");
        assertThat(first.get("verdict").asText()).isEqualTo("FAIL");
        assertThat(first.get("expected").asText()).isEqualTo("exactly 24 bytes");
        assertThat(first.get("observed").asText()).contains("25 bytes");
        assertThat(root.at("/rules/" + Rule.R7_1.ordinal() + "/verdict").asText()).isEqualTo("SKIPPED");
        assertThat(root.at("/rules/" + Rule.R7_1.ordinal() + "/observed").asText()).contains("no client image given");
        assertThat(root.at("/implementations/0/name").asText()).isEqualTo("x");
        assertThat(root.at("/implementations/0/rules/0/id").asText()).isEqualTo("2.2");
    }

    @Test
    void junitXmlCountsVerdictsAndNamesTheChecks(@TempDir Path dir) throws Exception {
        JunitXmlReport.write(document(report(Verdict.FAIL, Verdict.PASS, Verdict.SKIPPED)), dir.resolve("t.xml"));
        Document xml = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(dir.resolve("t.xml").toFile());
        var suite = (org.w3c.dom.Element) xml.getElementsByTagName("testsuite").item(0);
        // The server's column: its rules (2.2, 5.3); 7.1 is a client rule.
        assertThat(suite.getAttribute("tests")).isEqualTo("2");
        assertThat(suite.getAttribute("failures")).isEqualTo("1");
        assertThat(suite.getAttribute("skipped")).isEqualTo("0");
        assertThat(((org.w3c.dom.Element) xml.getElementsByTagName("testcase").item(0)).getAttribute("name"))
                .isEqualTo("required_spec202_sendsExactlyTheGreeting");
        assertThat(xml.getElementsByTagName("failure").item(0).getTextContent()).contains("expected: exactly 24 bytes", "+1 ms <- FIN");
    }

    @Test
    void consoleShowsRequirementExpectedObservedAndTraceForFailures() {
        StringWriter text = new StringWriter();
        new ConsoleReport(new PrintWriter(text)).summary(report(Verdict.FAIL, Verdict.PASS, Verdict.SKIPPED));
        assertThat(text.toString()).contains("FAIL 2.2 MUST Sends exactly the greeting", "requirement:", "expected:    exactly 24 bytes",
                "observed:    received 25 bytes", "+1 ms <- FIN", "DOES NOT CONFORM", "conformance: 1 passed, 1 failed, 1 skipped");
    }
}
