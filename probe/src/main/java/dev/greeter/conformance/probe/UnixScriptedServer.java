package dev.greeter.conformance.probe;

import dev.greeter.conformance.probe.ProbeRequest.UnixServe;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A Unix-domain server acting out one behaviour for a client under test that shares this directory. Its
 * socket file is made mode 0666: the client under test may run as another user than the probe, and a
 * client refused for want of permission would be judged on the wrong failure.
 */
final class UnixScriptedServer implements ServingScript {

    private final Path path;
    private final WireTrace trace = new WireTrace();
    private final List<SocketChannel> open = Collections.synchronizedList(new ArrayList<>());
    private final ServerSocketChannel listener;
    private final Thread acceptor;
    private final LingeringClose lingering = new LingeringClose();
    private volatile int accepted;

    UnixScriptedServer(UnixServe script) throws IOException {
        path = Path.of(script.path());
        // Whatever an earlier rule left at the path is gone: each script starts from the file it names.
        Files.deleteIfExists(path);
        if (script.mode() == ProbeRequest.UnixServeMode.ABSENT) {
            trace.add("no file at " + path + " (nothing listens)");
            listener = null;
            acceptor = null;
            return;
        }
        ServerSocketChannel channel = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        channel.bind(UnixDomainSocketAddress.of(path), 50);
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-rw-rw-"));
        if (script.mode() == ProbeRequest.UnixServeMode.STALE) {
            // The JDK never unlinks a Unix-domain socket's file on close: what a killed server leaves.
            channel.close();
            trace.add("socket file " + path + " left by a closed socket: nobody listens (a stale file)");
            listener = null;
            acceptor = null;
            return;
        }
        listener = channel;
        trace.add("scripted server listening on " + path + " (" + script.mode() + ")");
        acceptor = new Thread(() -> acceptLoop(script), "scripted-unix-server");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private void acceptLoop(UnixServe script) {
        while (listener.isOpen()) {
            SocketChannel connection;
            try {
                connection = listener.accept();
            } catch (IOException e) {
                return;
            }
            accepted++;
            open.add(connection);
            trace.add("<- connection from the client under test (" + accepted + ")");
            if (script.mode() == ProbeRequest.UnixServeMode.SILENT) {
                trace.add("(sends nothing and keeps the connection open)");
                continue;
            }
            // A thread per connection, as the TCP scripted server: lingering on one must not keep the next waiting.
            Thread worker = new Thread(() -> greet(connection, script.greeting()), "scripted-unix-connection");
            worker.setDaemon(true);
            try {
                worker.start();
            } catch (OutOfMemoryError e) {
                // No thread left (the probe's pids limit): served here, accepting waits meanwhile.
                greet(connection, script.greeting());
            }
        }
    }

    private void greet(SocketChannel connection, byte[] bytes) {
        try {
            ByteBuffer greeting = ByteBuffer.wrap(bytes);
            while (greeting.hasRemaining()) {
                connection.write(greeting);
            }
            trace.add("-> " + bytes.length + " bytes, then end of stream (lingering until the client closes)");
            lingering.close(connection, trace);
        } catch (IOException e) {
            trace.add("connection error: " + e.getMessage());
            try {
                connection.close();
            } catch (IOException ignored) {
                // Gone either way.
            }
        }
    }

    @Override
    public ProbeReply.ServeReport report() {
        try {
            lingering.awaitIdle();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return new ProbeReply.ServeReport(accepted, lingering.count(), lingering.first(), trace.events());
    }

    @Override
    public void close() throws IOException {
        if (listener != null) {
            listener.close();
            try {
                acceptor.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            Files.deleteIfExists(path);
        }
        synchronized (open) {
            for (SocketChannel c : open) {
                c.close();
            }
        }
    }
}
