package dev.greeter.conformance.run;

import java.util.List;

/**
 * What a check saw, in the words of its rule: what the rule expects, what was observed, and a short
 * trace of what happened on the wire. A passing check returns one; a failing one throws a {@link Violation}.
 */
public record Finding(String expected, String observed, List<String> trace) {

    public Finding {
        trace = List.copyOf(trace);
    }

    /** Passes with this finding if {@code holds}, otherwise fails with it. */
    public static Finding require(boolean holds, String expected, String observed, List<String> trace) {
        // Hints are for failures: what was seen may look like a mistake and still keep the rule.
        Finding finding = new Finding(expected, holds ? Observed.withoutHints(observed) : observed, trace);
        if (!holds) {
            throw new Violation(finding);
        }
        return finding;
    }
}
