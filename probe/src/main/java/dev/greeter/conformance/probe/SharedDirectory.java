package dev.greeter.conformance.probe;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * The socket directory a holder shares with the implementations in its namespace (a Unix-domain run): emptied on a
 * reset, so that the holder can be handed on with nothing an earlier stage left there. The directory is a mount
 * point and stays; everything in it goes, links removed, never followed.
 */
final class SharedDirectory {

    /** More than this many entries is not cleared (the holder is removed instead): an implementation may fill a tmpfs with names. */
    static final int MOST_ENTRIES = 10_000;

    private SharedDirectory() {
    }

    /** Removes everything in {@code dir}; throws if that was more than {@link #MOST_ENTRIES} or anything is left. */
    static void empty(Path dir) throws IOException {
        int[] seen = {0};
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                count();
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                if (e != null) {
                    throw e;
                }
                if (!d.equals(dir)) {
                    count();
                    Files.delete(d);
                }
                return FileVisitResult.CONTINUE;
            }

            private void count() throws IOException {
                if (++seen[0] > MOST_ENTRIES) {
                    throw new IOException("more than " + MOST_ENTRIES + " entries in " + dir);
                }
            }
        });
        try (var left = Files.list(dir)) {
            if (left.findAny().isPresent()) {
                throw new IOException(dir + " is not empty after removing its entries");
            }
        }
    }
}
