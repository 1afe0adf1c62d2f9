package dev.greeter.cli;

import java.util.ArrayList;
import java.util.List;

/** Renders usage text, wrapped to 80 columns, from the same {@link Option}s the parser uses. */
final class Help {

    static final int WIDTH = 80;
    private static final int LABEL_COLUMN = 24;

    private Help() {
    }

    static String of(Subcommand command) {
        StringBuilder usage = new StringBuilder("Usage: greeter " + command.name() + " [-hV]");
        for (Option option : command.options()) {
            usage.append(" [").append(option.name()).append('=').append(option.label()).append(']');
        }
        StringBuilder text = new StringBuilder();
        wrap(text, usage.toString(), ("Usage: greeter " + command.name() + " ").length());
        for (String line : command.description()) {
            wrap(text, line, 0);
        }
        text.append(System.lineSeparator()).append("Options:").append(System.lineSeparator());
        for (Option option : command.options()) {
            String defaultShown = option.defaultValue().contains(" ") ? "'" + option.defaultValue() + "'" : option.defaultValue();
            item(text, "    " + option.name() + "=" + option.label(),
                    option.description() + " (default: " + defaultShown + ").");
        }
        standardOptions(text);
        return text.toString();
    }

    /** {@code -h} and {@code -V}, which every level of the command line takes. */
    static void standardOptions(StringBuilder text) {
        item(text, "-h, --help", "Show this help message and exit.");
        item(text, "-V, --version", "Print version information and exit.");
    }

    /** A two-column line: the name at column 2, its text from {@link #LABEL_COLUMN}, continued under itself. */
    static void item(StringBuilder text, String name, String description) {
        String head = "  " + name;
        if (head.length() + 2 > LABEL_COLUMN) {
            text.append(head).append(System.lineSeparator());
            head = "";
        }
        wrap(text, head + " ".repeat(LABEL_COLUMN - head.length()) + description, LABEL_COLUMN);
    }

    /** Appends {@code line} word-wrapped; continuation lines are indented by {@code hanging}. */
    static void wrap(StringBuilder text, String line, int hanging) {
        List<String> out = new ArrayList<>();
        String rest = line;
        while (rest.length() > WIDTH) {
            int cut = rest.lastIndexOf(' ', WIDTH);
            if (cut <= hanging) {
                break;
            }
            out.add(rest.substring(0, cut));
            rest = " ".repeat(hanging) + rest.substring(cut + 1).stripLeading();
        }
        out.add(rest);
        for (String l : out) {
            text.append(l).append(System.lineSeparator());
        }
    }
}
