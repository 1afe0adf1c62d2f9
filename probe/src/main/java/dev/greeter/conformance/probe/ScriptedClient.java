package dev.greeter.conformance.probe;

import dev.greeter.conformance.probe.ProbeReply.End;
import dev.greeter.conformance.probe.ProbeReply.ExchangeResult;
import dev.greeter.conformance.probe.ProbeReply.Outcome;
import dev.greeter.conformance.probe.ProbeRequest.ClientAction;
import dev.greeter.conformance.probe.ProbeRequest.Exchange;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;

/** Client-side behaviours, each a way a real client might treat the server under test. */
final class ScriptedClient {

    /** Connections opened by {@link #open} and not yet drained, with their traces. */
    private final HeldConnections<Socket> held = new HeldConnections<>();

    ExchangeResult exchange(Exchange x) {
        WireTrace trace = new WireTrace();
        Socket socket = new Socket();
        try (socket) {
            Outcome outcome = connect(socket, x.host(), x.port(), x.connectTimeoutMs(), trace);
            long connectMillis = trace.millis();
            if (outcome != Outcome.CONNECTED) {
                return new ExchangeResult(outcome, new byte[0], End.NOT_CONNECTED, connectMillis, -1, -1, trace.events(), null);
            }
            if (x.action() != ClientAction.READ && x.action() != ClientAction.SEND_THEN_READ) {
                misbehave(socket, x.action(), x.sendFirst(), 0, x.boundMs(), trace);
                return new ExchangeResult(outcome, new byte[0], End.CLOSED_BY_PROBE, connectMillis, -1, -1, trace.events(), null);
            }
            if (x.action() == ClientAction.SEND_THEN_READ && !send(socket, x.sendFirst(), trace)) {
                return result(new ByteArrayOutputStream(), End.RST, connectMillis, -1, trace);
            }
            return readToEnd(socket, trace, connectMillis, x.boundMs(), x.stopAtData());
        } catch (IOException e) {
            trace.add("probe error: " + e);
            return new ExchangeResult(Outcome.ERROR, new byte[0], End.NOT_CONNECTED, -1, -1, -1, trace.events(), e.toString());
        }
    }

    static Outcome connect(Socket socket, String host, int port, int timeoutMs, WireTrace trace) throws IOException {
        trace.add("-> SYN to " + host + ":" + port);
        try {
            socket.connect(new InetSocketAddress(host, port), timeoutMs);
            if (socket.getLocalPort() == socket.getPort() && socket.getLocalAddress().equals(socket.getInetAddress())) {
                // TCP simultaneous open with itself: the kernel picked the port under test as the source port.
                // Nothing listens there; the harness reserves the port against this, but never trusts that alone.
                socket.close();
                trace.add("connected to itself (source port = destination port): nothing listens, counted as refused");
                return Outcome.REFUSED;
            }
            trace.add("<- SYN-ACK: connected");
            return Outcome.CONNECTED;
        } catch (SocketTimeoutException e) {
            trace.add("no SYN-ACK within " + timeoutMs + " ms: connect timed out");
            return Outcome.TIMEOUT;
        } catch (ConnectException e) {
            if (String.valueOf(e.getMessage()).contains("refused")) {
                trace.add("<- RST: connection refused");
                return Outcome.REFUSED;
            }
            trace.add("connect failed: " + e.getMessage());
            return Outcome.ERROR;
        } catch (SocketException e) {
            // Established and reset before connect() returned: a server that crashed or shed the connection.
            if (String.valueOf(e.getMessage()).contains("reset")) {
                trace.add("<- RST: connection reset during the handshake");
                return Outcome.REFUSED;
            }
            throw e;
        }
    }

    /** Reads until FIN, RST, or {@code boundMs} after the connection was established. */
    private static ExchangeResult readToEnd(Socket socket, WireTrace trace, long connectMillis, int boundMs, boolean stopAtData)
            throws IOException {
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        long firstByte = -1;
        long deadline = connectMillis + boundMs;
        while (true) {
            long remaining = deadline - trace.millis();
            if (remaining <= 0) {
                trace.add("nothing more within " + boundMs + " ms of connecting: connection still open");
                return result(received, End.BOUND, connectMillis, firstByte, trace);
            }
            socket.setSoTimeout((int) remaining);
            int n;
            try {
                n = socket.getInputStream().read(buffer);
            } catch (SocketTimeoutException e) {
                continue;
            } catch (SocketException e) {
                trace.add("<- RST: connection reset");
                return result(received, End.RST, connectMillis, firstByte, trace);
            }
            if (n < 0) {
                trace.add("<- FIN: end of stream");
                return result(received, End.FIN, connectMillis, firstByte, trace);
            }
            if (firstByte < 0) {
                firstByte = trace.millis() - connectMillis;
            }
            trace.received(buffer, 0, n);
            received.write(buffer, 0, n);
            if (stopAtData) {
                trace.add("-> FIN (probe has been served and closes)");
                return result(received, End.CLOSED_BY_PROBE, connectMillis, firstByte, trace);
            }
            if (received.size() > (1 << 20)) {
                trace.add("more than 1 MiB received: probe stops reading");
                return result(received, End.BOUND, connectMillis, firstByte, trace);
            }
        }
    }

    /** A connected exchange as it ended: what arrived, how, and when (relative to connecting). */
    static ExchangeResult result(ByteArrayOutputStream received, End end, long connectMillis, long firstByte, WireTrace trace) {
        return new ExchangeResult(Outcome.CONNECTED, received.toByteArray(), end, connectMillis, firstByte,
                trace.millis() - connectMillis, trace.events(), null);
    }

    /** Sends {@code data}; false if the server had already reset or closed the connection (its choice, not a probe fault). */
    private static boolean send(Socket socket, byte[] data, WireTrace trace) throws IOException {
        try {
            socket.getOutputStream().write(data);
            trace.add("-> " + data.length + " bytes " + WireTrace.quote(data, 0, data.length));
            return true;
        } catch (SocketException e) {
            trace.add("-> sending " + data.length + " bytes failed: " + e.getMessage() + " (the server reset or closed)");
            return false;
        }
    }

    /**
     * Acts out one misbehaving client on a connected socket, then leaves it: every way it leaves is the
     * client's own, and nothing it sees is judged (the next well-behaved client is the judge).
     */
    private static void misbehave(Socket socket, ClientAction action, byte[] sendFirst, int momentMs, int boundMs, WireTrace trace)
            throws IOException {
        try {
            actOut(socket, action, sendFirst, momentMs, boundMs, trace);
        } catch (SocketException e) {
            // The server reset the connection first: its choice, never a probe fault.
            trace.add("<- RST: the server reset the connection (" + e.getMessage() + ")");
            socket.close();
        }
    }

    private static void actOut(Socket socket, ClientAction action, byte[] sendFirst, int momentMs, int boundMs, WireTrace trace)
            throws IOException {
        boolean reset = switch (action) {
            case RESET_AT_ONCE, RESET_AFTER_A_MOMENT, RESET_AFTER_FIRST_BYTES, SEND_THEN_RESET -> true;
            default -> false;
        };
        switch (action) {
            case RESET_AFTER_A_MOMENT, CLOSE_AFTER_A_MOMENT -> pause(momentMs, trace);
            case RESET_AFTER_FIRST_BYTES, CLOSE_AFTER_FIRST_BYTES -> firstBytes(socket, boundMs, trace);
            case SEND_THEN_CLOSE, SEND_THEN_RESET -> send(socket, sendFirst, trace);
            case SEND_THEN_READ -> {
                if (send(socket, sendFirst, trace)) {
                    firstBytes(socket, boundMs, trace);
                }
            }
            default -> {
                // At once.
            }
        }
        if (reset) {
            socket.setSoLinger(true, 0);
            trace.add("-> RST (probe resets)");
        } else {
            trace.add("-> FIN (probe closes)");
        }
        socket.close();
    }

    private static void pause(int ms, WireTrace trace) {
        // The pause is the behaviour under test (a client that leaves a moment later), not a wait for anything.
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        trace.add("(probe waits " + ms + " ms)");
    }

    private static void firstBytes(Socket socket, int boundMs, WireTrace trace) throws IOException {
        byte[] buffer = new byte[1];
        socket.setSoTimeout(Math.max(1, boundMs));
        try {
            int n = socket.getInputStream().read(buffer);
            trace.add(n < 0 ? "<- FIN before any byte" : "<- first byte " + WireTrace.quote(buffer, 0, n));
        } catch (SocketTimeoutException e) {
            trace.add("nothing within " + boundMs + " ms");
        } catch (SocketException e) {
            trace.add("<- RST: connection reset");
        }
    }

    /** Misbehaving clients, several at a time; see {@link ProbeRequest.Burst}. */
    ProbeReply.BurstResult burst(ProbeRequest.Burst b) {
        java.util.concurrent.atomic.AtomicIntegerArray counts = new java.util.concurrent.atomic.AtomicIntegerArray(Outcome.values().length);
        List<String> traces = java.util.Collections.synchronizedList(new ArrayList<>());
        java.util.concurrent.atomic.AtomicReference<String> firstError = new java.util.concurrent.atomic.AtomicReference<>();
        java.util.Random random = new java.util.Random(b.seed());
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(Math.max(1, b.concurrency()), r -> {
            Thread t = new Thread(r, "probe-burst");
            t.setDaemon(true);
            return t;
        });
        try {
            List<java.util.concurrent.Future<?>> running = new ArrayList<>();
            for (int i = 0; i < b.actions().size(); i++) {
                ClientAction action = b.actions().get(i);
                int moment = 1 + random.nextInt(Math.max(1, b.momentMaxMs()));
                int index = i;
                running.add(pool.submit(() -> {
                    WireTrace trace = new WireTrace();
                    Outcome outcome;
                    try (Socket socket = new Socket()) {
                        outcome = connect(socket, b.host(), b.port(), b.connectTimeoutMs(), trace);
                        if (outcome == Outcome.CONNECTED) {
                            misbehave(socket, action, b.sendFirst(), moment, b.boundMs(), trace);
                        }
                    } catch (IOException e) {
                        outcome = Outcome.ERROR;
                        trace.add("probe error: " + e);
                        firstError.compareAndSet(null, e.toString());
                    }
                    counts.incrementAndGet(outcome.ordinal());
                    if (index < 3 || outcome == Outcome.ERROR) {
                        traces.add("misbehaving client " + (index + 1) + " (" + action + "):");
                        traces.addAll(trace.events());
                    }
                }));
            }
            for (java.util.concurrent.Future<?> f : running) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException e) {
            firstError.compareAndSet(null, String.valueOf(e.getCause()));
        } finally {
            pool.shutdownNow();
        }
        return new ProbeReply.BurstResult(counts.get(Outcome.CONNECTED.ordinal()), counts.get(Outcome.REFUSED.ordinal()),
                counts.get(Outcome.TIMEOUT.ordinal()), counts.get(Outcome.ERROR.ordinal()), List.copyOf(traces), firstError.get());
    }

    ProbeReply.SeriesResult series(ProbeRequest.Series s) {
        ExchangeResult last = null;
        for (int i = 0; i < s.times(); i++) {
            last = exchange(s.exchange());
            if (!last.served()) {
                return new ProbeReply.SeriesResult(i, last);
            }
        }
        return new ProbeReply.SeriesResult(s.times(), last);
    }

    ProbeReply.Opened open(ProbeRequest.Open o) throws IOException {
        return held.open(o.attempts(), Socket::new, (socket, trace) -> {
            Outcome outcome = connect(socket, o.host(), o.port(), o.connectTimeoutMs(), trace);
            if (outcome == Outcome.CONNECTED && o.sendFirst() != null && o.sendFirst().length > 0) {
                // A failed send is the server's doing (it reset); reading the connection will show it.
                send(socket, o.sendFirst(), trace);
            }
            return outcome;
        });
    }

    ProbeReply.Drained drain(ProbeRequest.Drain d) throws IOException {
        return new ProbeReply.Drained(brief(held.drain(d.boundMs(),
                (socket, trace, left) -> readToEnd(socket, trace, trace.millis(), left, d.stopAtData()))));
    }

    /**
     * Thousands of queued connections (a large backlog) would make a reply of megabytes: past the first
     * few, a served connection keeps only its first bytes and no trace. Unserved ones stay whole: they
     * are the evidence.
     */
    private static List<ExchangeResult> brief(List<ExchangeResult> results) {
        List<ExchangeResult> out = new ArrayList<>(results.size());
        for (int i = 0; i < results.size(); i++) {
            ExchangeResult r = results.get(i);
            if (i < 3 || !r.served()) {
                out.add(r);
            } else {
                out.add(new ExchangeResult(r.outcome(), java.util.Arrays.copyOf(r.received(), Math.min(64, r.received().length)),
                        r.end(), r.connectMillis(), r.firstByteMillis(), r.endMillis(), List.of(), r.error()));
            }
        }
        return out;
    }

    void closeAll() {
        held.closeAll();
    }
}
