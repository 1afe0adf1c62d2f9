package dev.greeter.conformance.report;

/**
 * Text that did not come from the harness (what an implementation sent or printed, its name, image, greeting
 * and socket path as given, and every field of a shard read back by {@code merge}), made safe for each place a
 * report puts it: one method per sink, and every report writer goes through them. Whatever the sink, a
 * character that could act on the reader instead of being read is replaced by a visible stand-in, never
 * passed on: C0 and C1 controls (so ANSI CSI and OSC sequences), DEL, noncharacters (U+FFFE, U+FFFF, ...),
 * lone surrogates, and the bidirectional controls that reorder what a reader sees.
 */
public final class Text {

    private static final char REPLACEMENT = '\uFFFD';

    /**
     * What can open inline Markdown (links, images, code spans, emphasis, strike-through, math, table pipes, escapes)
     * and what GitHub auto-links on (":" of a URL, "." of www., "@" of an e-mail address). Text is never put at the
     * start of a line, so line-start syntax (headings, lists, quotes) cannot arise.
     */
    private static final String MARKUP = "\\`*_[]()!~|$:@.";

    private Text() {
    }

    /**
     * For a terminal or a log: one line, no escape sequence. Each unsafe character shows as {@code \xHH} or
     * {@code \}{@code uHHHH}, newlines and tabs included: a field can neither colour, move the cursor, retitle the
     * window nor fake a line of its own.
     */
    public static String console(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(s.length());
        s.codePoints().forEach(cp -> {
            if (unsafe(cp) || cp == '\n' || cp == '\r' || cp == '\t') {
                sb.append(cp <= 0xff ? String.format("\\x%02x", cp) : String.format("\\u%04x", cp));
            } else {
                sb.appendCodePoint(cp);
            }
        });
        return sb.toString();
    }

    /**
     * For XML character data and attribute values, given to a writer that escapes markup ({@code < & "}, so
     * {@code ]]>} too): only characters XML 1.0 allows, so the document stays well-formed. Newlines and tabs stay.
     */
    public static String xml(String s) {
        return replaced(s, true);
    }

    /**
     * For HTML text and attribute values: markup escaped, unsafe characters as U+FFFD. Newlines and tabs stay
     * (for {@code <pre>}).
     */
    public static String html(String s) {
        String clean = replaced(s, true);
        StringBuilder sb = new StringBuilder(clean.length() + 16);
        for (int i = 0; i < clean.length(); i++) {
            char c = clean.charAt(i);
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    /**
     * For GitHub-flavoured Markdown (a report's summary.md, a job summary), in a table cell or running text: one
     * line; {@code & < >} as entities (no HTML); each character of {@link #MARKUP} backslash-escaped (CommonMark lets
     * any ASCII punctuation be), so no link, image, emphasis, code span or table pipe can start, and no URL, {@code www.}
     * or e-mail address is auto-linked.
     */
    public static String markdown(String s) {
        String clean = replaced(s, false);
        StringBuilder sb = new StringBuilder(clean.length() + 16);
        for (int i = 0; i < clean.length(); i++) {
            char c = clean.charAt(i);
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '\n', '\r', '\t' -> sb.append(' ');
                default -> {
                    if (MARKUP.indexOf(c) >= 0) {
                        sb.append('\\');
                    }
                    sb.append(c);
                }
            }
        }
        return sb.toString();
    }

    /**
     * For JSON strings (conformance.json), which keep the text as it was, controls included (the writer escapes
     * them; each reader sanitises for its own sink): only lone surrogates, which UTF-8 cannot encode and no JSON
     * reader reads back, become U+FFFD.
     */
    public static String json(String s) {
        if (s == null) {
            return null;
        }
        StringBuilder sb = new StringBuilder(s.length());
        s.codePoints().forEach(cp -> {
            if (cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE) {
                sb.append(REPLACEMENT);
            } else {
                sb.appendCodePoint(cp);
            }
        });
        return sb.toString();
    }

    private static String replaced(String s, boolean keepLineBreaks) {
        if (s == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(s.length());
        s.codePoints().forEach(cp -> {
            if (cp == '\r') {
                sb.append(keepLineBreaks ? "\n" : " ");
            } else if (unsafe(cp)) {
                sb.append(REPLACEMENT);
            } else {
                sb.appendCodePoint(cp);
            }
        });
        return sb.toString();
    }

    /** Controls but newline and tab (and carriage return, which callers map), DEL, C1, noncharacters, lone surrogates, bidi controls. */
    static boolean unsafe(int cp) {
        if (cp == '\n' || cp == '\t') {
            return false;
        }
        return cp < 0x20 || cp >= 0x7f && cp <= 0x9f
                || cp >= 0xfdd0 && cp <= 0xfdef || (cp & 0xfffe) == 0xfffe
                || Character.isSurrogate((char) cp) && cp <= 0xffff
                || cp >= 0x202a && cp <= 0x202e || cp >= 0x2066 && cp <= 0x2069 || cp == 0x200e || cp == 0x200f || cp == 0x061c;
    }
}
