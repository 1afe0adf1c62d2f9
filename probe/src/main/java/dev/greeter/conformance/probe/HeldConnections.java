package dev.greeter.conformance.probe;

import dev.greeter.conformance.probe.ProbeReply.ExchangeResult;
import dev.greeter.conformance.probe.ProbeReply.Outcome;
import java.io.Closeable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Connections made one after another and held unread ({@link ProbeRequest.Open}, {@link ProbeRequest.UnixOpen}),
 * each with its trace, until they are drained: the same for a TCP socket and a Unix-domain channel.
 */
final class HeldConnections<C extends Closeable> {

    /** Makes a fresh, unconnected connection. */
    interface Factory<C> {
        C create() throws IOException;
    }

    /** Connects {@code connection}, saying how it went on {@code trace}. */
    interface Connector<C> {
        Outcome connect(C connection, WireTrace trace) throws IOException;
    }

    /** Reads {@code connection} within {@code boundMs}, from the moment it connected (on {@code trace}). */
    interface Reader<C> {
        ExchangeResult read(C connection, WireTrace trace, int boundMs) throws IOException;
    }

    private final List<C> held = new ArrayList<>();
    private final List<WireTrace> traces = new ArrayList<>();

    ProbeReply.Opened open(int attempts, Factory<C> factory, Connector<C> connector) throws IOException {
        List<Outcome> outcomes = new ArrayList<>();
        List<Long> millis = new ArrayList<>();
        for (int i = 0; i < attempts; i++) {
            WireTrace trace = new WireTrace();
            C connection = factory.create();
            Outcome outcome = connector.connect(connection, trace);
            outcomes.add(outcome);
            millis.add(trace.millis());
            if (outcome == Outcome.CONNECTED) {
                held.add(connection);
                traces.add(trace);
            } else {
                connection.close();
            }
        }
        return new ProbeReply.Opened(outcomes, millis);
    }

    /** Reads every held connection in turn, within {@code boundMs} in all, and closes it. */
    List<ExchangeResult> drain(int boundMs, Reader<C> reader) throws IOException {
        List<ExchangeResult> results = new ArrayList<>();
        long start = System.nanoTime();
        try {
            for (int i = 0; i < held.size(); i++) {
                int left = (int) Math.max(1, boundMs - (System.nanoTime() - start) / 1_000_000);
                try (C connection = held.get(i)) {
                    results.add(reader.read(connection, traces.get(i), left));
                }
            }
        } finally {
            closeAll();
        }
        return results;
    }

    void closeAll() {
        for (C c : held) {
            try {
                c.close();
            } catch (IOException ignored) {
                // Closing is best effort; the probe container goes away with it.
            }
        }
        held.clear();
        traces.clear();
    }
}
