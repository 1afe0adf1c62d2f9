package dev.greeter.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code greeter}: the entry point. Holds only the subcommands and the error-to-exit-status policy. */
@Command(name = "greeter",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "A TCP greeting server and its client.",
        subcommands = {ServerCommand.class, ClientCommand.class},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {
            "0:success",
            "1:I/O failure not covered below",
            "2:invalid command line (bad option or value, unusable address, port in use)",
            "3:client: connection refused",
            "4:client: connect timeout",
            "5:client: read timeout (silent or unfinished server)",
            "6:client: connection reset by the server",
            "7:client: host unreachable",
            "8:client: no greeting (closed without data) or greeting too long"})
public final class GreeterCommand implements Runnable {

    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        System.exit(run(out, err, args));
    }

    /** Runs one command line; never calls System.exit, so tests can run it in-process. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = new CommandLine(new GreeterCommand());
        cli.setOut(out);
        cli.setErr(err);
        // One line naming the bad value, not the whole usage text: scripts and people both read it.
        cli.setParameterExceptionHandler((e, a) -> {
            String command = e.getCommandLine().getCommandSpec().qualifiedName();
            err.println(command + ": " + e.getMessage() + " (see '" + command + " --help')");
            return ExitCodes.USAGE;
        });
        cli.setExecutionExceptionHandler((e, c, p) -> {
            err.println(c.getCommandSpec().qualifiedName() + ": " + e);
            return ExitCodes.FAILURE;
        });
        int status = cli.execute(args);
        out.flush();
        err.flush();
        return status;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command: 'server' or 'client'");
    }
}
