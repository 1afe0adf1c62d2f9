package dev.greeter.conformance.probe;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;

/**
 * How the scripted servers end a connection once the greeting is out: a lingering close (SPEC 2.4, 10.8). The sending
 * side is shut down (the client reads the end of stream at once), then whatever the client sends is read and counted
 * until it closes or {@link #BOUND_MS} pass, and only then the socket is closed. Why: closing with unread data makes
 * Linux answer with a reset, and a client that spoke first (curl's request, telnet's newline) would then be judged on
 * the harness's reset instead of on what it did with the greeting. The bytes counted are what rules 7.6 and 11.7
 * judge: a client of a server-speaks-first protocol sends nothing.
 */
final class LingeringClose {

    /** The longest a scripted server waits for a client to close after its greeting, as SPEC 2.4 bounds a server. */
    static final int BOUND_MS = 2_000;

    private final ByteArrayOutputStream first = new ByteArrayOutputStream();
    private long count;
    /** Connections lingering now: a report waits for them, so bytes a client sent just before it exited are counted. */
    private int lingering;

    private synchronized void received(byte[] data, int off, int n) {
        count += n;
        int room = Tally.KEPT - first.size();
        if (room > 0) {
            first.write(data, off, Math.min(room, n));
        }
    }

    private synchronized void begin() {
        lingering++;
    }

    private synchronized void end() {
        lingering--;
        notifyAll();
    }

    /**
     * Waits until no connection lingers, at most a little more than {@link #BOUND_MS}: each ends by then. The client under
     * test has exited when the harness asks for the report, so its connection ends at once, and what it sent is read.
     */
    synchronized void awaitIdle() throws InterruptedException {
        long deadline = System.nanoTime() + (BOUND_MS + 500) * 1_000_000L;
        while (lingering > 0) {
            long left = (deadline - System.nanoTime()) / 1_000_000;
            if (left <= 0) {
                return;
            }
            wait(left);
        }
    }

    /** Bytes the clients sent, on every connection. */
    synchronized long count() {
        return count;
    }

    /** The first {@link Tally#KEPT} of them. */
    synchronized byte[] first() {
        return first.toByteArray();
    }

    /** Lingers on a TCP socket, then closes it. */
    void close(Socket socket, WireTrace trace) throws IOException {
        begin();
        try (socket) {
            socket.shutdownOutput();
            long deadline = System.nanoTime() + BOUND_MS * 1_000_000L;
            byte[] buffer = new byte[4096];
            while (true) {
                long left = (deadline - System.nanoTime()) / 1_000_000;
                if (left <= 0) {
                    trace.add("(the client did not close within " + BOUND_MS + " ms: closing)");
                    return;
                }
                socket.setSoTimeout((int) left);
                int n;
                try {
                    n = socket.getInputStream().read(buffer);
                } catch (SocketTimeoutException e) {
                    continue;
                } catch (SocketException e) {
                    trace.add("<- RST from the client (" + e.getMessage() + ")");
                    return;
                }
                if (n < 0) {
                    trace.add("<- FIN from the client: close");
                    return;
                }
                sent(buffer, n, trace);
            }
        } finally {
            end();
        }
    }

    /** Lingers on a Unix-domain stream channel (blocking or not), then closes it. */
    void close(SocketChannel channel, WireTrace trace) throws IOException {
        begin();
        try (channel; Selector selector = Selector.open()) {
            channel.shutdownOutput();
            channel.configureBlocking(false);
            channel.register(selector, SelectionKey.OP_READ);
            long deadline = System.nanoTime() + BOUND_MS * 1_000_000L;
            ByteBuffer buffer = ByteBuffer.allocate(4096);
            while (true) {
                long left = (deadline - System.nanoTime()) / 1_000_000;
                if (left <= 0) {
                    trace.add("(the client did not close within " + BOUND_MS + " ms: closing)");
                    return;
                }
                selector.select(left);
                selector.selectedKeys().clear();
                int n;
                try {
                    n = channel.read(buffer.clear());
                } catch (SocketException e) {
                    trace.add("<- the client reset the connection (" + e.getMessage() + ")");
                    return;
                }
                if (n < 0) {
                    trace.add("<- end of stream from the client: close");
                    return;
                }
                if (n > 0) {
                    sent(buffer.array(), n, trace);
                }
            }
        } finally {
            end();
        }
    }

    private void sent(byte[] buffer, int n, WireTrace trace) {
        received(buffer, 0, n);
        trace.add("<- " + n + " bytes from the client " + WireTrace.quote(buffer, 0, n) + " (read and discarded)");
    }
}
