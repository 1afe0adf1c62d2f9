package dev.greeter.conformance.lab;

import dev.greeter.conformance.config.Implementation;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The images a run builds from directories ({@code --server-build}, {@code --client-build}), before anything is judged,
 * and removed when the run closes them. Removed rather than kept under a name: the report names the directory and
 * the image's digest, a rebuild of the same directory reuses the engine's build cache, and a harness run leaves
 * nothing of its own behind. A run killed before it closes them leaves them tagged {@code greeter-built/...} and
 * labelled {@link ImageBuild#BUILT_FROM}: {@code docker image ls --filter label=dev.greeter.conformance.built-from}.
 */
public final class BuiltImages implements AutoCloseable {

    private final List<Implementation> implementations;
    private final List<ImageBuild.Built> built;
    private final Consumer<String> progress;

    private BuiltImages(List<Implementation> implementations, List<ImageBuild.Built> built, Consumer<String> progress) {
        this.implementations = List.copyOf(implementations);
        this.built = List.copyOf(built);
        this.progress = progress;
    }

    /**
     * Builds the image of every implementation given as a directory, one after another (a build is the engine's
     * work, and two at once share its cores), saying each on {@code progress}. A failed build removes those already
     * built and throws {@link ImageBuild.Failed}.
     */
    public static BuiltImages build(List<Implementation> implementations, Consumer<String> progress) {
        List<Implementation> judged = new ArrayList<>();
        List<ImageBuild.Built> built = new ArrayList<>();
        try {
            for (Implementation i : implementations) {
                if (i.build().isEmpty()) {
                    judged.add(i);
                    continue;
                }
                String dir = i.build().get();
                String what = i.roleName() + " image";
                progress.accept("building " + what + " from " + dir);
                long start = System.nanoTime();
                ImageBuild.Built image = ImageBuild.build(Path.of(dir), what);
                built.add(image);
                progress.accept("built " + what + " from " + dir + " in " + (System.nanoTime() - start) / 1_000_000 + " ms: "
                        + image.id() + " (" + image.tag() + ", removed at the end of the run)");
                judged.add(i.built(image.tag()));
            }
        } catch (RuntimeException e) {
            new BuiltImages(judged, built, progress).close();
            throw e;
        }
        return new BuiltImages(judged, built, progress);
    }

    /** The implementations in the order given, those given as directories now naming their built image. */
    public List<Implementation> implementations() {
        return implementations;
    }

    /** Removes the built images; one that cannot be removed is said on the progress output, never an error of the run. */
    @Override
    public void close() {
        for (ImageBuild.Built image : built) {
            try {
                ImageBuild.remove(image);
            } catch (RuntimeException e) {
                progress.accept("could not remove the built image " + image.tag() + ": " + Images.reason(e));
            }
        }
    }
}
