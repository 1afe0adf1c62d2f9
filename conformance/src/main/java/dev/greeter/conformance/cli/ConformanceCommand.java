package dev.greeter.conformance.cli;

import dev.greeter.conformance.checks.Suite;
import dev.greeter.conformance.lab.BuiltImages;
import dev.greeter.conformance.lab.ImageBuild;
import dev.greeter.conformance.lab.Images;
import dev.greeter.conformance.report.ConsoleReport;
import dev.greeter.conformance.report.Document;
import dev.greeter.conformance.report.ReportDir;
import dev.greeter.conformance.report.Text;
import dev.greeter.conformance.run.Campaign;
import dev.greeter.conformance.config.Implementation;
import dev.greeter.conformance.config.Options;
import dev.greeter.conformance.config.Plan;
import dev.greeter.conformance.config.HarnessConfig;
import dev.greeter.conformance.config.HarnessException;
import dev.greeter.conformance.run.Report;
import dev.greeter.conformance.spec.SpecVersion;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import dev.greeter.conformance.lab.LabSites;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "conformance",
        mixinStandardHelpOptions = true,
        subcommands = MergeCommand.class,
        versionProvider = ConformanceCommand.Version.class,
        description = {"Judges implementations of the greeting protocol, packaged as container images, against SPEC.md.",
            "With neither --server nor --client it checks greeter:latest as both.",
            "'conformance merge DIR...' combines the reports of several runs (see 'conformance merge --help')."},
        exitCodeListHeading = "%nExit status:%n",
        // The codes are Report's, so the help (and the docs checked against it by HarnessDocsTest) cannot drift.
        exitCodeList = {Report.CONFORMS + ":conforms: every selected MUST rule passed (or failed as --expect-failures lists)",
            Report.DOES_NOT_CONFORM + ":does not conform: a MUST rule failed (a SHOULD rule too, with --strict), or a listed rule passed",
            Report.HARNESS_BROKE + ":not judged: bad options, no engine, an image that cannot be pulled or built, or the harness broke"})
public final class ConformanceCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    Options options;

    /** Where the run's labs stand, kept from one lab to the next until the caller closes it; null: the run decides. */
    private final LabSites sites;

    private ConformanceCommand(LabSites sites) {
        this.sites = sites;
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        System.exit(run(out, err, args));
    }

    /**
     * One run, as from the command line: when it opens labs in turn, their sites are kept from one to the next, then
     * removed; otherwise each lab removes its own as it closes (clearing holders nobody will take would only delay it).
     */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        return run(out, err, null, args);
    }

    /**
     * One run whose labs stand on the sites {@code sites} keeps, and leave theirs there: a caller judging many images in one
     * JVM (a test suite) starts the harness's network and holders once per kind of site, and closes {@code sites} at the end.
     * With null, the run keeps its own when it opens labs in turn ({@link Plan#opensLabsInTurn()}).
     */
    public static int run(PrintWriter out, PrintWriter err, LabSites sites, String... args) {
        CommandLine cli = new CommandLine(new ConformanceCommand(sites));
        cli.setOut(out);
        cli.setErr(err);
        cli.setParameterExceptionHandler((e, a) -> {
            // Option values are the user's, image names may be an implementer's: one line, no terminal controls.
            err.println("conformance: " + Text.console(e.getMessage()) + " (see 'conformance --help')");
            return Report.HARNESS_BROKE;
        });
        cli.setExecutionExceptionHandler((e, c, p) -> {
            // A run judged on a pool reaches here wrapped; its HarnessException says what broke in one line.
            Throwable t = e instanceof java.util.concurrent.CompletionException && e.getCause() != null ? e.getCause() : e;
            err.println("conformance: " + Text.console(t instanceof HarnessException ? t.getMessage() : "harness error: " + t));
            return Report.HARNESS_BROKE;
        });
        return cli.execute(args);
    }

    @Override
    public Integer call() throws IOException {
        Plan plan;
        try {
            plan = options.plan();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        HarnessConfig shared = plan.shared();
        List<Implementation> implementations = plan.implementations();
        PrintWriter out = spec.commandLine().getOut();
        ConsoleReport console = new ConsoleReport(out);
        boolean many = implementations.size() > 1;
        console.header(shared, implementations.stream().map(ConformanceCommand::described)
                .collect(java.util.stream.Collectors.joining(", ")));
        if (many) {
            out.println("  " + implementations.size() + " implementations, at most " + Math.min(plan.parallel(), implementations.size())
                    + " at a time" + (plan.interop() ? "; then every client against every server" : ""));
        }
        java.util.function.Consumer<String> say = line -> out.println(Text.console(line));
        // Pulled and built before anything is judged: a name that cannot be pulled, or a directory that does not
        // build, is not a verdict on the implementation.
        BuiltImages built;
        try {
            Images.ensurePresent(shared.probeImage(), "probe image", say);
            built = BuiltImages.build(implementations, say);
        } catch (ImageBuild.Failed e) {
            PrintWriter err = spec.commandLine().getErr();
            err.println("conformance: " + Text.console(e.headline()));
            e.lastLines().forEach(l -> err.println("  | " + Text.console(l)));
            return Report.HARNESS_BROKE;
        } catch (HarnessException e) {
            spec.commandLine().getErr().println("conformance: " + Text.console(e.getMessage()));
            return Report.HARNESS_BROKE;
        }
        try (built) {
            for (Implementation i : implementations) {
                if (i.build().isEmpty()) {
                    Images.ensurePresent(i.image(), i.roleName() + " image", say);
                }
            }
            return judge(plan, built.implementations(), console);
        } catch (HarnessException e) {
            spec.commandLine().getErr().println("conformance: " + Text.console(e.getMessage()));
            return Report.HARNESS_BROKE;
        }
    }

    /** "server acme/greeter:1 --port 7 (acme)", "server built from ./server (lesson)": the header's words for one. */
    private static String described(Implementation i) {
        String what = i.build().map(d -> "built from " + d).orElse(i.image());
        return i.roleName() + " " + what + (i.args().isEmpty() ? "" : " " + String.join(" ", i.args()))
                + (i.name().equals(i.build().orElse(i.image())) ? "" : " (" + i.name() + ")");
    }

    private int judge(Plan plan, List<Implementation> implementations, ConsoleReport console) throws IOException {
        HarnessConfig shared = plan.shared();
        boolean many = implementations.size() > 1;
        PrintWriter out = spec.commandLine().getOut();
        Campaign.Outcome outcome;
        try (LabSites own = sites != null ? null : plan.opensLabsInTurn() ? LabSites.kept() : LabSites.none()) {
            outcome = Campaign.run(Suite.runner(sites != null ? sites : own), shared, implementations, plan.parallel(), plan.interop(),
                    (i, run, runs, r) -> console.progress(r, many ? i.name() : null, run, runs), console::interop);
        }
        outcome.judged().forEach(j -> console.summary(j.report()));
        Document doc = Document.of(outcome, shared, plan.startupSeconds());
        if (many || !outcome.interop().isEmpty()) {
            console.matrix(doc);
        }
        if (plan.reportDir().isPresent()) {
            List<Path> written = ReportDir.write(doc, plan.reportDir().get());
            out.println("reports: " + String.join(", ", written.stream().map(Path::toString).toList()));
        }
        return outcome.exitStatus();
    }

    /** The harness and spec versions, for --version. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"greeter conformance harness, SPEC.md version " + SpecVersion.CURRENT};
        }
    }
}
