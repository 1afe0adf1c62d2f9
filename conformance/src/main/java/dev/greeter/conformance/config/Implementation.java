package dev.greeter.conformance.config;

import dev.greeter.conformance.spec.Area;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One implementation under test: a column of the report. Given on the command line as
 * {@code --server [NAME=]IMAGE} or {@code --client [NAME=]IMAGE}; without a name the image is its name.
 *
 * @param args given to its image as {@code docker run IMAGE ARGS} would (--server-args, --client-args); empty: its CMD
 */
public record Implementation(String name, Area.Role role, String image, List<String> args) {

    /** A name is a short word: it names a column, a shard's report, a --mark. An image reference has '/' or ':' in it, or none of '='. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    public Implementation {
        Objects.requireNonNull(name);
        Objects.requireNonNull(role);
        Objects.requireNonNull(image);
        args = List.copyOf(args);
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
                shared.timeScale(), shared.expectations(), shared.strict(), shared.areasAtOnce(), shared.captures().of(name));
    }
}
