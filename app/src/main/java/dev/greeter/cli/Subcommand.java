package dev.greeter.cli;

import java.io.PrintWriter;
import java.util.List;

/** {@code greeter server} or {@code greeter client}: its options, its help, and what it does. */
interface Subcommand {

    String name();

    /** Help lines shown under the usage line; the first is the summary in {@code greeter --help}. */
    List<String> description();

    List<Option> options();

    /**
     * Runs with parsed arguments and returns the exit status. Throws {@link UsageException} for a value that
     * cannot be used; any other exception is an I/O failure.
     */
    int run(Arguments arguments, PrintWriter out, PrintWriter err) throws Exception;
}
