package dev.greeter.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;

/** {@code greeter}: the entry point. Picks the subcommand and owns the error-to-exit-status policy. */
public final class GreeterCommand {

    private static final List<Subcommand> COMMANDS = List.of(new ServerCommand(), new ClientCommand());

    private GreeterCommand() {
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        System.exit(run(out, err, args));
    }

    /** Runs one command line; never calls System.exit, so tests can run it in-process. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        String qualifiedName = "greeter";
        try {
            Subcommand command = args.length == 0 ? null : find(args[0]);
            if (command == null) {
                return topLevel(out, args);
            }
            qualifiedName = "greeter " + command.name();
            Arguments arguments = Arguments.parse(command.options(), args, 1);
            return switch (arguments.request()) {
                case HELP -> print(out, Help.of(command));
                case VERSION -> print(out, version());
                case RUN -> command.run(arguments, out, err);
            };
        } catch (UsageException e) {
            // One line naming the bad value, not the whole usage text: scripts and people both read it.
            err.println(qualifiedName + ": " + e.getMessage() + " (see '" + qualifiedName + " --help')");
            return ExitCodes.USAGE;
        } catch (CommandFailure e) {
            err.println(qualifiedName + ": " + e.getMessage());
            return ExitCodes.FAILURE;
        } catch (Exception e) {
            err.println(qualifiedName + ": " + e);
            return ExitCodes.FAILURE;
        } finally {
            out.flush();
            err.flush();
        }
    }

    /** {@code greeter}, {@code greeter --help}, {@code greeter --version}, or a first word that is no command. */
    private static int topLevel(PrintWriter out, String[] args) {
        Arguments arguments = Arguments.parse(List.of(), args, 0);
        return switch (arguments.request()) {
            case HELP -> print(out, help());
            case VERSION -> print(out, version());
            case RUN -> throw new UsageException("missing command: 'server' or 'client'");
        };
    }

    private static String help() {
        StringBuilder text = new StringBuilder("Usage: greeter [-hV] COMMAND [OPTIONS]").append(System.lineSeparator())
                .append("A greeting server and its client, over TCP, UDP or a Unix-domain socket.").append(System.lineSeparator())
                .append(System.lineSeparator()).append("Commands:").append(System.lineSeparator());
        for (Subcommand command : COMMANDS) {
            Help.item(text, command.name(), command.description().get(0) + " See 'greeter " + command.name() + " --help'.");
        }
        text.append(System.lineSeparator()).append("Options:").append(System.lineSeparator());
        Help.standardOptions(text);
        text.append(System.lineSeparator()).append("Exit status:").append(System.lineSeparator());
        for (ExitCodes.Status status : ExitCodes.all()) {
            Help.wrap(text, String.format("  %-3d %s", status.code(), status.meaning()), 6);
        }
        return text.toString();
    }

    private static Subcommand find(String name) {
        for (Subcommand command : COMMANDS) {
            if (command.name().equals(name)) {
                return command;
            }
        }
        return null;
    }

    private static int print(PrintWriter out, String text) {
        out.print(text);
        if (!text.endsWith(System.lineSeparator())) {
            out.println();
        }
        return ExitCodes.OK;
    }

    /** The version Maven filtered into the jar, so --version always matches the build. */
    static String version() {
        try (InputStream in = GreeterCommand.class.getResourceAsStream("/greeter-version.properties")) {
            Properties properties = new Properties();
            if (in != null) {
                properties.load(in);
            }
            return "greeter " + properties.getProperty("version", "unknown");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
