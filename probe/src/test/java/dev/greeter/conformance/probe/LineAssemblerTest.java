package dev.greeter.conformance.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineAssemblerTest {

    private final List<String> seen = new ArrayList<>();
    private final LineAssembler lines = new LineAssembler(10, new LineAssembler.Sink() {
        @Override
        public void line(String line) {
            seen.add(line);
        }

        @Override
        public void overlong(String head, long length) {
            seen.add("overlong " + length + " " + head);
        }
    });

    private void feed(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
        lines.feed(bytes, 0, bytes.length);
    }

    @Test
    void linesAreReassembledFromAnyChunking() {
        String text = "one\ntwo\n\nthree\nfour";
        for (int i = 0; i < text.length(); i++) {
            feed(text.substring(i, i + 1));
        }
        assertThat(seen).containsExactly("one", "two", "", "three");
        assertThat(lines.pending()).isEqualTo("four");
        feed("\na\nb\nc\n");
        assertThat(seen).containsExactly("one", "two", "", "three", "four", "a", "b", "c");
    }

    @Test
    void aLineOverTheBoundIsDroppedAndReportedOnceItEnds() {
        feed("0123456789\n");
        feed("0123456789AB");
        feed("CDEF");
        assertThat(seen).containsExactly("0123456789");
        feed("G\nnext\n");
        assertThat(seen).containsExactly("0123456789", "overlong 17 0123456789", "next");
    }

    @Test
    void everyByteSurvives() {
        byte[] all = new byte[9];
        for (int i = 0; i < all.length; i++) {
            all[i] = (byte) (0x80 + i);
        }
        lines.feed(all, 0, all.length);
        feed("\n");
        assertThat(seen.get(0).getBytes(StandardCharsets.ISO_8859_1)).isEqualTo(all);
    }
}
