package dev.greeter.conformance.probe;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The strict JSON subset the control protocol speaks: one value parsed from a whole text, nothing
 * tolerated around it. Values come back as {@link Map} (keys unique, in order), {@link List},
 * {@link String}, {@link Boolean}, {@link Num} (the literal, converted by whoever knows the wanted
 * type) and {@code null}. The writer emits ASCII only (everything else as \\u escapes), so a protocol
 * line can never hold a raw line break or a byte that means something to a terminal.
 */
final class Json {

    /** Deep enough for any probe message; a bound so a hostile text cannot exhaust the stack. */
    static final int MAX_DEPTH = 32;

    /** A number as written; JSON says nothing about ranges, so conversion is the reader's business. */
    record Num(String literal) {
        boolean integral() {
            return literal.matches("-?(0|[1-9][0-9]*)");
        }
    }

    /** A text that is not (strict) JSON, with where it went wrong. */
    static final class SyntaxException extends Exception {
        private static final long serialVersionUID = 1L;

        SyntaxException(String message) {
            super(message);
        }
    }

    private final String text;
    private int at;

    private Json(String text) {
        this.text = text;
    }

    static Object parse(String text) throws SyntaxException {
        Json p = new Json(text);
        p.space();
        Object value = p.value(0);
        p.space();
        if (p.at != text.length()) {
            throw p.error("trailing text after the JSON value");
        }
        return value;
    }

    private Object value(int depth) throws SyntaxException {
        if (depth > MAX_DEPTH) {
            throw error("nested deeper than " + MAX_DEPTH);
        }
        if (at >= text.length()) {
            throw error("unexpected end of text");
        }
        char c = text.charAt(at);
        return switch (c) {
            case '{' -> object(depth);
            case '[' -> array(depth);
            case '"' -> string();
            case 't' -> literal("true", Boolean.TRUE);
            case 'f' -> literal("false", Boolean.FALSE);
            case 'n' -> literal("null", null);
            default -> {
                if (c == '-' || (c >= '0' && c <= '9')) {
                    yield number();
                }
                throw error("unexpected " + describe(c));
            }
        };
    }

    private Map<String, Object> object(int depth) throws SyntaxException {
        Map<String, Object> members = new LinkedHashMap<>();
        at++;
        space();
        if (peek('}')) {
            at++;
            return members;
        }
        while (true) {
            space();
            if (!peek('"')) {
                throw error("expected a member name in quotes");
            }
            int keyAt = at;
            String key = string();
            space();
            expect(':');
            space();
            Object value = value(depth + 1);
            if (members.containsKey(key)) {
                at = keyAt;
                throw error("duplicate member \"" + key + "\"");
            }
            members.put(key, value);
            space();
            if (peek(',')) {
                at++;
            } else if (peek('}')) {
                at++;
                return members;
            } else {
                throw error("expected ',' or '}'");
            }
        }
    }

    private List<Object> array(int depth) throws SyntaxException {
        List<Object> items = new ArrayList<>();
        at++;
        space();
        if (peek(']')) {
            at++;
            return items;
        }
        while (true) {
            space();
            items.add(value(depth + 1));
            space();
            if (peek(',')) {
                at++;
            } else if (peek(']')) {
                at++;
                return items;
            } else {
                throw error("expected ',' or ']'");
            }
        }
    }

    private String string() throws SyntaxException {
        StringBuilder sb = new StringBuilder();
        at++;
        while (true) {
            if (at >= text.length()) {
                throw error("unterminated string");
            }
            char c = text.charAt(at++);
            if (c == '"') {
                return sb.toString();
            } else if (c == '\\') {
                if (at >= text.length()) {
                    throw error("unterminated string");
                }
                char e = text.charAt(at++);
                switch (e) {
                    case '"', '\\', '/' -> sb.append(e);
                    case 'b' -> sb.append('\b');
                    case 'f' -> sb.append('\f');
                    case 'n' -> sb.append('\n');
                    case 'r' -> sb.append('\r');
                    case 't' -> sb.append('\t');
                    case 'u' -> {
                        if (at + 4 > text.length()) {
                            throw error("short \\u escape");
                        }
                        int code = 0;
                        for (int i = 0; i < 4; i++) {
                            int digit = Character.digit(text.charAt(at + i), 16);
                            if (digit < 0) {
                                throw error("bad \\u escape");
                            }
                            code = code * 16 + digit;
                        }
                        at += 4;
                        sb.append((char) code);
                    }
                    default -> {
                        at--;
                        throw error("bad escape \\" + describe(e));
                    }
                }
            } else if (c < 0x20 || c > 0x7e) {
                at--;
                throw error("raw " + describe(c) + " in a string (the protocol is ASCII; escape it)");
            } else {
                sb.append(c);
            }
        }
    }

    private Num number() throws SyntaxException {
        int start = at;
        if (peek('-')) {
            at++;
        }
        if (peek('0')) {
            at++;
        } else if (digits() == 0) {
            throw error("bad number");
        }
        if (peek('.')) {
            at++;
            if (digits() == 0) {
                throw error("bad number");
            }
        }
        if (peek('e') || peek('E')) {
            at++;
            if (peek('+') || peek('-')) {
                at++;
            }
            if (digits() == 0) {
                throw error("bad number");
            }
        }
        return new Num(text.substring(start, at));
    }

    private int digits() {
        int start = at;
        while (at < text.length() && text.charAt(at) >= '0' && text.charAt(at) <= '9') {
            at++;
        }
        return at - start;
    }

    private Object literal(String word, Object value) throws SyntaxException {
        if (!text.startsWith(word, at)) {
            throw error("unexpected " + describe(text.charAt(at)));
        }
        at += word.length();
        return value;
    }

    private void space() {
        while (at < text.length() && " \t\r\n".indexOf(text.charAt(at)) >= 0) {
            at++;
        }
    }

    private boolean peek(char c) {
        return at < text.length() && text.charAt(at) == c;
    }

    private void expect(char c) throws SyntaxException {
        if (!peek(c)) {
            throw error("expected '" + c + "'");
        }
        at++;
    }

    private SyntaxException error(String what) {
        return new SyntaxException(what + " at character " + (at + 1));
    }

    private static String describe(char c) {
        return c >= 0x20 && c <= 0x7e ? "'" + c + "'" : String.format("character \\u%04x", (int) c);
    }

    // ---- writing ----

    static void string(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c > 0x7e) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
