package dev.greeter.cli;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A subcommand's arguments, parsed against its options: {@code --name VALUE} or {@code --name=VALUE}, each
 * at most once, plus {@code -h}/{@code --help} and {@code -V}/{@code --version}. Hand-written rather than a
 * library because the server's start time counts (bench/README.md): picocli's reflective model cost
 * ~300 ms of a ~1 s container start, and its Java 5 class files cannot go into a class-data sharing archive.
 */
final class Arguments {

    enum Request { RUN, HELP, VERSION }

    private final List<Option> options;
    private final Map<String, String> given;
    private final Request request;

    private Arguments(List<Option> options, Map<String, String> given, Request request) {
        this.options = options;
        this.given = given;
        this.request = request;
    }

    /**
     * Parses {@code args[from..]}; {@code args} is the whole command line so that errors give the index a
     * user counts.
     */
    static Arguments parse(List<Option> options, String[] args, int from) {
        Map<String, String> given = new HashMap<>();
        Request request = Request.RUN;
        for (int i = from; i < args.length; i++) {
            String arg = args[i];
            Request asked = request(arg);
            if (asked != Request.RUN) {
                request = request == Request.HELP ? request : asked;
                continue;
            }
            String name = nameOf(arg);
            Option option = find(options, name);
            if (option == null) {
                throw new UsageException(arg.startsWith("-") && arg.length() > 1
                        ? "Unknown option: '" + name + "'"
                        : "Unmatched argument at index " + i + ": '" + arg + "'");
            }
            String value;
            if (name.length() < arg.length()) {
                value = arg.substring(name.length() + 1);
            } else if (i + 1 < args.length && !isOptionName(options, args[i + 1])) {
                value = args[++i];
            } else {
                throw new UsageException("Missing required parameter for option '" + option.name() + "' (" + option.label() + ")");
            }
            if (given.putIfAbsent(option.name(), value) != null) {
                throw new UsageException("option '" + option.name() + "' (" + option.label() + ") should be specified only once");
            }
        }
        return new Arguments(options, given, request);
    }

    Request request() {
        return request;
    }

    /** Whether the command line gave the option, rather than leaving it to its default. */
    boolean given(String name) {
        return given.containsKey(name);
    }

    /** The given value, else the option's default. */
    String value(String name) {
        Option option = find(options, name);
        if (option == null) {
            throw new IllegalArgumentException("no option " + name);
        }
        return given.getOrDefault(name, option.defaultValue());
    }

    int intValue(String name) {
        String value = value(name);
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw UsageException.invalid(name, "'" + value + "' is not an int");
        }
    }

    private static boolean isOptionName(List<Option> options, String arg) {
        return find(options, nameOf(arg)) != null || request(arg) != Request.RUN;
    }

    /** {@code --name} of {@code --name=VALUE}; any other argument as it is. */
    private static String nameOf(String arg) {
        int equals = arg.indexOf('=');
        return arg.startsWith("--") && equals > 0 ? arg.substring(0, equals) : arg;
    }

    /** What {@code -h}/{@code --help} or {@code -V}/{@code --version} ask for; RUN for any other argument. */
    private static Request request(String arg) {
        return switch (arg) {
            case "-h", "--help" -> Request.HELP;
            case "-V", "--version" -> Request.VERSION;
            default -> Request.RUN;
        };
    }

    private static Option find(List<Option> options, String name) {
        for (Option option : options) {
            if (option.name().equals(name)) {
                return option;
            }
        }
        return null;
    }
}
