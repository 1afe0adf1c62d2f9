package dev.greeter.conformance.config;

/**
 * How an implementation under test is contained. Hardening (read-only root file system, every
 * capability dropped, no-new-privileges) is on unless the user opts out; the resource limits apply
 * either way, and the descriptor limit is one the rules rely on (3.2 sends more clients than it).
 *
 * @param hardened    read-only root, no capabilities, no-new-privileges
 * @param memoryBytes memory limit, swap included
 * @param pids        most processes and threads at once
 * @param nofile      open file descriptors (soft and hard)
 * @param cpuMillis   CPU time per second of wall time, in thousandths of a core: a busy-looping
 *                    implementation cannot starve the harness's probes (and flip timing verdicts)
 */
public record Isolation(boolean hardened, long memoryBytes, long pids, int nofile, long cpuMillis) {

    static final long DEFAULT_MEMORY = 256L << 20;
    static final long DEFAULT_PIDS = 256;
    public static final int DEFAULT_NOFILE = 256;
    static final long DEFAULT_CPU_MILLIS = 1000;

    public static Isolation defaults() {
        return new Isolation(true, DEFAULT_MEMORY, DEFAULT_PIDS, DEFAULT_NOFILE, DEFAULT_CPU_MILLIS);
    }

    public Isolation {
        if (memoryBytes < (6L << 20)) {
            throw new IllegalArgumentException("memory limit " + memoryBytes + " bytes is below the engine's minimum of 6 MiB");
        }
        if (cpuMillis < 10) {
            throw new IllegalArgumentException("CPU limit of " + cpuMillis + " thousandths of a core is too small to run anything");
        }
        if (pids < 1 || nofile < 16) {
            throw new IllegalArgumentException("pids " + pids + " or nofile " + nofile + " too small to run anything");
        }
    }

    /** One line for reports. */
    public String describe() {
        return (hardened ? "hardened (read-only root with in-memory /tmp and /run, all capabilities dropped, no-new-privileges)"
                : "not hardened (--no-hardening)") + "; limits: memory " + (memoryBytes >> 20) + " MiB, pids " + pids + ", nofile "
                + nofile + ", cpus " + cpuMillis / 1000.0 + "; network: " + network();
    }

    /**
     * What the report may say of the network, and no more. The lab refuses to run (a harness error, so no report)
     * unless a connect from its first probe to the network's gateway went unanswered, and everything off the
     * network is reached through that gateway, and every holder's IPv6 was sealed and checked (an IPv6 bridge answers
     * from the host; see lab.Ipv6Seal); so in any report, both were verified for this run. Without hardening
     * the implementation keeps the engine's NET_RAW, with which it could address frames to the bridge itself: then
     * nothing beyond the gateway's silence is claimed.
     */
    public String network() {
        return "the lab's internal network only; its gateway, the way to the host and beyond, unreachable over IPv4 and"
                + " IPv6: verified at lab start"
                + (hardened ? "" : "; not guaranteed without hardening (NET_RAW: raw frames to the bridge)");
    }
}
