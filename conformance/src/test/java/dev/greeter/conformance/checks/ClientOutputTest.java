package dev.greeter.conformance.checks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.greeter.conformance.lab.ClientStage.ClientRun;
import dev.greeter.conformance.probe.ProbeReply.ServeReport;
import dev.greeter.conformance.run.Observed;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A client's output in an observation: all of it up to a bound for the reports, and the line that says whether the greeting came. */
class ClientOutputTest {

    private static final String GREETING = "Hello, World!";
    private static final Duration BOUND = Duration.ofSeconds(5);
    private static final String TELNET = "Trying 127.0.0.1...\nConnected to 127.0.0.1.\nEscape character is '^]'.\n";

    private static ClientRun run(long exitCode, long millis, String stdout, String stderr) {
        return new ClientRun(true, exitCode, millis, false, stdout, stderr, new ServeReport(1, 0, new byte[0], List.of("accepted a connection")));
    }

    @Test
    void aLongOutputKeepsItsFirstAndLastPartsUpToTheBoundAndSaysWhatWasCut() {
        String text = "A".repeat(5 * 1024) + "B".repeat(5 * 1024);
        String shown = Wire.output(text, Wire.OUTPUT_BYTES);
        int half = Wire.OUTPUT_BYTES / 2;
        assertThat(shown).as("first and last halves, the middle said cut")
                .isEqualTo("\"" + "A".repeat(half) + "\" ... (" + (10 * 1024 - Wire.OUTPUT_BYTES) + " bytes cut) ... \"" + "B".repeat(half) + "\"");
        assertThat(Wire.output(TELNET + GREETING, Wire.OUTPUT_BYTES)).as("short: all of it, escaped")
                .isEqualTo("\"Trying 127.0.0.1...\\nConnected to 127.0.0.1.\\nEscape character is '^]'.\\nHello, World!\"");
        assertThat(Wire.output("x".repeat(Wire.OUTPUT_BYTES), Wire.OUTPUT_BYTES)).as("at the bound, nothing cut").doesNotContain("cut");
    }

    @Test
    void theLineThatMattersHoldsTheGreetingOrIsTheLastOneWhenItIsMissing() {
        assertThat(Wire.lineThatMatters(TELNET + GREETING + "\nConnection closed by foreign host.\n", "", GREETING))
                .isEqualTo("stdout line 4 of 5 holds the greeting: \"Hello, World!\"");
        assertThat(Wire.lineThatMatters(TELNET, "", GREETING)).as("telnet without the greeting")
                .isEqualTo("no line holds the greeting; stdout's last line (3 of 3): \"Escape character is '^]'.\"");
        assertThat(Wire.lineThatMatters("", "warn\nHello, World!\n", GREETING)).startsWith("stderr line 2 of 2 holds the greeting");
        assertThat(Wire.lineThatMatters("\n\n", "oops\n\n", GREETING)).as("blank lines skipped, stderr when stdout has none")
                .isEqualTo("no line holds the greeting; stderr's last line (1 of 2): \"oops\"");
        assertThat(Wire.lineThatMatters("", "", GREETING)).isEqualTo("no output");
    }

    @Test
    void theObservationShowsTheLineThatMattersFirstThenTheWholeOutputAndAHintOnAUsageError() {
        String observed = ClientAreaChecks.describe(run(0, 40, TELNET + GREETING + "\n", ""), BOUND, GREETING);
        assertThat(Observed.first(observed)).as("the console's line")
                .isEqualTo("exited with status 0 after 40 ms; stdout line 4 of 4 holds the greeting: \"Hello, World!\";"
                        + " connections seen by the harness's server: 1");
        assertThat(observed).as("all of stdout for the reports, no empty stderr, no hint")
                .endsWith("\nstdout (" + (TELNET + GREETING + "\n").length() + " bytes): \"" + TELNET.replace("\n", "\\n") + "Hello, World!\\n\"");
        assertThat(Observed.hints(observed)).isEmpty();

        String usage = ClientAreaChecks.describe(run(2, 90, "", "Unknown option: '--frobnicate'\nUsage: greeter client\n"), BOUND, GREETING);
        assertThat(Observed.hints(usage))
                .containsExactly("the client exited at once with status 2 and printed a usage message: check --client-args");
        assertThat(Observed.first(usage)).contains("stderr's last line (2 of 2): \"Usage: greeter client\"");

        String huge = ClientAreaChecks.describe(run(0, 40, "x".repeat(10 * 1024) + "\n", ""), BOUND, GREETING);
        assertThat(huge.length()).as("bounded").isLessThan(Wire.OUTPUT_BYTES + 400);
        assertThat(ClientAreaChecks.trace(run(0, 40, TELNET, ""), BOUND, GREETING)).as("the trace holds one line of it")
                .last().asString().doesNotContain("\n").startsWith("client exited with status 0");
    }
}
