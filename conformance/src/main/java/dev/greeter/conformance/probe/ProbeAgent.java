package dev.greeter.conformance.probe;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * Entry point inside the probe container: {@code java -cp probe.jar dev.greeter.conformance.probe.ProbeAgent PORT}.
 * Serves the harness's requests over a control connection; its own traffic never touches the port under test.
 */
public final class ProbeAgent {

    /** First object on every control connection, so the harness knows the agent (not a proxy) answered. */
    public static final String HELLO = "greeter-probe/1";

    private ProbeAgent() {
    }

    public static void main(String[] args) throws IOException {
        int port = Integer.parseInt(args[0]);
        try (ServerSocket control = new ServerSocket(port)) {
            while (true) {
                Socket connection = control.accept();
                Thread session = new Thread(() -> session(connection), "probe-session");
                session.setDaemon(true);
                session.start();
            }
        }
    }

    private static void session(Socket connection) {
        ScriptedClient client = new ScriptedClient();
        ScriptedServer server = null;
        try (connection;
             ObjectOutputStream out = new ObjectOutputStream(connection.getOutputStream())) {
            out.writeObject(HELLO);
            out.flush();
            ObjectInputStream in = new ObjectInputStream(connection.getInputStream());
            while (true) {
                ProbeRequest request = (ProbeRequest) in.readObject();
                ProbeReply reply;
                try {
                    if (request instanceof ProbeRequest.Serve serve) {
                        if (server != null) {
                            server.close();
                        }
                        server = new ScriptedServer(serve);
                        reply = new ProbeReply.Done();
                    } else if (request instanceof ProbeRequest.StopServing) {
                        reply = server == null ? new ProbeReply.ServeReport(0, java.util.List.of()) : server.report();
                        if (server != null) {
                            server.close();
                            server = null;
                        }
                    } else {
                        reply = handle(client, request);
                    }
                } catch (IOException | RuntimeException e) {
                    reply = new ProbeReply.Failed(request + ": " + e);
                }
                out.writeObject(reply);
                out.flush();
                out.reset();
            }
        } catch (IOException | ClassNotFoundException e) {
            // The harness hung up: this session is over.
        } finally {
            client.closeAll();
            if (server != null) {
                try {
                    server.close();
                } catch (IOException ignored) {
                    // Going away anyway.
                }
            }
        }
    }

    private static ProbeReply handle(ScriptedClient client, ProbeRequest request) throws IOException {
        if (request instanceof ProbeRequest.ListenState s) {
            return new ProbeReply.Listeners(ListenTable.listeners(s.port()), ListenTable.somaxconn());
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
        }
        throw new IllegalArgumentException("unknown request " + request);
    }
}
