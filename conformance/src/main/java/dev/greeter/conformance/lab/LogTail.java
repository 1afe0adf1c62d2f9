package dev.greeter.conformance.lab;

/**
 * What the harness keeps of an implementation's output: its end. A client's greeting line is what it prints last,
 * so a client that logs a lot first must not lose it to a bound; the cut is said at the top, never silent.
 */
final class LogTail {

    /** Characters kept of each stream (stdout, stderr). */
    static final int KEPT = 1 << 20;

    private LogTail() {
    }

    static String of(String log) {
        if (log.length() <= KEPT) {
            return log;
        }
        int from = log.length() - KEPT;
        // Never half a surrogate pair at the start of what is kept.
        if (Character.isLowSurrogate(log.charAt(from))) {
            from++;
        }
        return "[harness: the first " + from + " characters of this output were cut; its last MiB is kept]\n" + log.substring(from);
    }
}
