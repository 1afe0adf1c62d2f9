package dev.greeter.conformance.config;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Which rules leave a packet capture (--captures), where, and under which implementation's name: the holder's namespace
 * captured while a rule runs, written as {@code DIR/captures/RULE-IMPLEMENTATION.pcap} of the report directory.
 *
 * @param mode           which rules keep theirs
 * @param directory      where the files go (the report directory's {@code captures}); empty: nowhere, so nothing is captured
 * @param implementation the name the files carry (empty until the run's configuration is made for one implementation)
 */
public record Captures(Mode mode, Optional<Path> directory, String implementation) {

    /** Which rules keep their capture. */
    public enum Mode {
        /** No capture at all: the holder gets no NET_RAW. */
        NONE,
        /** Every rule whose verdict is not PASS (the default). */
        FAILED,
        /** Every rule judged. */
        ALL;

        public static Mode parse(String text) {
            try {
                return valueOf(text.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("'" + text + "' is not one of failed, all, none");
            }
        }
    }

    /** The subdirectory of the report directory the files go to. */
    public static final String SUBDIRECTORY = "captures";
    /** Each rule's capture stops growing here (then it is truncated, with a note): a flood fills neither disk nor memory. */
    public static final int LIMIT_BYTES = 4 << 20;

    public Captures {
        Objects.requireNonNull(mode);
        Objects.requireNonNull(directory);
        Objects.requireNonNull(implementation);
    }

    public static Captures none() {
        return new Captures(Mode.NONE, Optional.empty(), "");
    }

    /** Captures of {@code mode} into the report directory {@code reportDir}. */
    public static Captures into(Mode mode, Path reportDir) {
        return mode == Mode.NONE ? none() : new Captures(mode, Optional.of(reportDir.resolve(SUBDIRECTORY)), "");
    }

    /** These captures as one implementation's run makes them. */
    public Captures of(String implementationName) {
        return new Captures(mode, directory, implementationName);
    }

    /** Whether the holders capture at all (and so get NET_RAW). */
    public boolean active() {
        return mode != Mode.NONE && directory.isPresent();
    }

    /** Whether a rule with this outcome keeps its capture. */
    public boolean keeps(boolean passed) {
        return active() && (mode == Mode.ALL || !passed);
    }

    /** The file's name: the rule's id and the implementation's name, with anything but letters, digits, '.', '_' and '-' as '_'. */
    public String fileName(String ruleId) {
        String name = (ruleId + "-" + (implementation.isEmpty() ? "implementation" : implementation)).replaceAll("[^A-Za-z0-9._-]", "_");
        return name + ".pcap";
    }
}
