package dev.greeter.conformance.probe;

import dev.greeter.conformance.probe.ProbeReply.End;
import dev.greeter.conformance.probe.ProbeReply.ExchangeResult;
import dev.greeter.conformance.probe.ProbeReply.Outcome;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.List;

/**
 * A client of a Unix-domain stream socket. Every connect is non-blocking: on Linux it completes or fails
 * at once, and on a full queue it fails with EAGAIN (the JDK's non-blocking {@code connect} then throws
 * "Resource temporarily unavailable"), where a blocking one would wait for room with no bound.
 */
final class UnixClient {

    private final HeldConnections<SocketChannel> held = new HeldConnections<>();

    ExchangeResult exchange(ProbeRequest.UnixExchange x) throws IOException {
        WireTrace trace = new WireTrace();
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            Outcome outcome = connect(channel, x.path(), trace);
            long connectMillis = trace.millis();
            if (outcome != Outcome.CONNECTED) {
                List<String> events = trace.events();
                return new ExchangeResult(outcome, new byte[0], End.NOT_CONNECTED, connectMillis, -1, -1, events,
                        outcome == Outcome.ERROR ? events.get(events.size() - 1) : null);
            }
            return readToEnd(channel, trace, connectMillis, x.boundMs(), x.stopAtData());
        }
    }

    /** Connects without blocking; an error the server's side does not explain (EACCES, say) is the probe's ERROR. */
    static Outcome connect(SocketChannel channel, String path, WireTrace trace) throws IOException {
        channel.configureBlocking(false);
        trace.add("-> connect to " + path);
        try {
            if (!channel.connect(UnixDomainSocketAddress.of(path))) {
                // Linux never leaves a Unix-domain connect pending; the JDK would say so here if it did.
                throw new IOException("connect to " + path + " is pending, which Linux does not do for Unix-domain sockets");
            }
            trace.add("<- connected");
            return Outcome.CONNECTED;
        } catch (ConnectException e) {
            trace.add("connection refused (ECONNREFUSED): a socket file nobody listens on");
            return Outcome.REFUSED;
        } catch (SocketException e) {
            String why = String.valueOf(e.getMessage());
            if (why.contains("temporarily unavailable")) {
                trace.add("EAGAIN: the listener's queue is full");
                return Outcome.QUEUE_FULL;
            } else if (why.contains("No such file")) {
                trace.add("no socket file at " + path + " (ENOENT)");
                return Outcome.REFUSED;
            }
            trace.add("connect failed: " + why);
            return Outcome.ERROR;
        }
    }

    /** Reads until end of stream, reset, or {@code boundMs} after connecting (with {@code stopAtData}, until the first bytes). */
    private static ExchangeResult readToEnd(SocketChannel channel, WireTrace trace, long connectMillis, int boundMs, boolean stopAtData)
            throws IOException {
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        ByteBuffer buffer = ByteBuffer.allocate(8192);
        long firstByte = -1;
        long deadline = connectMillis + boundMs;
        channel.configureBlocking(false);
        try (Selector selector = Selector.open()) {
            channel.register(selector, SelectionKey.OP_READ);
            while (true) {
                long remaining = deadline - trace.millis();
                if (remaining <= 0) {
                    trace.add("nothing more within " + boundMs + " ms of connecting: connection still open");
                    return ScriptedClient.result(received, End.BOUND, connectMillis, firstByte, trace);
                }
                selector.select(remaining);
                selector.selectedKeys().clear();
                int n;
                try {
                    n = channel.read(buffer.clear());
                } catch (SocketException e) {
                    trace.add("<- connection reset (ECONNRESET)");
                    return ScriptedClient.result(received, End.RST, connectMillis, firstByte, trace);
                }
                if (n < 0) {
                    trace.add("<- end of stream (orderly close)");
                    return ScriptedClient.result(received, End.FIN, connectMillis, firstByte, trace);
                } else if (n == 0) {
                    continue;
                }
                if (firstByte < 0) {
                    firstByte = trace.millis() - connectMillis;
                }
                trace.received(buffer.array(), 0, n);
                received.write(buffer.array(), 0, n);
                if (stopAtData) {
                    trace.add("-> close (probe has been served)");
                    return ScriptedClient.result(received, End.CLOSED_BY_PROBE, connectMillis, firstByte, trace);
                }
                if (received.size() > (1 << 20)) {
                    trace.add("more than 1 MiB received: probe stops reading");
                    return ScriptedClient.result(received, End.BOUND, connectMillis, firstByte, trace);
                }
            }
        }
    }

    ProbeReply.Opened open(ProbeRequest.UnixOpen o) throws IOException {
        return held.open(o.attempts(), () -> SocketChannel.open(StandardProtocolFamily.UNIX), (channel, trace) -> {
            Outcome outcome = connect(channel, o.path(), trace);
            if (outcome == Outcome.CONNECTED && o.sendFirst() != null && o.sendFirst().length > 0) {
                send(channel, o.sendFirst(), trace);
            }
            return outcome;
        });
    }

    ProbeReply.Drained drain(ProbeRequest.UnixDrain d) throws IOException {
        return new ProbeReply.Drained(held.drain(d.boundMs(), (channel, trace, left) -> readToEnd(channel, trace, trace.millis(), left, d.stopAtData())));
    }

    /**
     * Sends {@code data} on a connected non-blocking channel: a Unix-domain socket takes a line at once (the peer's
     * queue has room), so a short write is said, never waited on; a failure is the server's doing (it closed).
     */
    private static void send(SocketChannel channel, byte[] data, WireTrace trace) throws IOException {
        try {
            int n = channel.write(ByteBuffer.wrap(data));
            trace.add("-> " + n + " of " + data.length + " bytes " + WireTrace.quote(data, 0, data.length));
        } catch (SocketException e) {
            trace.add("-> sending " + data.length + " bytes failed: " + e.getMessage() + " (the server closed)");
        }
    }

    void closeAll() {
        held.closeAll();
    }
}
