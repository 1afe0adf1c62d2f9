package dev.greeter.conformance.lab;

import com.github.dockerjava.api.command.PullImageResultCallback;
import com.github.dockerjava.api.exception.NotFoundException;
import dev.greeter.conformance.probe.Printable;
import dev.greeter.conformance.config.HarnessException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.testcontainers.utility.DockerImageName;

/**
 * Images a run needs, pulled from their registry when the local engine does not have them, before anything
 * is judged: a pulled harness judges a pulled image with no local build.
 */
public final class Images {

    /** A pull that takes longer than this is the harness's breakage, not a verdict. */
    private static final long PULL_MINUTES = 10;

    private Images() {
    }

    /**
     * Makes {@code image} present in the local engine, pulling it (tag or digest) when it is missing and saying
     * so on {@code progress}. A name that cannot be pulled is a {@link HarnessException} with the engine's (the
     * registry's) reason on one line.
     *
     * @param what what the image is for, in the message: "server image", "probe image"...
     */
    public static void ensurePresent(String image, String what, Consumer<String> progress) {
        if (present(image)) {
            return;
        }
        DockerImageName name;
        try {
            name = DockerImageName.parse(image);
        } catch (IllegalArgumentException e) {
            throw new HarnessException(what + " '" + image + "' is not an image name: " + oneLine(e.getMessage()));
        }
        progress.accept("pulling " + what + " " + image + " (not in the local Docker engine)");
        long start = System.nanoTime();
        try {
            // The version part is a tag or a digest (sha256:...); the engine's pull takes either in that field.
            boolean done = Containers.docker().pullImageCmd(name.getUnversionedPart()).withTag(name.getVersionPart())
                    .exec(new PullImageResultCallback()).awaitCompletion(PULL_MINUTES, TimeUnit.MINUTES);
            if (!done) {
                throw new HarnessException("could not pull " + what + " '" + image + "': no answer within " + PULL_MINUTES + " minutes");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HarnessException("interrupted while pulling " + what + " '" + image + "'", e);
        } catch (HarnessException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new HarnessException("could not pull " + what + " '" + image + "': " + reason(e), e);
        }
        if (!present(image)) {
            throw new HarnessException("could not pull " + what + " '" + image + "': the engine reported no error but has no such image");
        }
        progress.accept("pulled " + image + " in " + (System.nanoTime() - start) / 1_000_000 + " ms: " + Lab.imageDigest(image));
    }

    private static boolean present(String image) {
        try {
            Containers.docker().inspectImageCmd(image).exec();
            return true;
        } catch (NotFoundException e) {
            return false;
        }
    }

    /** The engine's message, without docker-java's "Status 404: {"message":...}" wrapping. */
    static String reason(Throwable e) {
        String message = String.valueOf(e.getMessage());
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"message\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(message);
        if (m.find()) {
            message = m.group(1).replace("\\\"", "\"").replace("\\\\", "\\");
        }
        return oneLine(message);
    }

    private static String oneLine(String s) {
        return Printable.escape(String.valueOf(s).strip().replaceAll("\\s+", " "), 500);
    }
}
