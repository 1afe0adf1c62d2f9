package dev.greeter.conformance.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The harness's layers point one way: cli → api → checks/report → run → lab → config → spec, with the
 * probe at the bottom (a module of its own, which sees nothing but the JDK: the compiler enforces that).
 * The command and the library (api) build their runs from the same {@code config.Options}, so that an
 * option is checked in one place; the library never uses the command.
 * Every reference to another package of the harness (an import or a qualified name) must go down this list.
 */
class LayersTest {

    private static final Path SOURCES = Path.of("src/main/java/dev/greeter/conformance");
    private static final Pattern REFERENCE = Pattern.compile("dev\\.greeter\\.conformance\\.([a-z]+)\\.");

    /** What each package may use besides itself. */
    private static final Map<String, Set<String>> ALLOWED = Map.of(
            "cli", Set.of("api", "checks", "report", "run", "lab", "config", "spec", "probe"),
            "api", Set.of("checks", "report", "run", "lab", "config", "spec", "probe"),
            "checks", Set.of("run", "lab", "config", "spec", "probe"),
            "report", Set.of("run", "config", "spec", "probe"),
            "run", Set.of("lab", "config", "spec", "probe"),
            "lab", Set.of("config", "spec", "probe"),
            "config", Set.of("spec"),
            "spec", Set.of());

    @Test
    void everyReferenceToAnotherPackageGoesDown() throws IOException {
        List<String> upward = new ArrayList<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                String from = SOURCES.relativize(file).getName(0).toString();
                assertThat(ALLOWED).as("package %s has a place in the layers", from).containsKey(from);
                Matcher m = REFERENCE.matcher(Files.readString(file));
                while (m.find()) {
                    String to = m.group(1);
                    if (!to.equals(from) && !ALLOWED.get(from).contains(to)) {
                        upward.add(SOURCES.relativize(file) + " uses " + to);
                    }
                }
            }
        }
        assertThat(upward).as("references that point back up the layers").isEmpty();
    }
}
