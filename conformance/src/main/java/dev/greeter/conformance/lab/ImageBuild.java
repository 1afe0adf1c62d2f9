package dev.greeter.conformance.lab;

import com.github.dockerjava.api.command.BuildImageResultCallback;
import com.github.dockerjava.api.model.BuildResponseItem;
import dev.greeter.conformance.config.HarnessException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * One image built from a directory with a Dockerfile, by the engine's build API (what {@code docker build DIR} does):
 * docker-java sends the directory as the build context (honouring its {@code .dockerignore}), so it works from the
 * harness's image on a directory mounted into it. The build's own output is kept, its last {@value #LAST_LINES}
 * lines, for when it fails: Testcontainers' {@code ImageFromDockerfile} logs them and throws only the last error.
 */
public final class ImageBuild {

    /** Lines of the build's output a failure shows: the failing step and what it printed, seldom more. */
    static final int LAST_LINES = 20;

    /** A build that takes longer than this is the harness's breakage, not a verdict (a pull's bound, a little more). */
    private static final long BUILD_MINUTES = 15;

    /** The label on a built image: what it was built from, so a killed run's leftover is found by it. */
    public static final String BUILT_FROM = Containers.LABEL + ".built-from";

    private ImageBuild() {
    }

    /** A built image: the tag it has until the run removes it, and what identifies its content (the image id). */
    public record Built(String tag, String id) {
    }

    /** The build failed: the one-line reason, and the build's last lines of output to show after it. */
    public static final class Failed extends HarnessException {
        private static final long serialVersionUID = 1L;
        private final String headline;
        private final List<String> lastLines;

        Failed(String headline, List<String> lastLines) {
            super(headline + (lastLines.isEmpty() ? "" : "\n" + String.join("\n", lastLines)));
            this.headline = headline;
            this.lastLines = List.copyOf(lastLines);
        }

        /** The one line that says what failed, naming the directory. */
        public String headline() {
            return headline;
        }

        /** The build's last lines of output, oldest first, each printable. */
        public List<String> lastLines() {
            return lastLines;
        }
    }

    /**
     * Builds {@code dir}'s Dockerfile, tagged {@code greeter-built/BASENAME:RANDOM} (a name that says what it is and
     * that no other run has) and labelled with {@link #BUILT_FROM}.
     *
     * @param what what the image is for, in messages: "server image", "client image"
     */
    public static Built build(Path dir, String what) {
        Path absolute = dir.toAbsolutePath().normalize();
        String tag = "greeter-built/" + repositoryPart(absolute) + ":" + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 1);
        Output output = new Output();
        try {
            Containers.docker().buildImageCmd(absolute.toFile())
                    .withTags(java.util.Set.of(tag))
                    .withLabels(Map.of(BUILT_FROM, absolute.toString()))
                    // No registry is asked for a newer base: the base the engine has is the one judged, as with --server.
                    .withPull(false)
                    .withForcerm(true)
                    .exec(output)
                    .awaitImageId(BUILD_MINUTES, TimeUnit.MINUTES);
        } catch (RuntimeException e) {
            // A build that timed out still streams: stop listening (the engine finishes or abandons it on its own).
            try {
                output.close();
            } catch (java.io.IOException closing) {
                e.addSuppressed(closing);
            }
            String reason = output.error != null ? output.error : Images.reason(e);
            throw new Failed("could not build the " + what + " from '" + dir + "': " + oneLine(reason), output.lastLines());
        }
        if (output.error != null) {
            throw new Failed("could not build the " + what + " from '" + dir + "': " + oneLine(output.error), output.lastLines());
        }
        // The build's stream names the image by a short id; the engine's inspection gives the whole one.
        return new Built(tag, Containers.docker().inspectImageCmd(tag).exec().getId());
    }

    /** Removes the image's tag, and the image with it when no other name has it (a Dockerfile of a bare FROM). */
    public static void remove(Built image) {
        Containers.docker().removeImageCmd(image.tag()).exec();
    }

    /** The directory's name as a repository path component: lower case letters, digits and single separators. */
    static String repositoryPart(Path dir) {
        String base = dir.getFileName() == null ? "" : dir.getFileName().toString().toLowerCase(Locale.ROOT);
        String part = base.replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        return part.isEmpty() ? "dir" : part.length() > 64 ? part.substring(0, 64).replaceAll("-+$", "") : part;
    }

    private static String oneLine(String s) {
        return bounded(String.valueOf(s).strip().replaceAll("\\s+", " "), 500);
    }

    /**
     * At most {@code max} characters, control characters (a build's colours, its carriage returns) as '?': the text is the
     * implementer's, and the library's caller may print it anywhere. The command escapes it again for the console.
     */
    static String bounded(String s, int max) {
        String printable = s.replaceAll("\\p{Cntrl}", "?");
        return printable.length() > max ? printable.substring(0, max) + "..." : printable;
    }

    /** The build's output as it streams, keeping the last lines and the error the engine reported. */
    private static final class Output extends BuildImageResultCallback {
        private final Deque<String> last = new ArrayDeque<>();
        private final StringBuilder partial = new StringBuilder();
        private volatile String error;

        @Override
        public void onNext(BuildResponseItem item) {
            synchronized (this) {
                if (item.getStream() != null) {
                    partial.append(item.getStream());
                    int nl;
                    while ((nl = partial.indexOf("\n")) >= 0) {
                        keep(partial.substring(0, nl));
                        partial.delete(0, nl + 1);
                    }
                }
                if (item.isErrorIndicated()) {
                    error = item.getErrorDetail() != null && item.getErrorDetail().getMessage() != null
                            ? item.getErrorDetail().getMessage() : item.getError();
                }
            }
            super.onNext(item);
        }

        private void keep(String line) {
            String l = line.stripTrailing();
            if (l.isBlank()) {
                return;
            }
            last.addLast(bounded(l, 300));
            if (last.size() > LAST_LINES) {
                last.removeFirst();
            }
        }

        synchronized List<String> lastLines() {
            if (!partial.isEmpty()) {
                keep(partial.toString());
                partial.setLength(0);
            }
            return List.copyOf(last);
        }
    }
}
