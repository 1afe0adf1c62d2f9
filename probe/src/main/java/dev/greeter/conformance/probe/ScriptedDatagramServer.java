package dev.greeter.conformance.probe;

import dev.greeter.conformance.probe.ProbeRequest.ServeUdp;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;

/**
 * A UDP server acting out one behaviour for a client under test that shares this network namespace:
 * it counts the requests, records the first ones' lengths, and answers every request (or not) as {@link ServeUdp#mode()} says.
 */
final class ScriptedDatagramServer implements AutoCloseable {

    private final ServeUdp script;
    private final DatagramSocket socket;
    /** Another port of this host, for the decoy: a client that takes the first datagram from anyone takes it. */
    private final DatagramSocket decoys;
    private final WireTrace trace = new WireTrace();
    /** Guarded by itself: the receiver adds, {@link #report()} reads. A client that floods is counted, not kept. */
    private final Tally<Integer> requests = new Tally<>();
    private int shortest = -1;
    private final Thread receiver;

    ScriptedDatagramServer(ServeUdp script) throws IOException {
        this.script = script;
        socket = new DatagramSocket(null);
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(script.port()));
        decoys = new DatagramSocket();
        trace.add("scripted UDP server bound to port " + script.port() + " (" + script.mode() + ")");
        receiver = new Thread(this::receive, "scripted-udp-server");
        receiver.setDaemon(true);
        receiver.start();
    }

    private void receive() {
        byte[] buffer = new byte[65536];
        while (!socket.isClosed()) {
            DatagramPacket request = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(request);
            } catch (IOException e) {
                return;
            }
            long n;
            synchronized (requests) {
                requests.add(request.getLength());
                n = requests.count();
                shortest = shortest < 0 ? request.getLength() : Math.min(shortest, request.getLength());
            }
            trace.add("<- request " + n + ": " + request.getLength() + " bytes from port " + request.getPort());
            try {
                answer(n, request);
            } catch (IOException e) {
                trace.add("could not answer request " + n + ": " + e.getMessage());
            }
        }
    }

    private void answer(long n, DatagramPacket request) throws IOException {
        byte[] greeting = script.greeting();
        switch (script.mode()) {
            case GREET -> reply(socket, greeting, request, "the greeting");
            case IGNORE_FIRST -> {
                if (n == 1) {
                    trace.add("(ignores request 1, as if it or its reply were lost)");
                } else {
                    reply(socket, greeting, request, "the greeting");
                }
            }
            case DECOY -> {
                reply(decoys, script.decoy(), request, "a decoy from port " + decoys.getLocalPort());
                reply(socket, greeting, request, "the greeting");
            }
            case SILENT -> trace.add("(answers nothing)");
        }
    }

    private void reply(DatagramSocket from, byte[] payload, DatagramPacket request, String what) throws IOException {
        from.send(new DatagramPacket(payload, payload.length, request.getSocketAddress()));
        trace.add("-> " + what + ": " + WireTrace.quote(payload, 0, payload.length));
    }

    ProbeReply.DatagramServeReport report() {
        synchronized (requests) {
            return new ProbeReply.DatagramServeReport(requests.count(), shortest, requests.first(), trace.events());
        }
    }

    @Override
    public void close() {
        socket.close();
        decoys.close();
        try {
            receiver.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
