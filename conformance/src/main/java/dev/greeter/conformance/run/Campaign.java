package dev.greeter.conformance.run;

import dev.greeter.conformance.config.HarnessConfig;
import dev.greeter.conformance.config.Implementation;
import dev.greeter.conformance.config.Selection;
import dev.greeter.conformance.lab.ClientStage;
import dev.greeter.conformance.lab.ImplementationExited;
import dev.greeter.conformance.lab.Lab;
import dev.greeter.conformance.lab.ServerStage;
import dev.greeter.conformance.probe.Printable;
import dev.greeter.conformance.spec.Area;
import dev.greeter.conformance.spec.Transport;
import dev.greeter.conformance.spec.Verdict;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * A run of several implementations: each is judged against the suite on its own (its own lab, its own
 * verdicts, exactly as a run of that image alone), at most {@code parallel} at a time; then, with at
 * least one server and one client, every client is run against every server (interop). With {@code --repeat N} each
 * implementation is judged N times, one run after another on fresh containers, and its report is the runs' combined
 * ({@link RepeatedRuns}); interop is tried once.
 */
public final class Campaign {

    /** What judging one implementation gave. {@code digest} identifies the image's content (see {@link Lab#imageDigest}). */
    public record Judged(Implementation implementation, Report report, String digest) {
    }

    public record Outcome(Instant started, Duration elapsed, List<Judged> judged, List<InteropResult> interop) {

        /** 2 if the harness broke on any implementation, else 1 if any does not conform, else 0. Interop is not counted. */
        public int exitStatus() {
            return judged.stream().mapToInt(j -> j.report().exitStatus()).max().orElse(Report.CONFORMS);
        }
    }

    /** Told each verdict as it is reached: of which implementation, in which of the {@code runs} runs (1-based). */
    @FunctionalInterface
    public interface Progress {
        void rule(Implementation implementation, int run, int runs, RuleResult result);
    }

    private Campaign() {
    }

    public static Outcome run(SuiteRunner suite, HarnessConfig shared, List<Implementation> implementations, int parallel,
                              boolean interop, Progress progress, Consumer<InteropResult> interopProgress) {
        Instant started = Instant.now();
        long start = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, parallel), r -> {
            Thread t = new Thread(r, "campaign");
            t.setDaemon(true);
            return t;
        });
        try {
            List<CompletableFuture<Judged>> runs = new ArrayList<>();
            for (Implementation i : implementations) {
                runs.add(CompletableFuture.supplyAsync(() -> new Judged(i, judge(suite, i.judgedBy(shared), i, progress),
                        Lab.imageDigest(i.image())), pool));
            }
            List<Judged> judged = runs.stream().map(CompletableFuture::join).toList();
            List<InteropResult> cells = new ArrayList<>();
            // Interop pairs a client with a server over TCP, the transport every implementation has.
            if (interop && shared.transports().contains(Transport.TCP)) {
                List<CompletableFuture<InteropResult>> pairs = new ArrayList<>();
                for (Implementation c : implementations) {
                    for (Implementation s : implementations) {
                        if (c.role() == Area.Role.CLIENT && s.role() == Area.Role.SERVER) {
                            pairs.add(CompletableFuture.supplyAsync(() -> {
                                InteropResult r = interop(suite, shared, s, c);
                                interopProgress.accept(r);
                                return r;
                            }, pool));
                        }
                    }
                }
                pairs.forEach(p -> cells.add(p.join()));
            }
            return new Outcome(started, Duration.ofNanos(System.nanoTime() - start), judged, cells);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Judges one implementation {@code config.repeat()} times, one run after another, each a run of the suite as if alone. */
    static Report judge(SuiteRunner suite, HarnessConfig config, Implementation i, Progress progress) {
        int runs = config.repeat();
        if (runs == 1) {
            return suite.run(config, r -> progress.rule(i, 1, 1, r));
        }
        List<Report> reports = new ArrayList<>();
        for (int n = 1; n <= runs; n++) {
            int run = n;
            reports.add(suite.run(config, r -> progress.rule(i, run, runs, r)));
        }
        return RepeatedRuns.combine(reports);
    }

    /** Runs {@code client} once against a fresh {@code server}, each as it would be judged (same isolation, same bounds). */
    static InteropResult interop(SuiteRunner suite, HarnessConfig shared, Implementation server, Implementation client) {
        HarnessConfig pair = new HarnessConfig(Optional.of(server.image()), Optional.of(client.image()), server.args(), client.args(), shared.port(),
                shared.greeting(), shared.backlog(), shared.transports(), shared.path(), new Selection(List.of("client"), List.of()), shared.probeImage(), shared.isolation(),
                shared.bounds(), shared.timeScale(), shared.expectations(), shared.strict(), shared.areasAtOnce());
        String expected = "the client exits 0 and prints the server's greeting "
                + Printable.quote(shared.greeting().getBytes(StandardCharsets.UTF_8), 64);
        long start = System.nanoTime();
        Lab lab;
        try {
            lab = suite.openLab(pair);
        } catch (RuntimeException e) {
            return new InteropResult(client.name(), server.name(), Verdict.ERROR, null, expected,
                    "harness error: " + Printable.escape(String.valueOf(e.getMessage()), 500), "", "", 0);
        }
        try (ServerStage stage = lab.serverStage()) {
            stage.start();
            ServerStage.Readiness ready = stage.awaitAccepting();
            if (!ready.ready()) {
                return new InteropResult(client.name(), server.name(), Verdict.FAIL, null, expected,
                        "the server was not ready for a client: " + ready.account(), "", "", millisSince(start));
            }
            ClientStage.ClientRun run = stage.runClient(pair.bounds().client());
            boolean printed = run.stdout().contains(shared.greeting());
            boolean ok = run.exited() && run.exitCode() != null && run.exitCode() == 0 && printed;
            String stdout = Printable.quote(run.stdout().getBytes(StandardCharsets.UTF_8), 200);
            String observed = (run.exited() ? "exit status " + run.exitCode() + " " + run.after()
                    : "still running after " + pair.bounds().client().toMillis() + " ms (removed)")
                    + "; printed " + stdout + (printed ? " (the greeting)" : " (not the greeting)")
                    + (run.stderr().isBlank() ? "" : "; stderr " + Printable.quote(run.stderr().strip().getBytes(StandardCharsets.UTF_8), 200));
            return new InteropResult(client.name(), server.name(), ok ? Verdict.PASS : Verdict.FAIL, run.exited() ? run.exitCode() : null,
                    expected, observed, Printable.escape(run.stdout(), 2000), Printable.escape(run.stderr(), 2000), run.millis());
        } catch (ImplementationExited x) {
            return new InteropResult(client.name(), server.name(), Verdict.FAIL, null, expected, x.getMessage(), "", "", millisSince(start));
        } catch (RuntimeException e) {
            return new InteropResult(client.name(), server.name(), Verdict.ERROR, null, expected,
                    "harness error: " + Printable.escape(String.valueOf(e.getMessage()), 500), "", "", millisSince(start));
        } finally {
            lab.close();
        }
    }

    private static long millisSince(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }
}
