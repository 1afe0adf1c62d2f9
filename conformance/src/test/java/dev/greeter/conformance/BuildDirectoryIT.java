package dev.greeter.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.greeter.conformance.run.Report;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.DockerClientFactory;

/**
 * {@code --server-build DIR}: the image is built from the directory's Dockerfile, judged as {@code --server} would
 * judge it, named in the report by the directory and its image id, and removed at the end; a build that fails is
 * the harness's status 2 with the build's last lines, and nothing is judged. The Dockerfiles start from a fixture's
 * image, which the engine has: no registry is needed.
 */
class BuildDirectoryIT {

    private static final String LABEL = "dev.greeter.conformance.built-from";

    @Test
    void aBuiltServerIsJudgedAndNamedByItsDirectoryThenRemoved(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("Dockerfile"), "FROM greeter-fixture/plain:latest\nLABEL example=built-from-a-directory\n");
        Harness run = Harness.run(Harness.reportRoot().resolve("server-build"), List.of("--server-build", "plain=" + dir, "--only", "2.1"));
        assertThat(run.status()).as("status; stderr: %s", run.err()).isEqualTo(Report.CONFORMS);
        assertThat(run.verdicts()).as("the built plain server's verdicts").containsEntry("2.1", "PASS");
        var column = run.json().get("implementations").get(0);
        assertThat(column.get("build").asText()).as("the directory, in the JSON report").isEqualTo(dir.toString());
        String digest = column.get("digest").asText();
        assertThat(digest).as("the built image's id").matches("sha256:[0-9a-f]{64}");
        assertThat(run.json().get("implementation").get("serverBuild").asText()).isEqualTo(dir.toString());
        assertThat(run.out()).as("the console").contains("Checking server built from " + dir + " (plain)")
                .contains("built server image from " + dir + " in ").contains(digest);
        assertThat(Files.readString(Harness.reportRoot().resolve("server-build").resolve("index.html")))
                .as("the HTML report").contains("built from <code>" + dir + "</code>").contains(digest);
        assertThat(builtFrom(dir)).as("images built from the directory, after the run").isEmpty();
    }

    @Test
    void aFailingBuildIsNotJudgedAndShowsTheBuildsLastLines(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("Dockerfile"), "FROM greeter-fixture/plain:latest\nLABEL first=1\nRUN [\"/no-such-command\"]\n");
        Harness run = Harness.run(Harness.reportRoot().resolve("server-build-fails"), List.of("--server-build", dir.toString(), "--only", "2.1"));
        assertThat(run.status()).isEqualTo(Report.HARNESS_BROKE);
        assertThat(run.json()).as("no report: nothing was judged").isNull();
        List<String> err = run.err().strip().lines().toList();
        assertThat(err.get(0)).as("one line naming the directory and the reason")
                .startsWith("conformance: could not build the server image from '" + dir + "': ").contains("no-such-command");
        assertThat(err.subList(1, err.size())).as("the build's last lines, after it").isNotEmpty().hasSizeLessThanOrEqualTo(20)
                .allMatch(l -> l.startsWith("  | ")).anyMatch(l -> l.contains("RUN [\\x22/no-such-command\\x22]") || l.contains("RUN [\"/no-such-command\"]"));
        assertThat(builtFrom(dir)).as("images built from the directory, after the run").isEmpty();
    }

    private static List<String> builtFrom(Path dir) {
        return DockerClientFactory.instance().client().listImagesCmd().withLabelFilter(java.util.Map.of(LABEL, dir.toAbsolutePath().toString()))
                .exec().stream().map(i -> i.getId()).toList();
    }
}
