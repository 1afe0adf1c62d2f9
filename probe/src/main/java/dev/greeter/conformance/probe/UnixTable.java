package dev.greeter.conformance.probe;

import dev.greeter.conformance.probe.ProbeReply.FileKind;
import dev.greeter.conformance.probe.ProbeReply.UnixSocket;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the Unix-domain stream sockets of this network namespace from /proc/net/unix. Like
 * {@link ListenTable} it needs nothing from the implementation. The kernel lists a socket with the path
 * it was bound to, as the binding process named it: the harness mounts the shared directory at the same
 * place in the implementation's container and the probe's, so the paths compare as they are.
 */
final class UnixTable {

    /** __SO_ACCEPTCON: listen(2) was called on the socket. */
    private static final int ACCEPTING = 0x10000;
    private static final int SOCK_STREAM = 1;
    private static final int S_IFMT = 0170000;
    private static final int S_IFSOCK = 0140000;

    private UnixTable() {
    }

    static ProbeReply.UnixSockets state(String path) throws IOException {
        List<UnixSocket> all = parse(Files.readAllLines(Path.of("/proc/net/unix")));
        return new ProbeReply.UnixSockets(all.stream().filter(s -> s.path().equals(path)).toList(), kind(Path.of(path)),
                all.stream().filter(UnixSocket::listening).toList(), ListenTable.somaxconn());
    }

    /**
     * The stream sockets with a path among the table's lines (header first):
     * {@code Num RefCount Protocol Flags Type St Inode Path}. Unnamed sockets have no path and are left
     * out; an abstract one's path starts with '@'. A path may hold spaces, so it is the rest of the line.
     */
    static List<UnixSocket> parse(List<String> lines) {
        List<UnixSocket> found = new ArrayList<>();
        for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
            String[] f = line.strip().split("\\s+", 8);
            if (f.length < 8 || Integer.parseInt(f[4], 16) != SOCK_STREAM) {
                continue;
            }
            boolean listening = (Integer.parseInt(f[3], 16) & ACCEPTING) != 0;
            found.add(new UnixSocket(f[7], Long.parseLong(f[6]), listening));
        }
        return found;
    }

    static FileKind kind(Path path) throws IOException {
        int mode;
        try {
            mode = (Integer) Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS);
        } catch (java.nio.file.NoSuchFileException e) {
            return FileKind.NONE;
        }
        return (mode & S_IFMT) == S_IFSOCK ? FileKind.SOCKET : FileKind.OTHER;
    }
}
