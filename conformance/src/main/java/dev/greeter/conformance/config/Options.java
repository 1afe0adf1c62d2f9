package dev.greeter.conformance.config;

import dev.greeter.conformance.spec.Area;
import dev.greeter.conformance.spec.Defaults;
import dev.greeter.conformance.spec.Rule;
import dev.greeter.conformance.spec.Transport;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * The options of a run, as the {@code conformance} command reads them (a picocli mixin) and the library
 * ({@code dev.greeter.conformance.api}) gives them, checked in one place: both accept and refuse the same.
 * {@link #plan()} turns them into a {@link Plan}; a refused value is an {@link IllegalArgumentException}
 * with the one line the command prints.
 */
public final class Options {

    static final String OWN_IMAGE = "greeter:latest";

    @Option(names = "--server", paramLabel = "[NAME=]IMAGE",
            description = "Image whose default command starts a server under test; repeat for several. NAME names its column (default: the image).")
    List<String> servers = new ArrayList<>();

    @Option(names = "--client", paramLabel = "[NAME=]IMAGE",
            description = "Image that runs a client under test; repeat for several. NAME names its column (default: the image).")
    List<String> clients = new ArrayList<>();

    @Option(names = "--server-build", paramLabel = "[NAME=]DIR",
            description = "Build the server image from DIR/Dockerfile, judge it as --server would, and remove it at the end; repeat for"
                    + " several. NAME names its column (default: DIR). Not with --server.")
    List<String> serverBuilds = new ArrayList<>();

    @Option(names = "--client-build", paramLabel = "[NAME=]DIR",
            description = "Build the client image from DIR/Dockerfile, judge it as --client would, and remove it at the end; repeat for"
                    + " several. NAME names its column (default: DIR). Not with --client.")
    List<String> clientBuilds = new ArrayList<>();

    @Option(names = "--parallel", paramLabel = "N", defaultValue = "2",
            description = "Judge at most N implementations at a time (1-4; default: ${DEFAULT-VALUE}).")
    int parallel;

    @Option(names = "--areas-at-once", paramLabel = "N", defaultValue = "" + HarnessConfig.DEFAULT_AREAS_AT_ONCE,
            description = "Judge at most N units of one implementation at a time: client rules, each on its own probe and run, and the"
                    + " lanes of the transports judged (a transport's server areas are one lane, one server handed from area to area);"
                    + " 1 runs them one after another (1-" + HarnessConfig.MAX_AREAS_AT_ONCE + "; default: ${DEFAULT-VALUE}).")
    int areasAtOnce;

    @Option(names = "--repeat", paramLabel = "N", defaultValue = "1",
            description = "Judge each implementation N times, on fresh containers each time (1-" + HarnessConfig.MAX_REPEAT
                    + "; default: ${DEFAULT-VALUE}); a rule that failed in any run fails, one that also passed is reported FLAKY.")
    int repeat;

    @Option(names = "--no-interop", description = "Do not run every client against every server.")
    boolean noInterop;

    @Option(names = "--server-args", paramLabel = "ARGS",
            description = "Arguments for the server image, space-separated, as in `docker run IMAGE ARGS` (they replace its CMD).")
    String serverArgs;

    @Option(names = "--client-args", paramLabel = "ARGS",
            description = "Arguments for the client image, space-separated, as in `docker run IMAGE ARGS` (they replace its CMD).")
    String clientArgs;

    @Option(names = "--port", paramLabel = "N", defaultValue = "" + Defaults.PORT, description = "Port the server listens on and the client connects to (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--greeting", paramLabel = "TEXT", defaultValue = Defaults.GREETING, description = "The greeting the server sends (default: '${DEFAULT-VALUE}').")
    String greeting;

    @Option(names = "--backlog", paramLabel = "N", defaultValue = "" + Defaults.BACKLOG, description = "Listen backlog the server declares (default: ${DEFAULT-VALUE}).")
    int backlog;

    @Option(names = "--transport", paramLabel = "T", split = ",", defaultValue = "tcp",
            description = "Transports to judge, comma-separated: tcp, udp, unix (default: ${DEFAULT-VALUE}). Rules of the others are not part of the run.")
    List<String> transports;

    @Option(names = "--path", paramLabel = "PATH", defaultValue = Defaults.UNIX_PATH,
            description = "Where the Unix-domain server listens and the client connects (default: ${DEFAULT-VALUE}); the harness mounts a volume at its directory.")
    String path;

    @Option(names = "--only", paramLabel = "RULES", split = ",", description = "Judge only these: rule ids (2.3), sections (2) or areas (greeting), comma-separated.")
    List<String> only = List.of();

    @Option(names = "--exclude", paramLabel = "RULES", split = ",", description = "Do not judge these (same forms as --only).")
    List<String> exclude = List.of();

    @Option(names = "--report-dir", paramLabel = "DIR",
            description = "Write DIR/conformance.json, DIR/TEST-conformance.xml (JUnit), DIR/index.html and DIR/summary.md (Markdown).")
    Path reportDir;

    @Option(names = "--captures", paramLabel = "WHICH",
            description = "Packet captures in the report directory, DIR/captures/RULE-IMPLEMENTATION.pcap (classic pcap, for tcpdump -r or"
                    + " Wireshark), each at most 4 MiB: failed (of every rule that did not pass; the default with --report-dir), all, or none.")
    String captures;

    @Option(names = "--probe-image", paramLabel = "IMAGE",
            description = "Image with java on PATH in which the harness runs its probe (default: in the harness's image, the probe image"
                    + " published beside it, tagged with the harness's version; else " + HarnessConfig.DEFAULT_PROBE_IMAGE + ", built by ci/base-image).")
    String probeImage;

    @Option(names = "--no-hardening", description = "Run implementations with a writable root file system, their default capabilities"
            + " and privileges (by default: read-only, all capabilities dropped, no-new-privileges). Limits still apply.")
    boolean noHardening;

    @Option(names = "--hardened", hidden = true, description = "The default since SPEC 2.0; accepted for old scripts.")
    boolean hardened;

    @Option(names = "--memory", paramLabel = "SIZE", defaultValue = "256m",
            description = "Memory limit of an implementation's container, swap included: bytes, or with k, m or g (default: ${DEFAULT-VALUE}).")
    String memory;

    @Option(names = "--pids-limit", paramLabel = "N", defaultValue = "" + Isolation.DEFAULT_PIDS,
            description = "Most processes and threads in an implementation's container (default: ${DEFAULT-VALUE}).")
    long pids;

    @Option(names = "--nofile", paramLabel = "N", defaultValue = "" + Isolation.DEFAULT_NOFILE,
            description = "Open-file limit of an implementation (default: ${DEFAULT-VALUE}); rule 3.2 sends 50 more successive clients than this.")
    int nofile;

    @Option(names = "--cpus", paramLabel = "N", defaultValue = "1",
            description = "CPU limit of an implementation's container, in cores (0.1-64; default: ${DEFAULT-VALUE}).")
    double cpus;

    @Option(names = "--time-scale", paramLabel = "F", defaultValue = "1",
            description = "Multiply every time bound by F (1-50; default: ${DEFAULT-VALUE}): on a loaded machine the suite runs slower instead of failing.")
    double timeScale;

    @Option(names = "--expect-failures", paramLabel = "FILE",
            description = "Rule ids the implementation is known to fail, one a line, '#' for the reason: reported XFAIL, not fatal;"
                    + " a listed rule that passes (XPASS) fails the run.")
    Path expectFailures;

    @Option(names = "--strict", description = "Failed SHOULD rules fail the run too.")
    boolean strict;

    @Option(names = "--startup-timeout", paramLabel = "SECONDS", defaultValue = "15",
            description = "How long a server may take to start listening (default: ${DEFAULT-VALUE}).")
    int startupSeconds;

    /** The plan for these arguments (the options alone, as the command line gives them); refused: an {@link IllegalArgumentException}. */
    public static Plan plan(String... args) {
        Options options = new Options();
        try {
            new CommandLine(options).parseArgs(args);
        } catch (CommandLine.PicocliException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        return options.plan();
    }

    /** The run these options describe, checked but not started; refused: an {@link IllegalArgumentException}. */
    public Plan plan() {
        HarnessConfig shared = resolve();
        return new Plan(shared, implementations(shared), parallel, !noInterop, startupSeconds, Optional.ofNullable(reportDir));
    }

    /**
     * The implementations given, in order; greeter:latest as server and client when none is, told the transport and
     * whatever else the run declares that differs from its defaults.
     */
    private List<Implementation> implementations(HarnessConfig shared) {
        List<Implementation> all = new ArrayList<>();
        boolean neither = servers.isEmpty() && clients.isEmpty() && serverBuilds.isEmpty() && clientBuilds.isEmpty();
        if (neither && shared.transports().size() > 1) {
            // One process of ours serves one transport: judged on several at once, it would fail the others' rules.
            throw new IllegalArgumentException("Invalid value for option '--transport': our image serves one transport a"
                    + " process, so judge " + String.join(", ", transports) + " one at a time, or name the images (--server, --client)");
        }
        List<String> args = clientArgs != null ? words(clientArgs) : neither ? ownArgs(shared, "client") : List.of();
        List<String> sArgs = serverArgs != null ? words(serverArgs) : neither ? ownArgs(shared, "server") : List.of();
        try {
            for (String s : neither ? List.of(OWN_IMAGE) : servers) {
                all.add(Implementation.parse(Area.Role.SERVER, s, sArgs));
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Invalid value for option '--server'/'--client': " + e.getMessage());
        }
        for (String s : serverBuilds) {
            all.add(build(Area.Role.SERVER, s, sArgs));
        }
        try {
            for (String c : neither ? List.of(OWN_IMAGE) : clients) {
                all.add(Implementation.parse(Area.Role.CLIENT, c, args));
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Invalid value for option '--server'/'--client': " + e.getMessage());
        }
        for (String c : clientBuilds) {
            all.add(build(Area.Role.CLIENT, c, args));
        }
        java.util.Set<String> names = new java.util.HashSet<>();
        for (Implementation i : all) {
            if (!names.add(i.roleName() + " " + i.name())) {
                throw new IllegalArgumentException("Invalid value for option '--" + i.roleName() + "': the name '" + i.name()
                        + "' is given twice (name them: --" + i.roleName() + " NAME=IMAGE)");
            }
        }
        boolean judgesSomething = all.stream().anyMatch(i -> java.util.Arrays.stream(Rule.values())
                .anyMatch(r -> shared.selection().includes(r) && shared.judgesTransportOf(r) && r.area().role() == i.role()));
        if (!judgesSomething) {
            throw new IllegalArgumentException("Invalid value for option '--only'/'--exclude': no selected rule is of a role"
                    + " given (" + String.join(", ", all.stream().map(Implementation::roleName).distinct().toList()) + "), so nothing would be judged");
        }
        return all;
    }

    private static Implementation build(Area.Role role, String spec, List<String> args) {
        try {
            return Implementation.parseBuild(role, spec, args);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Invalid value for option '--" + role.name().toLowerCase(java.util.Locale.ROOT)
                    + "-build': " + e.getMessage());
        }
    }

    /**
     * Our image's arguments for the run's one transport: its command, then only what differs from the protocol's
     * defaults (a default TCP server keeps the image's own command). The options are the app's (`greeter server --help`).
     */
    private static List<String> ownArgs(HarnessConfig run, String command) {
        Transport transport = run.transports().iterator().next();
        boolean server = command.equals("server");
        List<String> args = new ArrayList<>(List.of(command));
        if (transport != Transport.TCP) {
            args.addAll(List.of("--transport", transport.name().toLowerCase(java.util.Locale.ROOT)));
        }
        if (transport == Transport.UNIX) {
            if (!run.path().equals(Defaults.UNIX_PATH)) {
                args.addAll(List.of("--path", run.path()));
            }
        } else if (run.port() != Defaults.PORT) {
            args.addAll(List.of("--port", String.valueOf(run.port())));
        }
        if (server && !run.greeting().equals(Defaults.GREETING)) {
            args.addAll(List.of("--greeting", run.greeting()));
        }
        if (server && transport != Transport.UDP && run.backlog() != Defaults.BACKLOG) {
            args.addAll(List.of("--backlog", String.valueOf(run.backlog())));
        }
        return server && args.equals(List.of("server")) ? List.of() : List.copyOf(args);
    }

    private HarnessConfig resolve() {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("Invalid value for option '--port': " + port + " is not a port (1-65535)");
        }
        if (backlog < 0 || backlog > 65535) {
            throw new IllegalArgumentException("Invalid value for option '--backlog': " + backlog + " is not in 0-65535");
        }
        if (greeting.isEmpty()) {
            throw new IllegalArgumentException("Invalid value for option '--greeting': the greeting cannot be empty");
        }
        if (!(timeScale >= 1 && timeScale <= 50)) {
            throw new IllegalArgumentException("Invalid value for option '--time-scale': " + timeScale + " is not in 1-50");
        }
        if (pids < 1 || pids > 1_000_000) {
            throw new IllegalArgumentException("Invalid value for option '--pids-limit': " + pids + " is not in 1-1000000");
        }
        if (nofile < 64 || nofile > 65_536) {
            throw new IllegalArgumentException("Invalid value for option '--nofile': " + nofile + " is not in 64-65536");
        }
        long memoryBytes = bytes(memory);
        if (!(cpus >= 0.1 && cpus <= 64)) {
            throw new IllegalArgumentException("Invalid value for option '--cpus': " + cpus + " is not in 0.1-64");
        }
        Expectations expectations = Expectations.none();
        if (expectFailures != null) {
            try {
                expectations = Expectations.read(expectFailures);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("Invalid value for option '--expect-failures': " + e.getMessage());
            }
        }
        if (startupSeconds < 1 || startupSeconds > 600) {
            throw new IllegalArgumentException("Invalid value for option '--startup-timeout': " + startupSeconds + " is not in 1-600");
        }
        if (parallel < 1 || parallel > 4) {
            throw new IllegalArgumentException("Invalid value for option '--parallel': " + parallel + " is not in 1-4");
        }
        if (areasAtOnce < 1 || areasAtOnce > HarnessConfig.MAX_AREAS_AT_ONCE) {
            throw new IllegalArgumentException("Invalid value for option '--areas-at-once': " + areasAtOnce + " is not in 1-"
                    + HarnessConfig.MAX_AREAS_AT_ONCE);
        }
        if (repeat < 1 || repeat > HarnessConfig.MAX_REPEAT) {
            throw new IllegalArgumentException("Invalid value for option '--repeat': " + repeat + " is not in 1-" + HarnessConfig.MAX_REPEAT);
        }
        // One role's implementations are all images or all directories: a column is one or the other, and a run that
        // names both for one role is more likely a mistake (the image already built from the directory) than a plan.
        if (!servers.isEmpty() && !serverBuilds.isEmpty()) {
            throw new IllegalArgumentException("--server and --server-build are mutually exclusive: judge the image or build it from the directory");
        }
        if (!clients.isEmpty() && !clientBuilds.isEmpty()) {
            throw new IllegalArgumentException("--client and --client-build are mutually exclusive: judge the image or build it from the directory");
        }
        boolean anyServer = !servers.isEmpty() || !serverBuilds.isEmpty();
        boolean anyClient = !clients.isEmpty() || !clientBuilds.isEmpty();
        if (clientArgs != null && !anyClient && anyServer) {
            throw new IllegalArgumentException("--client-args given without --client");
        }
        if (serverArgs != null && !anyServer && anyClient) {
            throw new IllegalArgumentException("--server-args given without --server");
        }
        java.util.Set<Transport> judged = java.util.EnumSet.noneOf(Transport.class);
        try {
            transports.forEach(t -> judged.add(Transport.parse(t)));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Invalid value for option '--transport': " + e.getMessage());
        }
        // sun_path holds 108 bytes with its terminating NUL.
        if (!path.startsWith("/") || path.endsWith("/") || path.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 107) {
            throw new IllegalArgumentException("Invalid value for option '--path': '" + path
                    + "' is not an absolute file path of at most 107 bytes");
        }
        SocketPath.check(path);
        Selection selection;
        try {
            selection = new Selection(only, exclude);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Invalid value for option '--only'/'--exclude': " + e.getMessage());
        }
        selection.outside(judged).ifPresent(p -> {
            throw new IllegalArgumentException("Invalid value for option '--only'/'--exclude': '" + p
                    + "' names rules of a transport not judged (add it with --transport; judged: "
                    + String.join(", ", judged.stream().map(Transport::id).toList()) + ")");
        });
        return new HarnessConfig(Optional.empty(), Optional.empty(), List.of(), List.of(), port, greeting, backlog, judged, path, selection,
                probeImage != null ? probeImage : defaultProbeImage(System.getenv(), HarnessConfig.harnessVersion()),
                new Isolation(!noHardening, memoryBytes, pids, nofile, Math.round(cpus * 1000)),
                Bounds.defaults().withStartup(Duration.ofSeconds(startupSeconds)).scaled(timeScale), timeScale, expectations, strict,
                areasAtOnce, repeat, captures());
    }

    /** --captures, resolved: nowhere without a report directory, where they would go. */
    private Captures captures() {
        Captures.Mode mode;
        try {
            mode = captures == null ? Captures.Mode.FAILED : Captures.Mode.parse(captures);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Invalid value for option '--captures': " + e.getMessage());
        }
        if (reportDir == null) {
            if (captures != null && mode != Captures.Mode.NONE) {
                throw new IllegalArgumentException("--captures " + captures + " given without --report-dir, where captures go");
            }
            return Captures.none();
        }
        return Captures.into(mode, reportDir);
    }

    /**
     * The harness's image names the repository of the probe image published beside it (GREETER_PROBE_REPOSITORY), and the
     * harness takes the tag of its own version from it: a pulled harness finds its probe with no local build. Elsewhere
     * (a jar built here) the probe runs in the base image ci/base-image builds.
     */
    static String defaultProbeImage(java.util.Map<String, String> env, String harnessVersion) {
        String repository = env.getOrDefault(PROBE_REPOSITORY_ENV, "").strip();
        return repository.isEmpty() ? HarnessConfig.DEFAULT_PROBE_IMAGE : repository + ":" + harnessVersion;
    }

    static final String PROBE_REPOSITORY_ENV = "GREETER_PROBE_REPOSITORY";

    /** Docker's size notation: a whole number of bytes, or with k, m or g; at least the engine's 6 MiB. */
    private long bytes(String size) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d{1,12})([bkmg]?)").matcher(size.trim().toLowerCase(java.util.Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("Invalid value for option '--memory': '" + size + "' is not a size like 256m");
        }
        int shift = switch (m.group(2)) {
            case "k" -> 10;
            case "m" -> 20;
            case "g" -> 30;
            default -> 0;
        };
        long number = Long.parseLong(m.group(1));
        // Compared before the shift: 17179869185g shifted would wrap around to 1 GiB and pass.
        if (number > (1L << 40) >> shift || (number << shift) < (6L << 20)) {
            throw new IllegalArgumentException("Invalid value for option '--memory': '" + size + "' is not between 6m and 1024g");
        }
        return number << shift;
    }

    private static List<String> words(String s) {
        return Arrays.stream(s.trim().split("\\s+")).filter(w -> !w.isEmpty()).toList();
    }
}
