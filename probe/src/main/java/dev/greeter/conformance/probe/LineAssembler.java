package dev.greeter.conformance.probe;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Bytes in arbitrary chunks (a stream read, Docker's attach frames) to whole lines, each bounded: a line
 * longer than the bound is not kept, only reported with its first bytes once its end arrives. Lines
 * are decoded as ISO-8859-1, byte for byte, so nothing is lost or replaced (protocol lines are ASCII;
 * the codec rejects anything else). Not thread-safe: one feeder.
 */
public final class LineAssembler {

    /** What a line assembler hands on. */
    public interface Sink {
        /** A whole line, without its line break. */
        void line(String line);

        /** A line over the bound, with its first bytes, dropped. */
        void overlong(String head, long length);
    }

    private static final int HEAD = 80;

    private final int max;
    private final Sink sink;
    private final ByteArrayOutputStream current = new ByteArrayOutputStream();
    private long length;

    public LineAssembler(int max, Sink sink) {
        this.max = max;
        this.sink = sink;
    }

    public void feed(byte[] data, int off, int len) {
        int from = off;
        for (int i = off; i < off + len; i++) {
            if (data[i] == '\n') {
                append(data, from, i - from);
                finish();
                from = i + 1;
            }
        }
        append(data, from, off + len - from);
    }

    /** Bytes of a line not yet ended, for diagnostics when the stream ends. */
    public String pending() {
        return current.toString(StandardCharsets.ISO_8859_1);
    }

    private void append(byte[] data, int off, int len) {
        if (len == 0) {
            return;
        }
        // Everything up to the bound; past it, nothing more (the first bytes stay, for the report).
        int keep = (int) Math.max(0, Math.min(len, max - length));
        current.write(data, off, keep);
        length += len;
    }

    private void finish() {
        String text = current.toString(StandardCharsets.ISO_8859_1);
        if (length > max) {
            sink.overlong(text.substring(0, Math.min(HEAD, text.length())), length);
        } else {
            sink.line(text);
        }
        current.reset();
        length = 0;
    }
}
