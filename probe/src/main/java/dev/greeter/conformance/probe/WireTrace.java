package dev.greeter.conformance.probe;

import java.util.ArrayList;
import java.util.List;

/**
 * A short, h2spec-style account of one connection: what went on the wire and when. Thread-safe: a scripted server's
 * acceptor and its connections' workers write one trace at once.
 */
final class WireTrace {

    private static final int MAX_EVENTS = 12;
    private static final int MAX_SHOWN_BYTES = 48;

    private final long start = System.nanoTime();
    private final List<String> events = new ArrayList<>();

    long millis() {
        return (System.nanoTime() - start) / 1_000_000;
    }

    synchronized void add(String event) {
        if (events.size() < MAX_EVENTS) {
            events.add(String.format("+%5d ms  %s", millis(), event));
        } else if (events.size() == MAX_EVENTS) {
            events.add("          ... (trace cut)");
        }
    }

    void received(byte[] data, int off, int len) {
        add("<- " + len + " bytes " + quote(data, off, len));
    }

    synchronized List<String> events() {
        return List.copyOf(events);
    }

    static String quote(byte[] data, int off, int len) {
        return Printable.quote(data, off, len, MAX_SHOWN_BYTES);
    }
}
