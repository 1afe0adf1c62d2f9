package dev.greeter.conformance.run;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The shape of an observation ({@link Finding#observed()}) of more than one line: the first line says what was
 * seen, in full enough to judge by; lines after it hold detail (a client's whole output, up to a bound); a last
 * line or lines starting {@value #HINT} suggest the setup mistake the observation points at. A hint never changes
 * a verdict. Every line break in an observation is the harness's own: an implementation's text reaches it only
 * escaped (see {@code Printable}), so no implementation can add a line, let alone a hint.
 */
public final class Observed {

    public static final String HINT = "hint: ";

    private Observed() {
    }

    /** {@code observed} with each hint present as a line of its own after it. */
    @SafeVarargs
    public static String withHints(String observed, Optional<String>... hints) {
        StringBuilder sb = new StringBuilder(observed);
        Arrays.stream(hints).flatMap(Optional::stream).forEach(h -> sb.append('\n').append(HINT).append(h));
        return sb.toString();
    }

    /** What was seen, without detail or hints: the line a console shows. */
    public static String first(String observed) {
        int nl = observed.indexOf('\n');
        return nl < 0 ? observed : observed.substring(0, nl);
    }

    /** The hints, each without its {@value #HINT} prefix. */
    public static List<String> hints(String observed) {
        return lines(observed).stream().skip(1).filter(l -> l.startsWith(HINT)).map(l -> l.substring(HINT.length())).toList();
    }

    /** Without its hints: a rule that holds points at no mistake. */
    public static String withoutHints(String observed) {
        if (!observed.contains("\n" + HINT)) {
            return observed;
        }
        List<String> lines = lines(observed);
        return String.join("\n", java.util.stream.Stream.concat(lines.stream().limit(1),
                lines.stream().skip(1).filter(l -> !l.startsWith(HINT))).toList());
    }

    /** Whether there is detail beyond the first line and the hints (shown by the HTML and JSON reports). */
    public static boolean hasDetail(String observed) {
        return lines(observed).stream().skip(1).anyMatch(l -> !l.startsWith(HINT));
    }

    /** More said of what was seen ({@code more}, one line), at the end of the first line, before detail and hints. */
    static String extend(String observed, String more) {
        int nl = observed.indexOf('\n');
        return nl < 0 ? observed + more : observed.substring(0, nl) + more + observed.substring(nl);
    }

    private static List<String> lines(String observed) {
        return List.of(observed.split("\n", -1));
    }
}
