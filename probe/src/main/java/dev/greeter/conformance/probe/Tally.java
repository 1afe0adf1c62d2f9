package dev.greeter.conformance.probe;

import java.util.ArrayList;
import java.util.List;

/**
 * What an implementation can send or open without limit (datagrams, requests, sockets), kept within
 * bounds: how many there were in all, and the first few. A reply built from it stays far below
 * {@link ProbeCodec#MAX_LINE_BYTES} however much the implementation sprays, so a flood is something
 * observed, never a reply the harness cannot read.
 */
final class Tally<T> {

    /** The first this many are kept: enough to show what came, few enough that a reply stays small. */
    static final int KEPT = 64;

    private final int limit;
    private final List<T> first = new ArrayList<>();
    private long count;

    Tally() {
        this(KEPT);
    }

    Tally(int limit) {
        this.limit = limit;
    }

    /** Counts {@code item}, and keeps it if fewer than the limit are kept; true if it was kept. */
    boolean add(T item) {
        count++;
        if (first.size() < limit) {
            first.add(item);
            return true;
        }
        return false;
    }

    /** Counts one more without keeping it (a budget of the caller's ran out). */
    void countOnly() {
        count++;
    }

    long count() {
        return count;
    }

    /** Whether another would still be kept. */
    boolean room() {
        return first.size() < limit;
    }

    List<T> first() {
        return List.copyOf(first);
    }
}
