package dev.greeter.conformance.probe;

import dev.greeter.conformance.probe.ProbeCodec.MalformedMessageException;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Entry point inside the probe container: {@code java -cp probe.jar dev.greeter.conformance.probe.ProbeAgent}.
 * Serves the harness's requests over the container's stdin and stdout, one {@link ProbeCodec} line
 * each way per request, for the container's whole life. There is no control socket: the implementation
 * under test shares this container's network namespace, never its stdin or stdout. Only protocol lines
 * go to stdout; anything else the JVM or this code prints goes to stderr.
 */
public final class ProbeAgent {

    private final PrintStream replies;
    private final ScriptedClient client = new ScriptedClient();
    private final UnixClient unixClient = new UnixClient();
    private ServingScript server;
    private ScriptedDatagramServer datagramServer;
    private DatagramRounds.Sent sentDatagrams;
    private PacketCapture capture;

    /** A capture's bytes go in pieces: base64 makes a third more of them, and a line holds at most {@link ProbeCodec#MAX_LINE_BYTES}. */
    static final int MAX_CAPTURE_CHUNK = 1 << 20;

    private ProbeAgent(PrintStream replies) {
        this.replies = replies;
    }

    public static void main(String[] args) throws IOException {
        PrintStream stdout = new PrintStream(new FileOutputStream(FileDescriptor.out), false, StandardCharsets.US_ASCII);
        // Whatever else prints (a library, a stray println) lands on stderr, never among the replies.
        System.setOut(System.err);
        run(new FileInputStream(FileDescriptor.in), stdout);
    }

    /** Answers every request line read from {@code in} on {@code replies}, until {@code in} ends. */
    public static void run(InputStream in, PrintStream replies) throws IOException {
        ProbeAgent agent = new ProbeAgent(replies);
        LineAssembler lines = new LineAssembler(ProbeCodec.MAX_LINE_BYTES, new LineAssembler.Sink() {
            @Override
            public void line(String line) {
                agent.serve(line);
            }

            @Override
            public void overlong(String head, long length) {
                agent.reply(0, new ProbeReply.Failed("request line of " + length + " bytes is over the limit of "
                        + ProbeCodec.MAX_LINE_BYTES));
            }
        });
        byte[] buffer = new byte[64 * 1024];
        try {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                lines.feed(buffer, 0, n);
            }
        } finally {
            // The harness hung up: nothing more will be asked.
            agent.close();
        }
    }

    private void serve(String line) {
        ProbeCodec.Message<ProbeRequest> message;
        try {
            message = ProbeCodec.decode(ProbeRequest.class, line);
        } catch (MalformedMessageException e) {
            reply(e.id(), new ProbeReply.Failed("malformed request: " + e.getMessage()));
            return;
        }
        ProbeRequest request = message.body();
        ProbeReply reply;
        try {
            reply = handle(request);
        } catch (IOException | RuntimeException e) {
            reply = new ProbeReply.Failed(request.getClass().getSimpleName() + ": " + e);
        }
        reply(message.id(), reply);
    }

    private void reply(long id, ProbeReply reply) {
        String line;
        try {
            line = ProbeCodec.encode(ProbeReply.class, id, reply);
        } catch (RuntimeException e) {
            line = ProbeCodec.encode(ProbeReply.class, id, new ProbeReply.Failed("cannot encode the reply: " + e));
        }
        replies.print(line + "\n");
        replies.flush();
    }

    private ProbeReply handle(ProbeRequest request) throws IOException {
        if (request instanceof ProbeRequest.Hello hello) {
            if (!ProbeCodec.PROTOCOL.equals(hello.protocol())) {
                return new ProbeReply.Failed("the harness speaks " + hello.protocol() + ", this agent " + ProbeCodec.PROTOCOL);
            }
            return new ProbeReply.Ready(ProbeCodec.PROTOCOL);
        } else if (request instanceof ProbeRequest.Serve serve) {
            if (server != null) {
                server.close();
            }
            server = new ScriptedServer(serve);
            return new ProbeReply.Done();
        } else if (request instanceof ProbeRequest.StopServing && datagramServer != null) {
            ProbeReply reply = datagramServer.report();
            datagramServer.close();
            datagramServer = null;
            return reply;
        } else if (request instanceof ProbeRequest.UnixServe serve) {
            if (server != null) {
                server.close();
            }
            server = new UnixScriptedServer(serve);
            return new ProbeReply.Done();
        } else if (request instanceof ProbeRequest.StopServing) {
            ProbeReply reply = server == null ? new ProbeReply.ServeReport(0, 0, new byte[0], List.of()) : server.report();
            if (server != null) {
                server.close();
                server = null;
            }
            return reply;
        } else if (request instanceof ProbeRequest.Reset) {
            List<String> failed = close();
            return failed.isEmpty() ? new ProbeReply.Done() : new ProbeReply.Failed("Reset: could not close " + String.join("; ", failed));
        } else if (request instanceof ProbeRequest.ListenState s) {
            return listeners(ListenTable.listeners(s.port()));
        } else if (request instanceof ProbeRequest.Exchange x) {
            return client.exchange(x);
        } else if (request instanceof ProbeRequest.Series s) {
            return client.series(s);
        } else if (request instanceof ProbeRequest.Open o) {
            return client.open(o);
        } else if (request instanceof ProbeRequest.Drain d) {
            return client.drain(d);
        } else if (request instanceof ProbeRequest.Burst b) {
            return client.burst(b);
        } else if (request instanceof ProbeRequest.UnixState u) {
            return UnixTable.state(u.path());
        } else if (request instanceof ProbeRequest.UnixExchange x) {
            return unixClient.exchange(x);
        } else if (request instanceof ProbeRequest.UnixOpen o) {
            return unixClient.open(o);
        } else if (request instanceof ProbeRequest.UnixDrain d) {
            return unixClient.drain(d);
        } else if (request instanceof ProbeRequest.SealIpv6 s) {
            RouteSeal.sealFor(s.peers());
            return new ProbeReply.Done();
        } else if (request instanceof ProbeRequest.Ipv6Sealed s) {
            return RouteSeal.state(s.peers());
        } else if (request instanceof ProbeRequest.UdpState s) {
            return listeners(ListenTable.udpSockets(s.port()));
        } else if (request instanceof ProbeRequest.UdpRound r) {
            return DatagramRounds.round(r);
        } else if (request instanceof ProbeRequest.UdpSend u) {
            if (sentDatagrams != null) {
                sentDatagrams.close();
            }
            sentDatagrams = DatagramRounds.send(u.host(), u.port(), u.peers(), u.seed());
            return new ProbeReply.Done();
        } else if (request instanceof ProbeRequest.UdpCollect c) {
            if (sentDatagrams == null) {
                return new ProbeReply.Failed("UdpCollect without a UdpSend before it");
            }
            DatagramRounds.Sent sent = sentDatagrams;
            sentDatagrams = null;
            return sent.collect(c.boundMs(), c.settleMs());
        } else if (request instanceof ProbeRequest.ServeUdp serve) {
            if (datagramServer != null) {
                datagramServer.close();
            }
            datagramServer = new ScriptedDatagramServer(serve);
            return new ProbeReply.Done();
        } else if (request instanceof ProbeRequest.StartCapture c) {
            if (capture != null) {
                capture.close();
                capture = null;
            }
            capture = PacketCapture.start(c.limitBytes());
            return new ProbeReply.Done();
        } else if (request instanceof ProbeRequest.StopCapture) {
            if (capture == null) {
                return new ProbeReply.Failed("StopCapture without a StartCapture before it");
            }
            return capture.stop();
        } else if (request instanceof ProbeRequest.CaptureSoFar) {
            if (capture == null) {
                return new ProbeReply.Failed("CaptureSoFar without a StartCapture before it");
            }
            try {
                return capture.state();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new ProbeReply.Failed("interrupted while reading the capture's queued frames");
            }
        } else if (request instanceof ProbeRequest.CaptureBytes b) {
            if (capture == null) {
                return new ProbeReply.Failed("CaptureBytes without a capture");
            }
            return capture.bytes(b.offset(), Math.min(b.maxBytes(), MAX_CAPTURE_CHUNK));
        }
        throw new IllegalArgumentException("unknown request " + request.getClass().getSimpleName());
    }

    private static ProbeReply.Listeners listeners(Tally<ProbeReply.Listener> found) throws IOException {
        return new ProbeReply.Listeners(found.first(), ListenTable.somaxconn(), found.count());
    }

    /** Closes everything held, each whatever the others do; returns what could not be closed (empty: nothing is left open). */
    /** The socket directory this holder shares with implementations (a Unix-domain run), emptied on a reset; null without one. */
    private static final String SHARED_DIRECTORY = System.getenv("GREETER_PROBE_SHARED_DIR");

    private List<String> close() {
        List<String> failed = new java.util.ArrayList<>();
        attempt("held connections", client::closeAll, failed);
        attempt("held Unix-domain connections", unixClient::closeAll, failed);
        ScriptedDatagramServer datagrams = datagramServer;
        datagramServer = null;
        if (datagrams != null) {
            attempt("the scripted UDP server", datagrams::close, failed);
        }
        DatagramRounds.Sent sent = sentDatagrams;
        sentDatagrams = null;
        if (sent != null) {
            attempt("the pending UDP peers", sent::close, failed);
        }
        PacketCapture captured = capture;
        capture = null;
        if (captured != null) {
            attempt("the packet capture", captured::close, failed);
        }
        ServingScript serving = server;
        server = null;
        if (serving != null) {
            attempt("the scripted server", serving::close, failed);
        }
        if (SHARED_DIRECTORY != null && !SHARED_DIRECTORY.isEmpty()) {
            attempt("the shared socket directory", () -> SharedDirectory.empty(java.nio.file.Path.of(SHARED_DIRECTORY)), failed);
        }
        return failed;
    }

    private interface Closing {
        void run() throws IOException;
    }

    private static void attempt(String what, Closing closing, List<String> failed) {
        try {
            closing.run();
        } catch (IOException | RuntimeException e) {
            failed.add(what + " (" + e + ")");
        }
    }
}
