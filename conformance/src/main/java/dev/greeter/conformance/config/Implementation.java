package dev.greeter.conformance.config;

import dev.greeter.conformance.spec.Area;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One implementation under test: a column of the report. Given on the command line as
 * {@code --server [NAME=]IMAGE} or {@code --client [NAME=]IMAGE}; without a name the image is its name. Given as
 * {@code --server-build [NAME=]DIR}, it is the image built from that directory: {@code image} is empty until
 * {@code lab.BuiltImages} has built it and {@link #built(String)} names it.
 *
 * @param args  given to its image as {@code docker run IMAGE ARGS} would (--server-args, --client-args); empty: its CMD
 * @param build the directory its image is built from (with a Dockerfile), as given; empty for an image given by name
 */
public record Implementation(String name, Area.Role role, String image, List<String> args, java.util.Optional<String> build) {

    /** A name is a short word: it names a column, a shard's report, a --mark. An image reference has '/' or ':' in it, or none of '='. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    public Implementation {
        Objects.requireNonNull(name);
        Objects.requireNonNull(role);
        Objects.requireNonNull(image);
        args = List.copyOf(args);
        Objects.requireNonNull(build);
    }

    public Implementation(String name, Area.Role role, String image, List<String> args) {
        this(name, role, image, args, java.util.Optional.empty());
    }

    /**
     * Parses {@code [NAME=]DIR} of {@code --server-build}/{@code --client-build}: DIR must be a directory holding a file
     * named Dockerfile, as the engine's build reads it; without a name the directory (as given) is its name.
     */
    public static Implementation parseBuild(Area.Role role, String spec, List<String> args) {
        String s = spec.trim();
        int eq = s.indexOf('=');
        String name = s;
        String dir = s;
        // A directory may have '=' in its name: only a valid NAME before it is one.
        if (eq >= 0 && NAME.matcher(s.substring(0, eq)).matches()) {
            name = s.substring(0, eq);
            dir = s.substring(eq + 1);
        }
        if (dir.isEmpty()) {
            throw new IllegalArgumentException("'" + spec + "' names no directory");
        }
        java.nio.file.Path path = java.nio.file.Path.of(dir);
        if (!java.nio.file.Files.isDirectory(path)) {
            throw new IllegalArgumentException("'" + dir + "' is not a directory");
        }
        if (!java.nio.file.Files.isRegularFile(path.resolve("Dockerfile"))) {
            throw new IllegalArgumentException("'" + dir + "' has no Dockerfile (the image is built from DIR/Dockerfile)");
        }
        return new Implementation(name, role, "", args, java.util.Optional.of(dir));
    }

    /** This implementation, judged as the image {@code image} built from its directory. */
    public Implementation built(String image) {
        return new Implementation(name, role, image, args, build);
    }

    /** Parses {@code [NAME=]IMAGE}; an {@link IllegalArgumentException} says what is wrong with it. */
    public static Implementation parse(Area.Role role, String spec, List<String> args) {
        String s = spec.trim();
        int eq = s.indexOf('=');
        String name = s;
        String image = s;
        if (eq >= 0) {
            name = s.substring(0, eq);
            image = s.substring(eq + 1);
            if (!NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("'" + spec + "': the name before '=' must be letters, digits, '.', '_' or '-' (at most 64)");
            }
        }
        if (image.isEmpty() || image.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("'" + spec + "' is not an image reference");
        }
        return new Implementation(name, role, image, args);
    }

    public String roleName() {
        return role.name().toLowerCase(Locale.ROOT);
    }

    /** The configuration that judges this implementation alone, from the run's shared one. */
    public HarnessConfig judgedBy(HarnessConfig shared) {
        return new HarnessConfig(role == Area.Role.SERVER ? java.util.Optional.of(image) : java.util.Optional.empty(),
                role == Area.Role.CLIENT ? java.util.Optional.of(image) : java.util.Optional.empty(),
                role == Area.Role.SERVER ? args : List.of(), role == Area.Role.CLIENT ? args : List.of(), shared.port(),
                shared.greeting(), shared.backlog(), shared.transports(), shared.path(), shared.selection(), shared.probeImage(), shared.isolation(), shared.bounds(),
                shared.timeScale(), shared.expectations(), shared.strict(), shared.areasAtOnce(), shared.repeat(), shared.captures().of(name));
    }
}
