package dev.greeter.conformance.config;

/**
 * A rule's packet capture as the report names it.
 *
 * @param file     the pcap file, relative to the report directory ({@code captures/4.1-plain.pcap}); empty when none was written
 * @param packets  packets in the file
 * @param bytes    the file's length
 * @param notKept  packets seen after the file reached its bound (4 MiB), counted and not kept: the file is truncated
 * @param problem  why the capture is missing or incomplete (the probe could not capture, say); empty when nothing went wrong
 */
public record CaptureFile(String file, long packets, long bytes, long notKept, String problem) {

    public CaptureFile {
        file = file == null ? "" : file;
        problem = problem == null ? "" : problem;
    }

    public boolean truncated() {
        return notKept > 0;
    }

    /** What a reader must know besides the file: it was cut at the bound, or something kept it from being whole. */
    public String note() {
        String cut = truncated() ? "truncated at the bound of " + (Captures.LIMIT_BYTES >> 20) + " MiB: " + notKept
                + " more packets were seen and not kept" : "";
        return cut.isEmpty() ? problem : problem.isEmpty() ? cut : cut + "; " + problem;
    }
}
