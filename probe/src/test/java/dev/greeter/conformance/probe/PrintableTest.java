package dev.greeter.conformance.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PrintableTest {

    @Test
    void controlAndEscapeSequencesNeverReachTheTerminalRaw() {
        String hostile = "\u001b]0;owned\u0007\u001b[2J\u009b31mred\r\nquote\" back\\slash";
        String shown = Printable.quote(hostile, 200);
        assertThat(shown).isEqualTo("\"\\x1b]0;owned\\x07\\x1b[2J\\xc2\\x9b31mred\\r\\nquote\\\" back\\\\slash\"");
        assertThat(shown.chars()).allMatch(c -> c >= 32 && c <= 126);
    }

    @Test
    void longTextIsCut() {
        assertThat(Printable.quote("a".repeat(100).getBytes(StandardCharsets.US_ASCII), 8)).isEqualTo("\"aaaaaaaa\"...");
        assertThat(Printable.quote("abc", 8)).isEqualTo("\"abc\"");
        assertThat(Printable.escape("abcdef", 3)).isEqualTo("abc...");
    }
}
