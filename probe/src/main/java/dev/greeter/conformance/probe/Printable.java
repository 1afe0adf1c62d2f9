package dev.greeter.conformance.probe;

import java.nio.charset.StandardCharsets;

/**
 * The one way bytes from an implementation under test (what it sent, what it logged) are shown to a
 * person: printable ASCII as is, {@code \n}, {@code \r}, quote and backslash escaped, every other byte
 * as {@code \xHH}, cut to a bound. Nothing it returns can move a terminal's cursor or change its state.
 */
public final class Printable {

    private Printable() {
    }

    /** The first {@code max} of {@code len} bytes, escaped and in quotes, with "..." after the quotes if cut. */
    public static String quote(byte[] data, int off, int len, int max) {
        return "\"" + escape(data, off, len, max) + (len > max ? "\"..." : "\"");
    }

    /** {@link #quote(byte[], int, int, int)} of the whole array. */
    public static String quote(byte[] data, int max) {
        return quote(data, 0, data.length, max);
    }

    /** Text (as its UTF-8 bytes, so anything outside printable ASCII shows as \xHH), quoted. */
    public static String quote(String text, int max) {
        return quote(text.getBytes(StandardCharsets.UTF_8), max);
    }

    /** Text escaped without quotes, for a name inside a message; "..." if cut. */
    public static String escape(String text, int max) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return escape(bytes, 0, bytes.length, max) + (bytes.length > max ? "..." : "");
    }

    private static String escape(byte[] data, int off, int len, int max) {
        StringBuilder sb = new StringBuilder();
        for (int i = off; i < off + Math.min(len, max); i++) {
            int c = data[i] & 0xff;
            switch (c) {
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                default -> sb.append(c < 32 || c > 126 ? String.format("\\x%02x", c) : String.valueOf((char) c));
            }
        }
        return sb.toString();
    }
}
