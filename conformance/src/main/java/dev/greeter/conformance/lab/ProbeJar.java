package dev.greeter.conformance.lab;

import dev.greeter.conformance.probe.ProbeAgent;
import dev.greeter.conformance.config.HarnessException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/**
 * The probe package as a jar, built in memory from wherever the harness's own classes are (a
 * directory under Maven, a jar otherwise), so the probe always matches the harness that talks to it.
 */
final class ProbeJar {

    private static final String PACKAGE = ProbeAgent.class.getPackageName().replace('.', '/') + "/";
    private static byte[] cached;

    private ProbeJar() {
    }

    static synchronized byte[] bytes() {
        if (cached == null) {
            cached = build();
        }
        return cached;
    }

    private static byte[] build() {
        try {
            Path source = Path.of(ProbeAgent.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (JarOutputStream jar = new JarOutputStream(out)) {
                for (Entry e : Files.isDirectory(source) ? fromDirectory(source) : fromJar(source)) {
                    JarEntry entry = new JarEntry(e.name());
                    entry.setTime(0);
                    jar.putNextEntry(entry);
                    jar.write(e.bytes());
                    jar.closeEntry();
                }
            }
            return out.toByteArray();
        } catch (IOException | URISyntaxException e) {
            throw new HarnessException("cannot package the probe from the harness's classes: " + e, e);
        }
    }

    private record Entry(String name, byte[] bytes) {
    }

    private static List<Entry> fromDirectory(Path root) throws IOException {
        List<Entry> entries = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root.resolve(PACKAGE))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".class")).sorted().toList()) {
                entries.add(new Entry(root.relativize(f).toString().replace('\\', '/'), Files.readAllBytes(f)));
            }
        }
        return entries;
    }

    private static List<Entry> fromJar(Path jarPath) throws IOException {
        List<Entry> entries = new ArrayList<>();
        try (JarFile jar = new JarFile(jarPath.toFile())) {
            Enumeration<JarEntry> all = jar.entries();
            while (all.hasMoreElements()) {
                JarEntry e = all.nextElement();
                if (e.getName().startsWith(PACKAGE) && e.getName().endsWith(".class")) {
                    try (InputStream in = jar.getInputStream(e)) {
                        entries.add(new Entry(e.getName(), in.readAllBytes()));
                    }
                }
            }
        }
        return entries;
    }
}
