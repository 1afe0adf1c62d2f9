package dev.greeter.conformance.lab;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A chatty implementation's output keeps its end, where a client prints the greeting, and says what was cut. */
class LogTailTest {

    private static final String GREETING = "Thank you for connecting\n";

    @Test
    void outputWithinTheBoundIsKeptWhole() {
        String log = "x".repeat(LogTail.KEPT - GREETING.length()) + GREETING;
        assertThat(LogTail.of(log)).as("exactly a MiB").isSameAs(log);
    }

    @Test
    void aGreetingAfterMoreThanAMiBOfChatterIsKeptAndTheCutIsSaid() {
        String log = "chatter\n".repeat(LogTail.KEPT / 8 + 1000) + GREETING;
        String kept = LogTail.of(log);
        assertThat(kept).as("what is kept").endsWith(GREETING)
                .startsWith("[harness: the first " + (log.length() - LogTail.KEPT) + " characters of this output were cut; its last MiB is kept]\n");
        assertThat(kept.length()).as("its length").isLessThanOrEqualTo(LogTail.KEPT + 100);
    }

    @Test
    void theCutNeverSplitsACharacterOutsideTheBasicPlane() {
        String log = "\uD83D\uDE00".repeat(LogTail.KEPT / 2 + 1) + "!";
        String kept = LogTail.of(log);
        String body = kept.substring(kept.indexOf('\n') + 1);
        assertThat(Character.isLowSurrogate(body.charAt(0))).as("the first kept character is half a pair").isFalse();
        assertThat(body).endsWith("\uD83D\uDE00!");
    }
}
