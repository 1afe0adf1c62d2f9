package dev.greeter.conformance.api;

import dev.greeter.conformance.checks.Suite;
import dev.greeter.conformance.config.Options;
import dev.greeter.conformance.lab.BuiltImages;
import dev.greeter.conformance.config.Plan;
import dev.greeter.conformance.report.ConsoleReport;
import dev.greeter.conformance.report.Document;
import dev.greeter.conformance.report.ReportDir;
import dev.greeter.conformance.run.Campaign;
import dev.greeter.conformance.run.Report;
import dev.greeter.conformance.run.RuleResult;
import dev.greeter.conformance.spec.Area;
import dev.greeter.conformance.spec.Rule;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.testcontainers.utility.DockerImageName;

/**
 * Judges a server image, a client image, or one of each against SPEC.md, from the implementer's own tests.
 *
 * <pre>{@code
 * @TestFactory
 * Stream<DynamicTest> conformsToSpec() {
 *     return GreeterConformance.server(DockerImageName.parse("acme/greeter:1.0"))
 *             .port(40674).backlog(5)
 *             .dynamicTests();
 * }
 * }</pre>
 *
 * <p>Options are those of the {@code conformance} command and are checked as it checks them: a bad value is an
 * {@link IllegalArgumentException} at {@link #run()} (or at the first dynamic test) with the command's one-line
 * message. An instance is immutable; every option returns a new one. The suite needs a Docker engine and the
 * probe image (see {@link #probeImage(String)}); it starts and removes its own containers and network.
 */
public final class GreeterConformance {

    /** The option that names the server, {@code --server=IMAGE} or {@code --server-build=DIR}; the client's likewise. */
    private final Optional<String> server;
    private final Optional<String> client;
    private final List<String> options;
    private final List<String> clientArgs;

    private GreeterConformance(Optional<String> server, Optional<String> client, List<String> options, List<String> clientArgs) {
        this.server = server;
        this.client = client;
        this.options = List.copyOf(options);
        this.clientArgs = List.copyOf(clientArgs);
    }

    /** Judges the server that {@code image}'s default command starts. */
    public static GreeterConformance server(DockerImageName image) {
        return new GreeterConformance(Optional.of("--server=" + reference(image)), Optional.empty(), List.of(), List.of());
    }

    /** Judges the client {@code image} runs; give its arguments with {@link #clientArgs(String...)} unless its command is right. */
    public static GreeterConformance client(DockerImageName image) {
        return new GreeterConformance(Optional.empty(), Optional.of("--client=" + reference(image)), List.of(), List.of());
    }

    /**
     * Judges the server of the image built from {@code directory}'s {@code Dockerfile} (as {@code docker build DIR}
     * would build it), removed when the run ends; the report names the directory and the built image's id. A directory
     * without a Dockerfile is an {@link IllegalArgumentException} at {@link #run()}; a failed build a
     * {@code HarnessException} whose message ends with the build's last lines.
     */
    public static GreeterConformance serverBuild(Path directory) {
        return new GreeterConformance(Optional.of("--server-build=" + directory), Optional.empty(), List.of(), List.of());
    }

    /** Judges the client of the image built from {@code directory}'s {@code Dockerfile}, as {@link #serverBuild(Path)} does a server. */
    public static GreeterConformance clientBuild(Path directory) {
        return new GreeterConformance(Optional.empty(), Optional.of("--client-build=" + directory), List.of(), List.of());
    }

    /** Judges this client image as well, in the same run. */
    public GreeterConformance withClient(DockerImageName image) {
        return new GreeterConformance(server, Optional.of("--client=" + reference(image)), options, clientArgs);
    }

    /** Judges this server image as well, in the same run. */
    public GreeterConformance withServer(DockerImageName image) {
        return new GreeterConformance(Optional.of("--server=" + reference(image)), client, options, clientArgs);
    }

    /** Judges the client built from {@code directory} as well, in the same run (see {@link #clientBuild(Path)}). */
    public GreeterConformance withClientBuild(Path directory) {
        return new GreeterConformance(server, Optional.of("--client-build=" + directory), options, clientArgs);
    }

    /** Judges the server built from {@code directory} as well, in the same run (see {@link #serverBuild(Path)}). */
    public GreeterConformance withServerBuild(Path directory) {
        return new GreeterConformance(Optional.of("--server-build=" + directory), client, options, clientArgs);
    }

    /** The client image's arguments, as {@code docker run IMAGE ARGS} takes them: they replace its command. */
    public GreeterConformance clientArgs(String... args) {
        return new GreeterConformance(server, client, options, List.of(args));
    }

    /** The server image's arguments, as {@code docker run IMAGE ARGS} takes them: they replace its command. */
    public GreeterConformance serverArgs(String... args) {
        return with("--server-args=" + String.join(" ", args));
    }

    /** The transports to judge: {@code tcp} (the default), {@code udp}, {@code unix}; rules of the others are not part of the run. */
    public GreeterConformance transports(String... transports) {
        return with("--transport=" + String.join(",", transports));
    }

    /** Where a Unix-domain server listens and the client connects (with {@code transports("unix")}). */
    public GreeterConformance path(String path) {
        return with("--path=" + path);
    }

    /** The port the server listens on and the client connects to (default 40674). */
    public GreeterConformance port(int port) {
        return with("--port=" + port);
    }

    /** The listen backlog the server declares (default 5): rule 4.1 expects exactly {@code min(backlog, somaxconn) + 1} queued handshakes. */
    public GreeterConformance backlog(int backlog) {
        return with("--backlog=" + backlog);
    }

    /** The greeting the server sends (default the lesson's). */
    public GreeterConformance greeting(String greeting) {
        return with("--greeting=" + greeting);
    }

    /** Judges only these: rule ids ({@code 2.3}), sections ({@code 2}) or areas ({@code greeting}). */
    public GreeterConformance only(String... rules) {
        return with("--only=" + String.join(",", rules));
    }

    /** Does not judge these (same forms as {@link #only(String...)}). */
    public GreeterConformance exclude(String... rules) {
        return with("--exclude=" + String.join(",", rules));
    }

    /**
     * Rules the implementation is known to fail, one id a line with a {@code #} reason, as {@code --expect-failures}
     * reads them: such a rule's failure is XFAIL (not fatal), and its passing is XPASS (fatal: the list is stale).
     */
    public GreeterConformance expectFailures(Path file) {
        return with("--expect-failures=" + file);
    }

    /** Failed SHOULD rules fail the run (and their tests) too. */
    public GreeterConformance strict() {
        return with("--strict");
    }

    /** Multiplies every time bound by {@code factor} (1 to 50), for a loaded machine. */
    public GreeterConformance timeScale(double factor) {
        return with("--time-scale=" + factor);
    }

    /**
     * Judges at most {@code areas} areas at a time (1 to 8, default 3), each area, and each client rule, on a probe and an
     * implementation of its own; 1 judges them one after another, for a machine too busy for the default.
     */
    public GreeterConformance areasAtOnce(int areas) {
        return with("--areas-at-once=" + areas);
    }

    /**
     * Judges the implementations {@code times} times (1 to 100), on fresh containers each time: a rule that failed in any
     * run fails (its evidence that run's), and one that also passed in another is FLAKY ({@link RuleResult#flaky()}).
     */
    public GreeterConformance repeat(int times) {
        return with("--repeat=" + times);
    }

    /** How long the server may take to start listening (default 15 s; whole seconds, 1 to 600). */
    public GreeterConformance startupTimeout(Duration timeout) {
        return with("--startup-timeout=" + timeout.toSeconds());
    }

    /**
     * Runs the implementations with a writable root file system and their default capabilities. By default they run
     * hardened: read-only root, every capability dropped, no-new-privileges. The resource limits apply either way.
     */
    public GreeterConformance withoutHardening() {
        return with("--no-hardening");
    }

    /** The image, with {@code java} 17+ on its PATH, in which the harness runs its probe (default {@code greeter-base:25}). */
    public GreeterConformance probeImage(String image) {
        return with("--probe-image=" + image);
    }

    /** Also writes the report files there: {@code conformance.json}, JUnit XML, {@code index.html} and {@code summary.md}. */
    public GreeterConformance reportDir(Path dir) {
        return with("--report-dir=" + dir);
    }

    /**
     * Which rules leave a packet capture in the report directory, {@code captures/RULE-IMPLEMENTATION.pcap}:
     * {@code "failed"} (the default with {@link #reportDir}), {@code "all"} or {@code "none"}.
     */
    public GreeterConformance captures(String which) {
        return with("--captures=" + which);
    }

    /** The {@code conformance} command line that makes the same run: shown in failure messages, to reproduce one. */
    public List<String> arguments() {
        List<String> all = new ArrayList<>();
        // OPTION=VALUE throughout, so that a value starting with "-" (a greeting) is never read as an option.
        server.ifPresent(all::add);
        client.ifPresent(all::add);
        if (client.isPresent() && !clientArgs.isEmpty()) {
            all.add("--client-args=" + String.join(" ", clientArgs));
        }
        all.add("--no-interop");
        all.addAll(options);
        return List.copyOf(all);
    }

    /**
     * Runs the suite once and returns every rule's verdict: the rules of a role not given are SKIPPED. The report
     * says whether the implementations conform ({@link Report#conforms()}); this method does not throw for a FAIL.
     *
     * @throws IllegalArgumentException an option's value is refused, with the reason
     */
    public Report run() {
        return run(r -> { });
    }

    /** As {@link #run()}, telling {@code progress} each verdict as it is reached. */
    public Report run(Consumer<RuleResult> progress) {
        Plan plan = Options.plan(arguments().toArray(String[]::new));
        Campaign.Outcome outcome;
        // Built before anything is judged, removed when the run ends, as the command does.
        try (BuiltImages built = BuiltImages.build(plan.implementations(), line -> { });
             dev.greeter.conformance.lab.LabSites sites = plan.opensLabsInTurn() ? dev.greeter.conformance.lab.LabSites.kept()
                     : dev.greeter.conformance.lab.LabSites.none()) {
            outcome = Campaign.run(Suite.runner(sites), plan.shared(), built.implementations(), plan.parallel(), false,
                    (i, run, runs, r) -> progress.accept(r), x -> { });
        }
        if (plan.reportDir().isPresent()) {
            try {
                ReportDir.write(Document.of(outcome, plan.shared(), plan.startupSeconds()), plan.reportDir().get());
            } catch (IOException e) {
                throw new UncheckedIOException("writing the reports to " + plan.reportDir().get(), e);
            }
        }
        return combined(outcome, plan.shared().strict());
    }

    /**
     * One JUnit 5 dynamic test per rule of the roles and transports given, in rule order, named like
     * {@code "2.2 MUST Sends exactly the greeting"}, for a {@code @TestFactory}. The suite runs once, when the first
     * test runs, and prints a line per verdict to {@code System.out} as it is reached. PASS and XFAIL pass; FAIL (fatal), XPASS and ERROR fail with the requirement, what was expected and
     * observed, and the wire trace; SKIPPED, and a failed SHOULD rule without {@link #strict()}, abort the test with
     * the reason. Needs {@code junit-jupiter-api} on the class path (an optional dependency of this artifact).
     */
    public Stream<DynamicTest> dynamicTests() {
        Predicate<Rule> inRun;
        try {
            inRun = Options.plan(arguments().toArray(String[]::new)).shared()::judgesTransportOf;
        } catch (IllegalArgumentException e) {
            inRun = r -> true; // every test will fail with this message, when the run is attempted
        }
        List<Rule> rules = Arrays.stream(Rule.values()).filter(inRun)
                .filter(r -> r.area().role() == Area.Role.SERVER ? server.isPresent() : client.isPresent()).toList();
        // A line per verdict as it comes, as the command prints them: the run takes a minute, and the tests wait.
        ConsoleReport console = new ConsoleReport(new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true));
        return RuleTests.of(rules, () -> run(r -> console.progress(r, null)), "conformance " + String.join(" ", arguments()));
    }

    /** The implementations' reports as one: each rule's verdict from the implementation of its role. */
    static Report combined(Campaign.Outcome outcome, boolean strict) {
        List<Report> reports = outcome.judged().stream().map(Campaign.Judged::report).toList();
        List<RuleResult> results = new ArrayList<>();
        for (Rule rule : Rule.values()) {
            outcome.judged().stream().filter(j -> j.implementation().role() == rule.area().role()).findFirst()
                    .or(() -> outcome.judged().stream().findFirst())
                    .flatMap(j -> j.report().results().stream().filter(r -> r.rule() == rule).findFirst())
                    .ifPresent(results::add);
        }
        results.sort(Comparator.comparing(r -> r.rule().ordinal()));
        String subject = String.join(", ", reports.stream().map(Report::subject).toList());
        return new Report(subject, results, outcome.elapsed(), strict);
    }

    private GreeterConformance with(String option) {
        List<String> more = new ArrayList<>(options);
        more.add(option);
        return new GreeterConformance(server, client, more, clientArgs);
    }

    private static String reference(DockerImageName image) {
        return Objects.requireNonNull(image, "image").asCanonicalNameString();
    }

    @Override
    public String toString() {
        return "GreeterConformance " + String.join(" ", arguments());
    }
}
