package dev.greeter.conformance.config;

import dev.greeter.conformance.spec.Area;
import dev.greeter.conformance.spec.Defaults;
import dev.greeter.conformance.spec.Rule;
import dev.greeter.conformance.spec.Transport;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.Objects;
import java.util.Optional;

/**
 * One run of the harness, resolved once from the command line (or a test) and passed down unchanged.
 *
 * @param serverImage  image whose default command starts the server under test; empty: no server checks
 * @param clientImage  image that runs the client under test with {@code clientArgs}; empty: no client checks
 * @param serverArgs   given to the server image as {@code docker run IMAGE ARGS} would; empty: its CMD
 * @param clientArgs   given to the client image as {@code docker run IMAGE ARGS} would: they replace its CMD
 * @param backlog      the listen backlog the server declares
 * @param transports   the transports judged (--transport): rules of the others are not part of the run
 * @param path         where a Unix-domain server listens and a Unix-domain client connects (--path)
 * @param probeImage   image with a Java 17+ runtime on PATH in which the harness runs its probe
 * @param isolation    hardening and resource limits for the implementations under test
 * @param bounds       every time bound, already multiplied by {@code timeScale}
 * @param timeScale    the factor the machine-dependent bounds were multiplied by (--time-scale)
 * @param expectations rules the user expects to fail (--expect-failures)
 * @param strict       failed SHOULD rules fail the run too (--strict)
 * @param areasAtOnce  at most this many areas (or client rules, each a run of its own) judged at a time (--areas-at-once)
 * @param repeat       how many times each implementation is judged, on fresh containers each time (--repeat); a rule that
 *                     failed in any run fails, and one that also passed in another is FLAKY
 * @param captures     which rules leave a packet capture, and where (--captures)
 */
public record HarnessConfig(Optional<String> serverImage, Optional<String> clientImage, List<String> serverArgs, List<String> clientArgs,
                            int port, String greeting, int backlog, Set<Transport> transports, String path,
                            Selection selection, String probeImage,
                            Isolation isolation, Bounds bounds, double timeScale, Expectations expectations, boolean strict,
                            int areasAtOnce, int repeat, Captures captures) {

    /** The base image ci/base-image builds: a jlink'd JDK 25 runtime, on which the probe (built for 17+) runs. */
    public static final String DEFAULT_PROBE_IMAGE = "greeter-base:25";

    /**
     * Units mostly wait (container starts, the rules' own time-outs). The TCP server areas are one lane whatever this is
     * (they hand one server on), so it is how many client rules, or transports' lanes, go side by side: two keep a
     * whole TCP client run at two holders, and a third would only add a container start that the engine makes one
     * after another anyway (ci/bench-suite, bench/README.md).
     */
    public static final int DEFAULT_AREAS_AT_ONCE = 2;
    public static final int MAX_AREAS_AT_ONCE = 8;

    /** A hundred runs of the whole suite take hours here: more is a mistyped number, not a measurement. */
    public static final int MAX_REPEAT = 100;

    public HarnessConfig {
        Objects.requireNonNull(serverImage);
        Objects.requireNonNull(clientImage);
        serverArgs = List.copyOf(serverArgs);
        clientArgs = List.copyOf(clientArgs);
        Objects.requireNonNull(greeting);
        if (transports.isEmpty()) {
            throw new IllegalArgumentException("no transport to judge");
        }
        transports = Collections.unmodifiableSet(EnumSet.copyOf(transports));
        Objects.requireNonNull(path);
        Objects.requireNonNull(selection);
        Objects.requireNonNull(probeImage);
        Objects.requireNonNull(isolation);
        Objects.requireNonNull(bounds);
        Objects.requireNonNull(expectations);
        if (areasAtOnce < 1 || areasAtOnce > MAX_AREAS_AT_ONCE) {
            throw new IllegalArgumentException("areas at once " + areasAtOnce + " is not in 1-" + MAX_AREAS_AT_ONCE);
        }
        if (repeat < 1 || repeat > MAX_REPEAT) {
            throw new IllegalArgumentException("repeat " + repeat + " is not in 1-" + MAX_REPEAT);
        }
        Objects.requireNonNull(captures);
    }

    /** A configuration that judges once (no --repeat) and captures nothing (--captures none). */
    public HarnessConfig(Optional<String> serverImage, Optional<String> clientImage, List<String> serverArgs, List<String> clientArgs,
                         int port, String greeting, int backlog, Set<Transport> transports, String path, Selection selection,
                         String probeImage, Isolation isolation, Bounds bounds, double timeScale, Expectations expectations,
                         boolean strict, int areasAtOnce) {
        this(serverImage, clientImage, serverArgs, clientArgs, port, greeting, backlog, transports, path, selection, probeImage,
                isolation, bounds, timeScale, expectations, strict, areasAtOnce, 1, Captures.none());
    }

    /** The lesson's port, greeting and backlog, every rule, default isolation and bounds. */
    public static HarnessConfig defaults(Optional<String> serverImage, Optional<String> clientImage, List<String> clientArgs) {
        return new HarnessConfig(serverImage, clientImage, List.of(), clientArgs, Defaults.PORT, Defaults.GREETING, Defaults.BACKLOG,
                EnumSet.of(Transport.TCP), Defaults.UNIX_PATH,
                Selection.all(), DEFAULT_PROBE_IMAGE, Isolation.defaults(), Bounds.defaults(), 1.0, Expectations.none(), false,
                DEFAULT_AREAS_AT_ONCE, 1, Captures.none());
    }

    public byte[] greetingBytes() {
        return greeting.getBytes(StandardCharsets.UTF_8);
    }

    public boolean covers(Area.Role role) {
        return role == Area.Role.SERVER ? serverImage.isPresent() : clientImage.isPresent();
    }

    /** Whether the rule belongs to this run at all: a transport not given leaves its rules out, not SKIPPED. */
    public boolean judgesTransportOf(Rule rule) {
        return transports.contains(rule.area().transport());
    }

    /** Names the implementations checked, for reports. */
    public String subject() {
        StringBuilder sb = new StringBuilder();
        serverImage.ifPresent(s -> sb.append("server ").append(s).append(serverArgs.isEmpty() ? "" : " " + String.join(" ", serverArgs)));
        clientImage.ifPresent(c -> sb.append(sb.length() > 0 ? ", " : "").append("client ").append(c)
                .append(clientArgs.isEmpty() ? "" : " " + String.join(" ", clientArgs)));
        return sb.toString();
    }

    /** The harness's version, from the properties Maven writes at build time. */
    public static String harnessVersion() {
        try (java.io.InputStream in = HarnessConfig.class.getResourceAsStream("/greeter-conformance.properties")) {
            if (in != null) {
                java.util.Properties p = new java.util.Properties();
                p.load(in);
                return p.getProperty("version", "unknown");
            }
        } catch (java.io.IOException e) {
            // Fall through.
        }
        return "unknown";
    }
}
