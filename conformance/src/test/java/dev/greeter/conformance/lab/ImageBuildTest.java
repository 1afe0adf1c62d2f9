package dev.greeter.conformance.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** A built image's name says where it came from and is always one the engine accepts; the build's words stay printable. */
class ImageBuildTest {

    @Test
    void theTagsRepositoryIsTheDirectorysNameAsTheEngineAcceptsIt() {
        assertThat(ImageBuild.repositoryPart(Path.of("/work/lesson/server"))).isEqualTo("server");
        assertThat(ImageBuild.repositoryPart(Path.of("/src/My Server__v2!"))).as("upper case, spaces, runs of separators").isEqualTo("my-server-v2");
        assertThat(ImageBuild.repositoryPart(Path.of("/src/éé"))).as("nothing usable").isEqualTo("dir");
        assertThat(ImageBuild.repositoryPart(Path.of("/"))).as("the root").isEqualTo("dir");
        assertThat(ImageBuild.repositoryPart(Path.of("/x/" + "a".repeat(100)))).hasSize(64);
    }

    @Test
    void aBuildsOutputHasNoControlCharactersAndABound() {
        assertThat(ImageBuild.bounded("\u001b[31mred\u001b[0m\r", 300)).isEqualTo("?[31mred?[0m?");
        assertThat(ImageBuild.bounded("x".repeat(400), 300)).hasSize(303).endsWith("...");
    }
}
