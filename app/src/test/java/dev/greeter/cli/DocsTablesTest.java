package dev.greeter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The docs name only options greeter has and exit statuses it returns. The tables of docs/greeter.md and the
 * {@code greeter} commands of README.md and docs/*.md are read and compared with the help, which is generated from
 * the code, so removing or renaming an option without the docs fails here.
 */
class DocsTablesTest {

    private static final Path ROOT = Path.of("..");
    private static final Pattern OPTION = Pattern.compile("(?<![\\w-])(--?[A-Za-z][\\w-]*)");
    private static final Pattern DECLARED = Pattern.compile("(?m)^ {1,8}(?:(-[A-Za-z]), )?(--[A-Za-z][\\w-]*)");
    private static final Pattern STATUS_ROW = Pattern.compile("\\| (\\d+) \\| (.+) \\|");

    private static String help(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = GreeterCommand.run(new PrintWriter(out), new PrintWriter(err), args);
        assertThat(status).as("greeter %s exit status", String.join(" ", args)).isZero();
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

    /** The lines of a Markdown page's section, from its "## " heading to the next one. */
    static List<String> section(Path page, String heading) throws IOException {
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

    /** The options named in the first cell of a section's table rows. */
    private static Set<String> tableOptions(List<String> section) {
        Set<String> named = new TreeSet<>();
        for (String line : section) {
            if (line.startsWith("| `")) {
                named.addAll(options(line.split("\\|")[1]));
            }
        }
        return named;
    }

    @Test
    void everyOptionInTheServerAndClientTablesIsInTheHelp() throws IOException {
        Path page = ROOT.resolve("docs/greeter.md");
        for (String command : List.of("server", "client")) {
            Set<String> documented = tableOptions(section(page, "## `greeter " + command + "`"));
            assertThat(documented).as("options in docs/greeter.md's %s table", command).contains("--transport", "--port");
            assertThat(declared(help(command, "--help")))
                    .as("greeter %s --help has every option docs/greeter.md's table names", command)
                    .containsAll(documented);
        }
    }

    @Test
    void theExitStatusTableIsExactlyExitCodes() throws IOException {
        List<String> documented = new ArrayList<>();
        for (String line : section(ROOT.resolve("docs/greeter.md"), "## Exit statuses (both commands)")) {
            Matcher m = STATUS_ROW.matcher(line);
            if (m.matches()) {
                documented.add(m.group(1) + " " + m.group(2));
            }
        }
        assertThat(documented).as("docs/greeter.md's exit statuses, in order")
                .containsExactlyElementsOf(ExitCodes.all().stream().map(s -> s.code() + " " + s.meaning()).toList());
    }

    /** Every greeter command the docs show runs with options the subcommand has. */
    @Test
    void everyGreeterCommandInTheDocsUsesOptionsItHas() throws IOException {
        int checked = 0;
        List<Path> pages = new ArrayList<>(List.of(ROOT.resolve("README.md")));
        try (var docs = Files.list(ROOT.resolve("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
        }
        for (Path page : pages) {
            for (List<String> words : ShellBlocks.commands(page)) {
                int image = indexOfImage(words);
                if (image < 0) {
                    continue;
                }
                List<String> args = words.subList(image + 1, words.size());
                // The image's command is "server"; arguments replace it, so one that starts with an option is greeter's own.
                List<String> command = args.isEmpty() ? List.of("server")
                        : args.get(0).startsWith("-") ? List.of() : List.of(args.get(0));
                List<String> helpArgs = new ArrayList<>(command);
                helpArgs.add("--help");
                Set<String> known = declared(help(helpArgs.toArray(String[]::new)));
                for (String word : args) {
                    if (word.startsWith("-")) {
                        assertThat(known).as("%s: %s: greeter %s has option %s", page, String.join(" ", words), String.join(" ", command), word)
                                .contains(word.split("=", 2)[0]);
                    }
                }
                checked++;
            }
        }
        assertThat(checked).as("greeter commands found in README.md and docs/").isGreaterThan(5);
    }

    /** The word naming greeter's image, always tagged, in a docker run command (greeter:latest, ghcr.io/OWNER/greeter:1), or -1. */
    private static int indexOfImage(List<String> words) {
        if (words.size() < 2 || !words.get(0).equals("docker") || !words.get(1).equals("run")) {
            return -1;
        }
        for (int i = 2; i < words.size(); i++) {
            if (words.get(i).matches("(.*/)?greeter:[\\w.-]+")) {
                return i;
            }
        }
        return -1;
    }
}
