package dev.greeter.conformance.run;

import dev.greeter.conformance.config.HarnessConfig;
import dev.greeter.conformance.lab.Lab;
import java.util.List;
import java.util.Optional;

/**
 * The checks of one area of SPEC.md. The class declares its {@link Section}: one {@link Check} per rule of
 * the area, each a method taking nothing and returning the {@link Finding} it passed with, or throwing
 * {@link Violation}. They run in rule order and may share what {@link #setUp()} prepares.
 *
 * <p>A check never skips itself: whether a rule is judged at all is the runner's decision (selection,
 * roles, prerequisites). When the implementation keeps a rule from being judged (its server exited,
 * never became ready), that is a {@link Violation} of the rule, with what was seen.
 */
public abstract class AreaChecks implements AutoCloseable {

    protected final Lab lab;
    protected final HarnessConfig config;
    protected final Results results;

    protected AreaChecks(Lab lab, Results results) {
        this.lab = lab;
        this.config = lab.config();
        this.results = results;
    }

    /**
     * Prepares what the next checks share (a fresh server, say). Called before the first selected rule
     * and again after an {@link #interruption()}. Throws {@link Violation} when the implementation's
     * own behaviour prevents it: that fails the rule about to be judged.
     */
    public void setUp() {
    }

    /**
     * Asked after every rule: did the implementation break off during it (exit, stop listening,
     * restart)? Present: the rule fails with this account, and the next rule gets a fresh {@link #setUp()}.
     */
    public Optional<Interruption> interruption() {
        return Optional.empty();
    }

    /** What happened to the implementation during a rule, in the words of the report. */
    public record Interruption(String observed, List<String> trace) {
        public Interruption {
            trace = List.copyOf(trace);
        }
    }

    /**
     * The harness itself failed in this area (a rule ended in ERROR): what the area holds is removed when it closes,
     * never handed on to another area, since what the failure left behind is unknown.
     */
    public void distrust() {
    }

    /**
     * A rule judged on what this area holds did not pass: whatever the fault left in the implementation stays with
     * this area, so nothing it holds is handed on to the next (the next area of its lane gets a fresh server).
     */
    public void notPassed() {
    }

    @Override
    public void close() {
    }
}
