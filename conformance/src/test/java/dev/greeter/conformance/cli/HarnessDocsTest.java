package dev.greeter.conformance.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.greeter.conformance.run.Report;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The docs name only options the harness has and exit statuses it returns: docs/harness.md's tables, README.md's
 * exit statuses, and every harness command in the shell blocks of README.md and docs/ (examples included) (the {@code docker run}
 * of the harness's image, {@code ci/conformance}, {@code java -jar .../greeter-conformance.jar}) are compared with
 * {@code --help}, which picocli generates from the options and {@link Report}'s statuses.
 */
class HarnessDocsTest {

    private static final Path ROOT = Path.of("..");
    private static final Pattern OPTION = Pattern.compile("(?<![\\w-])(--?[A-Za-z][\\w-]*)");
    private static final Pattern DECLARED = Pattern.compile("(?m)^ {1,8}(?:(-[A-Za-z]), )?(--[A-Za-z][\\w-]*)");
    private static final Pattern STATUS_ROW = Pattern.compile("\\| (\\d+) \\| (.+) \\|");

    private static String help(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = ConformanceCommand.run(new PrintWriter(out), new PrintWriter(err), args);
        assertThat(status).as("conformance %s exit status", String.join(" ", args)).isEqualTo(Report.CONFORMS);
        return out.toString();
    }

    /** The options a text names (a table's cell). */
    private static Set<String> options(String text) {
        Set<String> found = new TreeSet<>();
        Matcher m = OPTION.matcher(text);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }

    /** The options a help declares: those that start one of its option lines, not those its prose mentions. */
    private static Set<String> declared(String help) {
        Set<String> found = new TreeSet<>();
        Matcher m = DECLARED.matcher(help);
        while (m.find()) {
            if (m.group(1) != null) {
                found.add(m.group(1));
            }
            found.add(m.group(2));
        }
        return found;
    }

    private static List<String> section(Path page, String heading) throws IOException {
        List<String> lines = Files.readAllLines(page);
        int start = lines.indexOf(heading);
        assertThat(start).as("%s has the section %s", page, heading).isNotNegative();
        List<String> body = new ArrayList<>();
        for (String line : lines.subList(start + 1, lines.size())) {
            if (line.startsWith("## ")) {
                break;
            }
            body.add(line);
        }
        return body;
    }

    /** The status rows of a section's table: code to meaning, backquotes removed. */
    private static Map<Integer, String> statusTable(List<String> section) {
        Map<Integer, String> rows = new LinkedHashMap<>();
        for (String line : section) {
            Matcher m = STATUS_ROW.matcher(line.strip());
            if (m.matches()) {
                rows.put(Integer.parseInt(m.group(1)), m.group(2).replace("`", ""));
            }
        }
        return rows;
    }

    /** The help's "Exit status:" list as one line per status, picocli's wrapping undone. */
    private static Map<Integer, String> helpStatuses() {
        String help = help("--help");
        String list = help.substring(help.indexOf("Exit status:") + "Exit status:".length()).strip().replaceAll("\\s+", " ");
        Map<Integer, String> statuses = new LinkedHashMap<>();
        Matcher m = Pattern.compile("(\\d+) (.+?)(?= \\d+ [a-z]|$)").matcher(list);
        while (m.find()) {
            statuses.put(Integer.parseInt(m.group(1)), m.group(2));
        }
        return statuses;
    }

    @Test
    void everyOptionInTheHarnessTableIsInTheHelp() throws IOException {
        Set<String> documented = new TreeSet<>();
        for (String line : section(ROOT.resolve("docs/harness.md"), "## Options")) {
            if (line.startsWith("| `")) {
                documented.addAll(options(line.split("\\|")[1]));
            }
        }
        assertThat(documented).as("options in docs/harness.md's table").contains("--server", "--client", "--only");
        assertThat(declared(help("--help"))).as("--help has every option docs/harness.md's table names").containsAll(documented);
    }

    @Test
    void theExitStatusTablesSayWhatTheHelpSays() throws IOException {
        Map<Integer, String> help = helpStatuses();
        assertThat(help.keySet()).as("the help's exit statuses are Report's")
                .containsExactly(Report.CONFORMS, Report.DOES_NOT_CONFORM, Report.HARNESS_BROKE);
        assertThat(statusTable(section(ROOT.resolve("docs/harness.md"), "## Exit statuses")))
                .as("docs/harness.md's exit statuses, word for word the help's").isEqualTo(help);
        // README's table is shorter: the same statuses, each with the help's verdict before the colon.
        Map<Integer, String> readme = statusTable(section(ROOT.resolve("README.md"), "## Check your implementation"));
        assertThat(readme.keySet()).as("README's exit statuses").isEqualTo(help.keySet());
        readme.forEach((code, meaning) -> assertThat(meaning.substring(0, meaning.indexOf(':') + 1))
                .as("README's meaning of exit status %d", code)
                .isEqualTo(help.get(code).substring(0, help.get(code).indexOf(':') + 1)));
    }

    /** Every harness command the README and docs show uses options the harness has. */
    @Test
    void everyHarnessCommandInTheDocsUsesOptionsItHas() throws IOException {
        List<Path> pages = new ArrayList<>(List.of(ROOT.resolve("README.md")));
        try (var docs = Files.walk(ROOT.resolve("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
        }
        int checked = 0;
        boolean readmeChecked = false;
        for (Path page : pages) {
            for (List<String> words : ShellBlocks.commands(page)) {
                int harness = indexOfHarness(words);
                if (harness < 0) {
                    continue;
                }
                List<String> args = words.subList(harness + 1, words.size());
                boolean merge = !args.isEmpty() && args.get(0).equals("merge");
                Set<String> known = merge ? declared(help("merge", "--help")) : declared(help("--help"));
                for (String word : args) {
                    if (word.startsWith("-")) {
                        assertThat(known).as("%s: %s: the harness%s has option %s", page, String.join(" ", words),
                                merge ? "'s merge" : "", word).contains(word.split("=", 2)[0]);
                    }
                }
                checked++;
                readmeChecked |= page.equals(ROOT.resolve("README.md"));
            }
        }
        assertThat(readmeChecked).as("README.md shows a harness command").isTrue();
        assertThat(checked).as("harness commands found in README.md and docs/").isGreaterThan(10);
    }

    /** The word after which a command's words are the harness's own arguments, or -1 for another command. */
    private static int indexOfHarness(List<String> words) {
        if (words.get(0).equals("ci/conformance")) {
            return 0;
        }
        boolean dockerRun = words.size() > 2 && words.get(0).equals("docker") && words.get(1).equals("run");
        boolean java = words.get(0).equals("java") && words.contains("-jar");
        if (dockerRun || java) {
            for (int i = 1; i < words.size(); i++) {
                if (words.get(i).contains("greeter-conformance")) {
                    return i;
                }
            }
        }
        return -1;
    }
}
