package dev.greeter.conformance.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** A report directory: conformance.json, TEST-conformance.xml (JUnit), index.html and summary.md, all from one {@link Document}. */
public final class ReportDir {

    private ReportDir() {
    }

    /** Writes every format; returns the files written. */
    public static List<Path> write(Document doc, Path dir) throws IOException {
        Files.createDirectories(dir);
        Path json = dir.resolve(JsonReport.FILE);
        Path junit = dir.resolve(JunitXmlReport.FILE);
        Path html = dir.resolve(HtmlReport.FILE);
        Path md = dir.resolve(MarkdownReport.FILE);
        JsonReport.write(doc, json);
        JunitXmlReport.write(doc, junit);
        HtmlReport.write(doc, html);
        MarkdownReport.write(doc, md);
        List<Path> written = List.of(json, junit, html, md);
        takeOwnerOf(dir, written);
        takeOwnerOf(dir, captures(dir));
        return written;
    }

    /**
     * The packet captures of merged runs ({@code captures/*.pcap} of each shard's directory) into the merged report's, so
     * that its links lead to them: the first shard's file of a name is kept (a name is a rule's and an implementation's).
     */
    public static void copyCaptures(List<Path> shards, Path dir) throws IOException {
        Path target = dir.resolve(dev.greeter.conformance.config.Captures.SUBDIRECTORY);
        for (Path shard : shards) {
            Path source = shard.resolve(dev.greeter.conformance.config.Captures.SUBDIRECTORY);
            if (!Files.isDirectory(source) || Files.isSameFile(shard, dir)) {
                continue;
            }
            List<Path> files;
            try (java.util.stream.Stream<Path> listed = Files.list(source)) {
                files = listed.filter(f -> f.getFileName().toString().endsWith(".pcap") && Files.isRegularFile(f, java.nio.file.LinkOption.NOFOLLOW_LINKS))
                        .toList();
            }
            for (Path f : files) {
                Files.createDirectories(target);
                Path to = target.resolve(f.getFileName().toString());
                if (!Files.exists(to)) {
                    Files.copy(f, to);
                }
            }
        }
        takeOwnerOf(dir, captures(dir));
    }

    /** The packet captures the run wrote (--captures), and their directory. */
    private static List<Path> captures(Path dir) throws IOException {
        Path captures = dir.resolve(dev.greeter.conformance.config.Captures.SUBDIRECTORY);
        if (!Files.isDirectory(captures)) {
            return List.of();
        }
        try (java.util.stream.Stream<Path> files = Files.list(captures)) {
            return java.util.stream.Stream.concat(java.util.stream.Stream.of(captures), files.filter(f -> f.toString().endsWith(".pcap"))).toList();
        }
    }

    /**
     * The harness's image runs as root (it must open the engine's socket), so in a directory mounted from the host
     * (docker run -v "$PWD/report:/report") its files would belong to root there; they take the directory's owner
     * instead, so that the host user who made it can also remove them. Only root can give files away: elsewhere
     * they already belong to the user who owns the directory, or stay as they are.
     */
    private static void takeOwnerOf(Path dir, List<Path> files) {
        try {
            Object uid = Files.getAttribute(dir, "unix:uid");
            Object gid = Files.getAttribute(dir, "unix:gid");
            for (Path f : files) {
                if (!uid.equals(Files.getAttribute(f, "unix:uid")) || !gid.equals(Files.getAttribute(f, "unix:gid"))) {
                    Files.setAttribute(f, "unix:uid", uid);
                    Files.setAttribute(f, "unix:gid", gid);
                }
            }
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            // Not root, or no unix attributes: the files keep the owner that wrote them, readable as before.
        }
    }
}
