package dev.greeter.conformance.probe;

import dev.greeter.conformance.probe.ProbeRequest.Serve;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** A server acting out one behaviour for a client under test that shares this network namespace. */
final class ScriptedServer implements ServingScript {

    private final Serve script;
    private final ServerSocket listener;
    private final WireTrace trace = new WireTrace();
    private final List<Socket> open = Collections.synchronizedList(new ArrayList<>());
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final LingeringClose lingering = new LingeringClose();
    private final Thread acceptor;
    private volatile int accepted;

    ScriptedServer(Serve script) throws IOException {
        this.script = script;
        listener = new ServerSocket();
        listener.setReuseAddress(true);
        listener.bind(new InetSocketAddress(script.port()), 50);
        trace.add("scripted server listening on port " + script.port() + " (" + script.mode() + ")");
        acceptor = new Thread(this::acceptLoop, "scripted-server");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket socket = listener.accept();
                accepted++;
                open.add(socket);
                trace.add("<- connection from the client under test (" + accepted + ")");
                Thread worker = new Thread(() -> act(socket), "scripted-connection");
                worker.setDaemon(true);
                try {
                    worker.start();
                } catch (OutOfMemoryError e) {
                    // No thread left (the probe's pids limit: a client that floods this server with connections): this
                    // one is served here, and accepting waits meanwhile, rather than the server silently stopping.
                    act(socket);
                }
            } catch (IOException e) {
                return;
            }
        }
    }

    private void act(Socket socket) {
        try {
            OutputStream out = socket.getOutputStream();
            byte[] greeting = script.greeting();
            switch (script.mode()) {
                case GREET -> {
                    out.write(greeting);
                    trace.add("-> " + greeting.length + " bytes, then FIN (lingering until the client closes)");
                    lingering.close(socket, trace);
                }
                case SPLIT -> {
                    socket.setTcpNoDelay(true);
                    int pieces = Math.max(1, Math.min(script.pieces(), greeting.length));
                    for (int i = 0; i < pieces; i++) {
                        int from = greeting.length * i / pieces;
                        int to = greeting.length * (i + 1) / pieces;
                        if (i > 0 && stopped.await(script.gapMs(), TimeUnit.MILLISECONDS)) {
                            return;
                        }
                        out.write(Arrays.copyOfRange(greeting, from, to));
                        out.flush();
                        trace.add("-> segment " + (i + 1) + "/" + pieces + ": " + WireTrace.quote(greeting, from, to - from));
                    }
                    trace.add("-> FIN (lingering until the client closes)");
                    lingering.close(socket, trace);
                }
                case SILENT -> trace.add("(sends nothing and keeps the connection open)");
            }
        } catch (IOException e) {
            trace.add("connection error: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
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
        stopped.countDown();
        listener.close();
        // The JDK releases a socket closed under a thread blocked in accept() only when that thread
        // leaves accept(): until then the port stays in LISTEN and the next scripted server can't bind.
        try {
            acceptor.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (open) {
            for (Socket s : open) {
                s.close();
            }
        }
    }
}
