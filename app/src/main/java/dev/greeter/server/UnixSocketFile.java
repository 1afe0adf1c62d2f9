package dev.greeter.server;

import java.io.IOException;
import java.net.ConnectException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Objects;

/**
 * The file a Unix-domain server listens on: claimed before bind, made connectable after it, and removed on stop
 * only while it is still the one this server made.
 *
 * <p>bind(2) on an existing path fails with EADDRINUSE whether or not anyone listens there, and a server that
 * was killed leaves its file behind. So a path that exists is probed with a connect: ECONNREFUSED means nobody
 * listens (stale: removed, then bound); a connection, or EAGAIN (a live server with a full queue), means another
 * server has it, which is left alone.
 */
final class UnixSocketFile {

    /** S_IFMT and S_IFSOCK of stat(2)'s st_mode. */
    private static final int FILE_TYPE = 0170000;
    private static final int SOCKET = 0140000;

    private final Path path;
    private Object identity;

    private UnixSocketFile(Path path) {
        this.path = path;
    }

    /**
     * Makes {@code path} free to bind: its directory must exist and be writable, and a file there must be a stale
     * socket, which is removed.
     *
     * @throws PathTakenException when a live server answers there, or the file is not a socket
     * @throws IOException        when the directory is missing or not writable, or the stale file cannot be removed,
     *                            saying which
     */
    static UnixSocketFile claim(Path path) throws IOException {
        Path directory = path.toAbsolutePath().getParent();
        if (!Files.isDirectory(directory)) {
            throw new IOException("directory " + directory + " does not exist (mount a writable one there)");
        }
        if (!Files.isWritable(directory)) {
            throw new IOException("directory " + directory + (Files.getFileStore(directory).isReadOnly()
                    ? " is on a read-only file system (mount a writable one there)"
                    : " is not writable by " + user() + " (chmod 1777 it, or chown it)"));
        }
        BasicFileAttributes existing;
        try {
            existing = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return new UnixSocketFile(path);
        }
        if (!isSocket(path, existing)) {
            throw new PathTakenException(path + " exists and is not a socket; not removing it");
        }
        if (answers(path)) {
            throw new PathTakenException("another server is listening on " + path);
        }
        try {
            Files.delete(path);
        } catch (NoSuchFileException e) {
            // Its own server removed it meanwhile: free either way.
        } catch (IOException e) {
            throw new IOException("cannot remove the stale socket " + path + ": " + e.getMessage(), e);
        }
        return new UnixSocketFile(path);
    }

    /**
     * After bind: remembers which file this server made, and lets any local user connect (mode 0666), as anyone who
     * can reach a TCP port can connect to it. Access is then decided by the directory, which the user mounts.
     */
    void bound() throws IOException {
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-rw-rw-"));
        identity = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
    }

    /** On stop: removes the file if it is still the one {@link #bound()} saw, never another server's that replaced it. */
    void remove() {
        if (identity == null) {
            return;
        }
        try {
            Object now = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
            if (Objects.equals(now, identity)) {
                Files.delete(path);
            }
        } catch (IOException e) {
            // Gone already, or the directory went read-only: the next start finds a stale file and removes it then.
        }
        identity = null;
    }

    /** "uid 65532", as the image runs: the number a user needs for chown, with or without an /etc/passwd. */
    private static String user() {
        try {
            return "uid " + Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return "this user";
        }
    }

    private static boolean isSocket(Path path, BasicFileAttributes attributes) throws IOException {
        if (!attributes.isOther()) {
            return false;
        }
        try {
            return ((Integer) Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS) & FILE_TYPE) == SOCKET;
        } catch (UnsupportedOperationException e) {
            // No "unix" view: a socket is one of the "other" files, and connect() tells the rest.
            return true;
        }
    }

    /**
     * Non-blocking, so a live server with a full accept queue answers EAGAIN at once instead of keeping the caller
     * waiting: that is a live server too.
     */
    private static boolean answers(Path path) throws IOException {
        try (SocketChannel probe = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            probe.configureBlocking(false);
            probe.connect(UnixDomainSocketAddress.of(path));
            return true;
        } catch (ConnectException e) {
            return false;
        } catch (IOException e) {
            if ("Resource temporarily unavailable".equals(e.getMessage())) {
                return true;
            }
            throw new IOException("cannot probe " + path + ": " + e.getMessage(), e);
        }
    }
}
