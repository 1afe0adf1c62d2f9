package dev.greeter.conformance.probe;

import dev.greeter.conformance.probe.ProbeReply.End;
import dev.greeter.conformance.probe.ProbeReply.ExchangeResult;
import dev.greeter.conformance.probe.ProbeReply.Outcome;
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
    private final List<Socket> held = new ArrayList<>();
    private final List<WireTrace> heldTraces = new ArrayList<>();

    ExchangeResult exchange(Exchange x) {
        WireTrace trace = new WireTrace();
        Socket socket = new Socket();
        try (socket) {
            Outcome outcome = connect(socket, x.host(), x.port(), x.connectTimeoutMs(), trace);
            long connectMillis = trace.millis();
            if (outcome != Outcome.CONNECTED) {
                return new ExchangeResult(outcome, new byte[0], End.NOT_CONNECTED, connectMillis, -1, -1, trace.events(), null);
            }
            switch (x.action()) {
                case RESET_AT_ONCE -> {
                    socket.setSoLinger(true, 0);
                    trace.add("-> RST (probe resets at once)");
                    return new ExchangeResult(outcome, new byte[0], End.CLOSED_BY_PROBE, connectMillis, -1, -1, trace.events(), null);
                }
                case CLOSE_AT_ONCE -> {
                    trace.add("-> FIN (probe closes at once)");
                    return new ExchangeResult(outcome, new byte[0], End.CLOSED_BY_PROBE, connectMillis, -1, -1, trace.events(), null);
                }
                case SEND_THEN_READ -> {
                    socket.getOutputStream().write(x.sendFirst());
                    trace.add("-> " + x.sendFirst().length + " bytes " + WireTrace.quote(x.sendFirst(), 0, x.sendFirst().length));
                }
                case READ -> {
                    // Sends nothing: the greeting must come unprompted.
                }
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

    private static ExchangeResult result(ByteArrayOutputStream received, End end, long connectMillis, long firstByte, WireTrace trace) {
        return new ExchangeResult(Outcome.CONNECTED, received.toByteArray(), end, connectMillis, firstByte,
                trace.millis() - connectMillis, trace.events(), null);
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
        List<Outcome> outcomes = new ArrayList<>();
        List<Long> millis = new ArrayList<>();
        for (int i = 0; i < o.attempts(); i++) {
            WireTrace trace = new WireTrace();
            Socket socket = new Socket();
            Outcome outcome = connect(socket, o.host(), o.port(), o.connectTimeoutMs(), trace);
            outcomes.add(outcome);
            millis.add(trace.millis());
            if (outcome == Outcome.CONNECTED) {
                held.add(socket);
                heldTraces.add(trace);
            } else {
                socket.close();
            }
        }
        return new ProbeReply.Opened(outcomes, millis);
    }

    ProbeReply.Drained drain(ProbeRequest.Drain d) throws IOException {
        List<ExchangeResult> results = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < held.size(); i++) {
            int left = (int) Math.max(1, d.boundMs() - (System.nanoTime() - start) / 1_000_000);
            try (Socket socket = held.get(i)) {
                WireTrace trace = heldTraces.get(i);
                results.add(readToEnd(socket, trace, trace.millis(), left, d.stopAtData()));
            }
        }
        held.clear();
        heldTraces.clear();
        return new ProbeReply.Drained(results);
    }

    void closeAll() {
        for (Socket s : held) {
            try {
                s.close();
            } catch (IOException ignored) {
                // Closing is best effort; the probe container goes away with it.
            }
        }
        held.clear();
        heldTraces.clear();
    }
}
