package dev.greeter.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.greeter.conformance.run.Report;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;

/**
 * The worked example of docs/examples/lesson-python, judged from its directories as the page says, on the rules whose
 * verdicts the page explains and that take little time: the lesson's server dies when a client resets (6.1), its
 * client prints what one recv() returned (7.2). Its base image greeter-python:3 is ci/python-base's (ci/verify runs it).
 */
class LessonExampleIT {

    private static final Path EXAMPLE = Path.of("..", "docs", "examples", "lesson-python");

    @Test
    void theLessonsServerDiesOnAResetAndItsClientPrintsOneRecv() {
        assertThat(DockerClientFactory.instance().client().listImagesCmd().withImageNameFilter("greeter-python:3").exec())
                .as("the example's base image greeter-python:3 (build it with ci/python-base)").isNotEmpty();
        Harness run = Harness.run(Harness.reportRoot().resolve("lesson-python"), List.of(
                "--server-build", "lesson=" + EXAMPLE.resolve("server"), "--client-build", "lesson=" + EXAMPLE.resolve("client"),
                "--only", "2.1,6.1,7.1,7.2", "--no-interop"));
        assertThat(run.status()).as("status; stderr: %s", run.err()).isEqualTo(Report.DOES_NOT_CONFORM);
        assertThat(run.verdicts()).as("the verdicts docs/examples/lesson-python/README.md explains")
                .containsEntry("2.1", "PASS").containsEntry("6.1", "FAIL").containsEntry("7.1", "PASS").containsEntry("7.2", "FAIL");
        assertThat(run.explain("6.1")).as("6.1: the server died").contains("server container exited with status 1");
        assertThat(run.explain("7.2")).as("7.2: the first segment only").contains("\"Thank yo\"");
    }
}
