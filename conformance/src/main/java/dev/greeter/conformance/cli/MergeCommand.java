package dev.greeter.conformance.cli;

import dev.greeter.conformance.checks.Suite;
import dev.greeter.conformance.report.ConsoleReport;
import dev.greeter.conformance.report.Document;
import dev.greeter.conformance.report.JsonReport;
import dev.greeter.conformance.report.Merge;
import dev.greeter.conformance.report.ReportDir;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code conformance merge DIR...}: one report (JSON, JUnit, HTML, Markdown) from the report directories of several runs. */
@Command(name = "merge", mixinStandardHelpOptions = true,
        description = {"Combines the reports of several runs (each a --report-dir with conformance.json) into one: JSON, JUnit, HTML and Markdown.",
            "Refuses runs of different spec versions or options (time scale, strict, start-up timeout, isolation) unless --force,"
                    + " and a forced merge says so in the report.",
            "Each run is judged again by its verdicts and the spec's rule levels (its own exit status and counts are not believed);"
                    + " a run holding a rule id, verdict or role no run writes is refused, before anything is written."},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:every implementation in the runs conforms", "1:one does not", "2:a run's harness broke, or the runs cannot be merged"})
final class MergeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "DIR", arity = "1..*", description = "Report directories of the runs (each holding conformance.json).")
    List<Path> dirs = new ArrayList<>();

    @Option(names = "--report-dir", paramLabel = "DIR", defaultValue = "conformance-report",
            description = "Where to write the merged report (default: ${DEFAULT-VALUE}).")
    Path reportDir;

    @Option(names = "--force", description = "Merge runs of different spec versions or options anyway; the report says so.")
    boolean force;

    @Option(names = "--mark", paramLabel = "NAME=RULES",
            description = "Mark RULES (comma-separated ids) as the known failures of implementation NAME, for dashboards of"
                    + " known-bad implementations: display only, verdicts unchanged. Repeatable.")
    List<String> marks = new ArrayList<>();

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        List<Document> docs = new ArrayList<>();
        List<String> sources = new ArrayList<>();
        for (Path dir : dirs) {
            Path file = Files.isDirectory(dir) ? dir.resolve(JsonReport.FILE) : dir;
            if (!Files.isRegularFile(file)) {
                throw new ParameterException(spec.commandLine(), "Invalid value for DIR: " + dir + " holds no " + JsonReport.FILE);
            }
            try {
                docs.add(JsonReport.read(file));
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "Invalid value for DIR: " + e.getMessage());
            }
            sources.add(dir.toString());
        }
        Map<String, List<String>> marked = new LinkedHashMap<>();
        for (String m : marks) {
            int eq = m.indexOf('=');
            if (eq <= 0) {
                throw new ParameterException(spec.commandLine(), "Invalid value for option '--mark': '" + m + "' is not NAME=RULES");
            }
            List<String> rules = List.of(m.substring(eq + 1).split(","));
            for (String r : rules) {
                if (dev.greeter.conformance.spec.Rule.byId(r.trim()).isEmpty()) {
                    throw new ParameterException(spec.commandLine(), "Invalid value for option '--mark': '" + r + "' is not a rule id");
                }
            }
            marked.put(m.substring(0, eq), rules.stream().map(String::trim).toList());
        }
        Document doc;
        try {
            doc = Merge.mark(Merge.merge(docs, sources, force), marked);
        } catch (Merge.Refused e) {
            throw new ParameterException(spec.commandLine(), "cannot merge: " + e.getMessage());
        }
        new ConsoleReport(out).matrix(doc);
        List<Path> written = ReportDir.write(doc.namingChecks(Suite.runner()::checkName), reportDir);
        ReportDir.copyCaptures(dirs.stream().filter(Files::isDirectory).toList(), reportDir);
        out.println("reports: " + String.join(", ", written.stream().map(Path::toString).toList()));
        return doc.exitStatus();
    }
}
