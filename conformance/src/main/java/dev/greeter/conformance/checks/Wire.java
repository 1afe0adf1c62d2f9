package dev.greeter.conformance.checks;

import dev.greeter.conformance.probe.Printable;
import dev.greeter.conformance.probe.ProbeReply.ExchangeResult;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** Plain-words accounts of what a probe saw, for the "observed" column. */
final class Wire {

    /** Bytes shown where a few words say what arrived (a reply, a line of output). */
    static final int QUOTE_BYTES = 64;
    /** The one line of a client's output a console shows: long enough for a usage error's first line. */
    static final int LINE_BYTES = 160;
    /** A client's whole output as the HTML and JSON reports show it: enough to judge by, bounded. */
    static final int OUTPUT_BYTES = 4096;

    private Wire() {
    }

    static String quote(byte[] bytes) {
        return Printable.quote(bytes, QUOTE_BYTES);
    }

    /**
     * An implementation's output, escaped and quoted, in full up to {@code max} bytes; past that its first and last
     * {@code max / 2} bytes (how a client starts and what it printed last both matter) with what was cut between them.
     */
    static String output(String text, int max) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        if (b.length <= max) {
            return Printable.quote(b, max);
        }
        int half = max / 2;
        return Printable.quote(b, 0, half, half) + " ... (" + (b.length - 2 * half) + " bytes cut) ... "
                + Printable.quote(b, b.length - half, half, half);
    }

    /**
     * The line of a client's output that says whether it printed the greeting: the first line (of stdout, then of
     * stderr) holding {@code greeting}, else the last non-empty one, else that there was none; in a few words.
     */
    static String lineThatMatters(String stdout, String stderr, String greeting) {
        for (var stream : List.of(Map.entry("stdout", stdout), Map.entry("stderr", stderr))) {
            List<String> lines = stream.getValue().lines().toList();
            for (int i = 0; i < lines.size(); i++) {
                if (!greeting.isEmpty() && lines.get(i).contains(greeting)) {
                    return stream.getKey() + " line " + (i + 1) + " of " + lines.size() + " holds the greeting: " + quote(lines.get(i));
                }
            }
        }
        for (var stream : List.of(Map.entry("stdout", stdout), Map.entry("stderr", stderr))) {
            List<String> lines = stream.getValue().lines().toList();
            for (int i = lines.size() - 1; i >= 0; i--) {
                if (!lines.get(i).isBlank()) {
                    return "no line holds the greeting; " + stream.getKey() + "'s last line (" + (i + 1) + " of " + lines.size()
                            + "): " + quote(lines.get(i));
                }
            }
        }
        return "no output";
    }

    private static String quote(String line) {
        return Printable.quote(line.getBytes(StandardCharsets.UTF_8), LINE_BYTES);
    }

    static String bytes(byte[] bytes) {
        return bytes.length + " bytes " + quote(bytes);
    }

    /** One line: how the connection went and ended. */
    static String describe(ExchangeResult r) {
        return switch (r.outcome()) {
            case REFUSED -> "connection refused";
            case TIMEOUT -> "connection attempt timed out (no SYN-ACK)";
            case ERROR -> "probe could not connect: " + r.error();
            case QUEUE_FULL -> "connection attempt failed at once with EAGAIN (the listener's queue is full)";
            case CONNECTED -> "received " + (r.received().length == 0 ? "nothing" : bytes(r.received())
                    + " (first after " + r.firstByteMillis() + " ms)") + ", then " + end(r);
        };
    }

    static String end(ExchangeResult r) {
        return switch (r.end()) {
            case FIN -> "an orderly close (FIN) after " + r.endMillis() + " ms";
            case RST -> "a reset (RST) after " + r.endMillis() + " ms";
            case BOUND -> "the connection still open " + r.endMillis() + " ms after connecting";
            case CLOSED_BY_PROBE -> "the probe closed it";
            case NOT_CONNECTED -> "no connection";
        };
    }
}
