package dev.greeter.cli;

import java.time.Duration;

/** Durations on the command line: {@code 250ms}, {@code 5s} or a bare number of seconds; 1 ms to 1 hour. */
final class Durations {

    private static final Duration MAX = Duration.ofHours(1);

    private Durations() {
    }

    static Duration parse(String option, String value) {
        String text = value.trim();
        boolean millis = text.endsWith("ms");
        String digits = millis ? text.substring(0, text.length() - 2) : text.endsWith("s") ? text.substring(0, text.length() - 1) : text;
        if (digits.isEmpty() || digits.length() > 9 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw UsageException.invalid(option, "'" + value + "' is not a duration (examples: 500ms, 5s, 5)");
        }
        long amount = Long.parseLong(digits);
        Duration d = millis ? Duration.ofMillis(amount) : Duration.ofSeconds(amount);
        if (d.isZero() || d.compareTo(MAX) > 0) {
            throw UsageException.invalid(option, "'" + value + "' is out of range (1ms to 1h)");
        }
        return d;
    }

    /** The shortest form {@link #parse} reads back: {@code 5s}, {@code 500ms}. */
    static String format(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
    }
}
