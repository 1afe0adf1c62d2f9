package dev.greeter.conformance.lab;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * The holders of a lab: who takes which, which one starts ahead, and which idle ones wait to be handed on.
 * Starting a holder costs a container start (the engine runs them one after another) and the agent's JVM start;
 * a holder the harness has cleared ({@link Lab#release}) is handed to the next stage instead.
 *
 * <p>It keeps at most {@code atOnce} alive (in use, idle or starting): no more are ever in use at once, so another
 * would only be a start the run does not need.
 *
 * @param <H> the holder; the lab's is {@link ProbeContainer}, tests use any
 */
final class HolderPool<H> {

    private final Supplier<CompletableFuture<H>> starter;
    private final int planned;
    private final int atOnce;
    private final Deque<H> idle = new ArrayDeque<>();
    private CompletableFuture<H> next;
    private int taken;
    private int inUse;

    /**
     * @param starter starts a new holder (in the background)
     * @param planned how many holders the run takes if nothing breaks off
     * @param atOnce  at most this many stages at a time
     * @param idle    cleared holders an earlier lab left (see {@link LabSites}), handed out before any is started
     */
    HolderPool(Supplier<CompletableFuture<H>> starter, int planned, int atOnce, List<H> idle) {
        this.starter = starter;
        this.planned = planned;
        this.atOnce = Math.max(1, atOnce);
        this.idle.addAll(idle);
    }

    HolderPool(Supplier<CompletableFuture<H>> starter, int planned, int atOnce) {
        this(starter, planned, atOnce, List.of());
    }

    /** Starts the first holder ahead, when the plan takes more than the idle ones and there is room for one more. */
    synchronized void prestart() {
        startAheadIfNeeded();
    }

    /** A holder for a stage: an idle one if any, else the one starting ahead, else a new one. */
    synchronized CompletableFuture<H> take() {
        taken++;
        inUse++;
        CompletableFuture<H> mine;
        if (!idle.isEmpty()) {
            mine = CompletableFuture.completedFuture(idle.pop());
        } else if (next != null) {
            mine = next;
            next = null;
        } else {
            mine = starter.get();
        }
        startAheadIfNeeded();
        return mine;
    }

    /** A stage's holder came back cleared: it waits, idle, for the next stage. */
    synchronized void giveBack(H holder) {
        inUse--;
        idle.push(holder);
        startAheadIfNeeded();
    }

    /** A stage's holder came back not cleared: the caller removes it; another may start ahead in its place. */
    synchronized void lost() {
        inUse--;
        startAheadIfNeeded();
    }

    /**
     * One ahead while the plan needs more than the idle ones: never more, since the engine starts containers one after
     * another. With pooling only while fewer than {@code atOnce} are alive, since no more are ever in use at once.
     */
    private void startAheadIfNeeded() {
        if (next != null || planned - taken <= idle.size()) {
            return;
        }
        if (inUse + idle.size() < atOnce) {
            next = starter.get();
        }
    }

    /** Whether a holder is starting ahead (for tests). */
    synchronized boolean startingAhead() {
        return next != null;
    }

    /** Ends the pool: the idle holders and the one starting ahead, for the lab to remove. */
    synchronized Drained<H> drain() {
        List<H> left = new ArrayList<>(idle);
        idle.clear();
        CompletableFuture<H> starting = next;
        next = null;
        return new Drained<>(left, starting);
    }

    /** What {@link #drain()} leaves: idle holders, and the one starting ahead (null if none). */
    record Drained<H>(List<H> idle, CompletableFuture<H> starting) {
    }
}
