package dev.greeter.conformance.lab;

import dev.greeter.conformance.config.CaptureFile;
import dev.greeter.conformance.config.Captures;
import dev.greeter.conformance.probe.Pcap;
import dev.greeter.conformance.probe.ProbeReply;
import dev.greeter.conformance.probe.ProbeRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One rule's packet capture: what its holders captured ({@link RuleCaptures}), written as one pcap file when the rule
 * keeps it ({@link Captures#keeps}). A capture that fails never changes a verdict: it is a note of the rule's capture.
 */
public final class RuleCapture {

    /** The probe's pieces: under its line limit once in base64. */
    private static final int PIECE_BYTES = 1 << 20;

    private final Captures settings;
    private final String ruleId;
    private final List<byte[]> files = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();
    private RuleCaptures lab;
    private long notKept;

    RuleCapture(Captures settings, String ruleId) {
        this.settings = settings;
        this.ruleId = ruleId;
    }

    RuleCapture in(RuleCaptures captures) {
        this.lab = captures;
        return this;
    }

    /**
     * What {@code holder} captured: all of it when it is being released ({@code last}: its capture stops, and is kept
     * whatever the verdict will be), else what it captured so far, the capture going on for the rules after this one.
     */
    synchronized void take(ProbeContainer holder, String problem, boolean last) {
        if (problem != null) {
            problems.add(problem);
            return;
        }
        ProbeClient probe = holder.client();
        if (probe == null) {
            problems.add("the holder was gone before its capture was read");
            return;
        }
        try {
            ProbeReply.CaptureState state = last ? probe.call(new ProbeRequest.StopCapture(), ProbeReply.CaptureState.class)
                    : probe.call(new ProbeRequest.CaptureSoFar(), ProbeReply.CaptureState.class);
            notKept += state.notKept();
            if (!state.error().isEmpty()) {
                problems.add("the capture stopped early: " + state.error());
            }
            files.add(fetch(probe, state.bytes()));
        } catch (RuntimeException e) {
            problems.add("the capture could not be read from the holder: " + e.getMessage());
        }
    }

    private static byte[] fetch(ProbeClient probe, int length) {
        ByteArrayOutputStream file = new ByteArrayOutputStream(length);
        while (file.size() < length) {
            ProbeReply.CaptureData piece = probe.call(new ProbeRequest.CaptureBytes(file.size(), Math.min(PIECE_BYTES, length - file.size())),
                    ProbeReply.CaptureData.class);
            if (piece.bytes().length == 0) {
                break;
            }
            file.writeBytes(piece.bytes());
        }
        return file.toByteArray();
    }

    /**
     * The rule is judged ({@code passed}: its verdict was PASS): the capture is written if the rule keeps it; what the
     * report says of it, if anything.
     */
    public Optional<CaptureFile> end(boolean passed) {
        boolean keep = settings.keeps(passed);
        lab.end(this, keep);
        if (!keep) {
            return Optional.empty();
        }
        synchronized (this) {
            if (files.isEmpty()) {
                return Optional.of(new CaptureFile("", 0, 0, notKept, problems.isEmpty() ? "nothing was captured: the rule ran in no holder"
                        : String.join("; ", problems)));
            }
            try {
                Pcap.Writer merged = Pcap.merge(files, Captures.LIMIT_BYTES);
                byte[] file = merged.bytes();
                Path dir = settings.directory().orElseThrow();
                Files.createDirectories(dir);
                String name = settings.fileName(ruleId);
                Files.write(dir.resolve(name), file);
                return Optional.of(new CaptureFile(Captures.SUBDIRECTORY + "/" + name, merged.packets(), file.length,
                        notKept + merged.notKept(), String.join("; ", problems)));
            } catch (IOException | RuntimeException e) {
                problems.add("the capture could not be written: " + e);
                return Optional.of(new CaptureFile("", 0, 0, notKept, String.join("; ", problems)));
            }
        }
    }
}
