package dev.greeter.cli;

/**
 * One {@code --name VALUE} option of a subcommand. Every option takes exactly one value and has a default,
 * so a command line is fully described by the values it overrides.
 *
 * @param name         the long name, with its dashes
 * @param label        what the value is, shown in usage and in a missing-value error
 * @param defaultValue used when the option is absent; converted and checked like a given value
 * @param description  one sentence for the help, without the default (the help adds it)
 */
record Option(String name, String label, String defaultValue, String description) {
}
