package dev.greeter.conformance.checks;

import dev.greeter.conformance.lab.ClientStage;
import dev.greeter.conformance.lab.ClientStage.Ran;
import dev.greeter.conformance.lab.Lab;
import dev.greeter.conformance.probe.ProbeReply;
import dev.greeter.conformance.run.AreaChecks;
import dev.greeter.conformance.run.Finding;
import dev.greeter.conformance.run.Observed;
import dev.greeter.conformance.run.Results;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/** Client areas, whatever the transport: the client under test against the harness's scripted server, one run per rule. */
abstract class ClientAreaChecks extends AreaChecks {

    protected ClientStage stage;
    protected final java.security.SecureRandom random = new java.security.SecureRandom();

    ClientAreaChecks(Lab lab, Results results) {
        super(lab, results);
    }

    @Override
    public void setUp() {
        close();
        stage = lab.clientStage();
    }

    @Override
    public void distrust() {
        if (stage != null) {
            stage.distrust();
        }
    }

    @Override
    public void close() {
        if (stage != null) {
            stage.close();
            stage = null;
        }
    }

    /**
     * 7.5, 9.7 and 11.6: the scripted server sends {@code serverDoes} a greeting chosen at random for this run, in
     * place of the declared one ({@code run} starts it with those bytes and runs the client within the bound), and
     * the client must print it. A client that prints a text it knows passes every other rule and only this one
     * shows it.
     */
    protected Finding printsTheGreetingItReceived(String serverDoes, BiFunction<byte[], Duration, ? extends Ran> run) {
        Duration bound = config.bounds().client();
        String greeting = randomGreeting(config.greetingBytes().length, random);
        Ran ran = run.apply(greeting.getBytes(StandardCharsets.US_ASCII), bound);
        return Finding.require(ran.exited() && ran.exitCode() == 0 && ran.output().contains(greeting) && ran.reachedServer(),
                "against a server that " + serverDoes + " \"" + greeting + "\" (chosen at random for this run, in place of the"
                        + " declared greeting), the client prints output containing it and exits 0 within " + bound.toMillis() + " ms",
                describe(ran, bound, greeting), trace(ran, bound, greeting));
    }

    /**
     * A greeting of {@code length} characters that no client can know in advance: words of random
     * letters between single spaces, starting and ending with a letter (a client may trim its output).
     */
    /**
     * 7.6 and 11.7: what the harness's server read from the client while it lingered after its greeting. A client that
     * never connected has sent nothing either, but then nothing is judged: that is a failure saying so.
     */
    protected Finding sentNothing(ClientStage.ClientRun run, Duration bound, String serverDoes) {
        ProbeReply.ServeReport server = run.server();
        String expected = "against a server that " + serverDoes + ", the client connects and sends no byte before it closes"
                + " (the protocol is server-speaks-first)";
        if (server.accepted() == 0) {
            return Finding.require(false, expected, "the client never connected, so what it sends could not be judged; "
                    + Observed.first(describe(run, bound)), trace(run, bound));
        }
        String observed = server.receivedBytes() == 0 ? "the client sent nothing on " + server.accepted() + " connection(s)"
                : "the client sent " + (server.receivedBytes() > server.received().length ? server.receivedBytes()
                        + " bytes, the first " : "") + Wire.bytes(server.received());
        return Finding.require(server.receivedBytes() == 0, expected, observed, trace(run, bound));
    }

    static String randomGreeting(int length, java.util.Random random) {
        String letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
        StringBuilder sb = new StringBuilder();
        int n = Math.max(2, length);
        for (int i = 0; i < n; i++) {
            boolean space = i > 0 && i < n - 1 && sb.charAt(i - 1) != ' ' && random.nextInt(6) == 0;
            sb.append(space ? ' ' : letters.charAt(random.nextInt(letters.length())));
        }
        return sb.toString();
    }

    /** {@link #describe(Ran, Duration, String)} with the declared greeting as what the client should print. */
    String describe(Ran run, Duration bound) {
        return describe(run, bound, config.greeting());
    }

    /**
     * What the client did, in the shape {@link Observed} gives an observation: a first line with how it ended, the
     * line of its output that holds {@code greeting} (or, missing, its last) and what the harness's server saw; then
     * its whole stdout and stderr up to {@link Wire#OUTPUT_BYTES} each; then a hint if it failed on its arguments.
     */
    static String describe(Ran run, Duration bound, String greeting) {
        StringBuilder sb = new StringBuilder(brief(run, bound, greeting));
        if (!run.stdout().isEmpty()) {
            sb.append("\nstdout (").append(utf8(run.stdout())).append(" bytes): ").append(Wire.output(run.stdout(), Wire.OUTPUT_BYTES));
        }
        if (!run.stderr().isEmpty()) {
            sb.append("\nstderr (").append(utf8(run.stderr())).append(" bytes): ").append(Wire.output(run.stderr(), Wire.OUTPUT_BYTES));
        }
        return Observed.withHints(sb.toString(), Hints.usageError(run.exited(), run.exitCode(), run.millis(), run.output()));
    }

    /** The first line of {@link #describe(Ran, Duration, String)}: one line, for a trace. */
    static String brief(Ran run, Duration bound, String greeting) {
        String exit = run.exited() ? "exited with status " + run.exitCode() + " " + run.after()
                : "still running after " + bound.toMillis() + " ms (killed)";
        return exit + "; " + Wire.lineThatMatters(run.stdout(), run.stderr(), greeting) + "; " + run.serverSaw();
    }

    private static int utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }

    List<String> trace(Ran run, Duration bound) {
        return trace(run, bound, config.greeting());
    }

    static List<String> trace(Ran run, Duration bound, String greeting) {
        List<String> trace = new ArrayList<>(run.serverTrace());
        trace.add("client " + brief(run, bound, greeting));
        return trace;
    }
}
