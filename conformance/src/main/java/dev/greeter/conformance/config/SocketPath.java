package dev.greeter.conformance.config;

import java.util.List;

/**
 * What --path may name. The harness mounts a volume on the socket's directory in the probe's container and in the
 * implementation's, so the directory must be one that a mount cannot turn against either: written as it will be
 * resolved (no {@code .} or {@code ..}, no empty segment), and not a system directory or one under it, nor a
 * directory the harness mounts itself.
 */
final class SocketPath {

    /** Directories a mount over (or under) would hide or replace what the containers run on; /probe holds the agent. */
    static final List<String> SYSTEM = List.of("/bin", "/boot", "/dev", "/etc", "/lib", "/lib32", "/lib64", "/libx32", "/proc",
            "/sbin", "/sys", "/usr", "/probe");
    /** The hardened implementation's own in-memory mounts: a directory below them is fine, not they themselves. */
    static final List<String> HARNESS_MOUNTS = List.of("/tmp", "/run");

    private SocketPath() {
    }

    static void check(String path) {
        // sun_path holds 108 bytes with its terminating NUL.
        if (!path.startsWith("/") || path.endsWith("/") || path.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 107) {
            throw refused(path, "is not an absolute file path of at most 107 bytes");
        }
        if (path.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw refused(path, "has a control character");
        }
        for (String segment : path.substring(1).split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                throw refused(path, "is not written as it resolves (an empty, '.' or '..' segment)");
            }
        }
        String directory = path.substring(0, path.lastIndexOf('/'));
        // The harness mounts a volume on the socket's directory, and none can be mounted on /.
        if (directory.isEmpty()) {
            throw refused(path, "is in /, and the harness shares the socket's directory as a volume (use a directory, e.g. /run/greeter)");
        }
        for (String system : SYSTEM) {
            if (directory.equals(system) || directory.startsWith(system + "/")) {
                throw refused(path, "is in " + system + ", and the harness would mount a volume over a system directory"
                        + " (use a directory of its own, e.g. /run/greeter)");
            }
        }
        if (HARNESS_MOUNTS.contains(directory)) {
            throw refused(path, "is in " + directory + ", which the harness mounts itself (use a directory below it, e.g. "
                    + directory + "/greeter)");
        }
    }

    private static IllegalArgumentException refused(String path, String why) {
        StringBuilder shown = new StringBuilder();
        // One line whatever it holds: control characters as \xHH.
        path.chars().limit(200).forEach(c -> shown.append(c < 0x20 || c == 0x7f ? String.format("\\x%02x", c) : String.valueOf((char) c)));
        return new IllegalArgumentException("Invalid value for option '--path': '" + shown + (path.length() > 200 ? "...' " : "' ") + why);
    }
}
