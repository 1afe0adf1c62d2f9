package dev.greeter.conformance.probe;

import dev.greeter.conformance.probe.ProbeReply.FileKind;
import dev.greeter.conformance.probe.ProbeReply.UnixSocket;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;

/**
 * The Unix-domain stream sockets of this network namespace, from the kernel's socket diagnostics
 * ({@link UnixDiag}), never from /proc/net/unix, whose rows an abstract socket's name can forge. Like
 * {@link ListenTable} it needs nothing from the implementation.
 *
 * <p>A socket is on the path when the kernel says both that it was bound to that name (compared as
 * bytes, never decoded) and that its socket file is the file at the path now (its inode): a socket whose
 * file was since unlinked or renamed, or replaced by another server's, keeps its name but no client can
 * reach it there. The harness mounts the shared directory at the same place in the implementation's
 * container and the probe's, so the names compare as they are.
 */
final class UnixTable {

    private static final int SOCK_STREAM = 1;
    /** TCP_LISTEN: the state the kernel gives a Unix-domain socket after listen(2). */
    private static final int LISTENING = 10;
    private static final int S_IFMT = 0170000;
    private static final int S_IFSOCK = 0140000;
    /** Sockets kept per list for the report; an implementation may open any number. */
    static final int KEPT = 64;
    /** The longest name a socket can have (sun_path), for display. */
    private static final int NAME_MAX = 108;

    private UnixTable() {
    }

    static ProbeReply.UnixSockets state(String path) throws IOException {
        byte[] wanted = path.getBytes(StandardCharsets.UTF_8);
        OptionalLong file = inode(Path.of(path));
        Found found = new Found();
        UnixDiag.dump(e -> found.add(e, wanted, file));
        return new ProbeReply.UnixSockets(found.atPath(), kind(Path.of(path)), found.listening(),
                found.listeningCount(), ListenTable.somaxconn());
    }

    /** What a dump holds of interest, each list bounded. */
    static final class Found {
        private final List<UnixSocket> atPathListening = new ArrayList<>();
        private final List<UnixSocket> atPathOther = new ArrayList<>();
        private final List<UnixSocket> listening = new ArrayList<>();
        private int listeningCount;

        void add(UnixDiag.Entry e, byte[] wanted, OptionalLong file) {
            if (e.type() != SOCK_STREAM || e.name().length == 0) {
                return;
            }
            boolean isListening = e.state() == LISTENING;
            UnixSocket socket = new UnixSocket(display(e.name()), e.inode(), isListening);
            // The kernel reports the socket file's inode in 32 bits; a file system may number them in 64.
            boolean atPath = Arrays.equals(pathName(e.name()), wanted) && e.hasVfs() && file.isPresent()
                    && (file.getAsLong() & 0xffffffffL) == e.vfsInode();
            if (atPath) {
                List<UnixSocket> into = isListening ? atPathListening : atPathOther;
                if (into.size() < KEPT) {
                    into.add(socket);
                }
            }
            if (isListening) {
                listeningCount++;
                if (listening.size() < KEPT) {
                    listening.add(socket);
                }
            }
        }

        List<UnixSocket> atPath() {
            List<UnixSocket> all = new ArrayList<>(atPathOther);
            all.addAll(atPathListening);
            return List.copyOf(all);
        }

        List<UnixSocket> listening() {
            return List.copyOf(listening);
        }

        int listeningCount() {
            return listeningCount;
        }
    }

    /** A filesystem name's bytes (up to its terminating NUL, which the kernel includes); null for an abstract name. */
    static byte[] pathName(byte[] name) {
        if (name.length == 0 || name[0] == 0) {
            return null;
        }
        int end = 0;
        while (end < name.length && name[end] != 0) {
            end++;
        }
        return Arrays.copyOf(name, end);
    }

    /** For a person only: an abstract name as '@' and the rest, every byte outside printable ASCII escaped. */
    static String display(byte[] name) {
        byte[] path = pathName(name);
        if (path != null) {
            return Printable.escape(new String(path, StandardCharsets.UTF_8), NAME_MAX);
        }
        return "@" + Printable.escape(new String(name, 1, name.length - 1, StandardCharsets.UTF_8), NAME_MAX);
    }

    private static OptionalLong inode(Path path) throws IOException {
        try {
            return OptionalLong.of((Long) Files.getAttribute(path, "unix:ino", LinkOption.NOFOLLOW_LINKS));
        } catch (NoSuchFileException e) {
            return OptionalLong.empty();
        }
    }

    static FileKind kind(Path path) throws IOException {
        int mode;
        try {
            mode = (Integer) Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return FileKind.NONE;
        }
        return (mode & S_IFMT) == S_IFSOCK ? FileKind.SOCKET : FileKind.OTHER;
    }
}
