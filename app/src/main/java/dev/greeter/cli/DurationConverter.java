package dev.greeter.cli;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Accepts {@code 250ms}, {@code 5s} or a bare number of seconds; between 1 ms and 1 hour. */
final class DurationConverter implements ITypeConverter<Duration> {

    private static final Pattern FORMAT = Pattern.compile("(\\d{1,9})(ms|s)?");
    private static final Duration MAX = Duration.ofHours(1);

    @Override
    public Duration convert(String value) {
        Matcher m = FORMAT.matcher(value.trim());
        if (!m.matches()) {
            throw new TypeConversionException("'" + value + "' is not a duration (examples: 500ms, 5s, 5)");
        }
        long amount = Long.parseLong(m.group(1));
        Duration d = "ms".equals(m.group(2)) ? Duration.ofMillis(amount) : Duration.ofSeconds(amount);
        if (d.isZero() || d.compareTo(MAX) > 0) {
            throw new TypeConversionException("'" + value + "' is out of range (1ms to 1h)");
        }
        return d;
    }
}
