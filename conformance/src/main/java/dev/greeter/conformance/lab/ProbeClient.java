package dev.greeter.conformance.lab;

import dev.greeter.conformance.probe.ProbeAgent;
import dev.greeter.conformance.probe.ProbeReply;
import dev.greeter.conformance.probe.ProbeRequest;
import dev.greeter.conformance.run.HarnessException;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;

/** The harness's end of a probe's control connection: one request, one reply, in order. */
public final class ProbeClient implements AutoCloseable {

    /** No probe request takes longer than this; a probe that does not answer by then is broken. */
    private static final int REPLY_TIMEOUT_MS = 120_000;

    private final Socket socket;
    private final ObjectOutputStream out;
    private final ObjectInputStream in;

    private ProbeClient(Socket socket) throws IOException {
        this.socket = socket;
        socket.setSoTimeout(REPLY_TIMEOUT_MS);
        this.out = new ObjectOutputStream(socket.getOutputStream());
        this.in = new ObjectInputStream(socket.getInputStream());
    }

    /** Connects and reads the agent's hello; fails while the agent is not up (a port proxy alone says nothing). */
    static ProbeClient connect(String host, int port) throws IOException {
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(host, port), 2_000);
            socket.setSoTimeout(2_000);
            ProbeClient client = new ProbeClient(socket);
            Object hello = client.in.readObject();
            if (!ProbeAgent.HELLO.equals(hello)) {
                throw new IOException("unexpected hello " + hello);
            }
            return client;
        } catch (IOException | ClassNotFoundException | RuntimeException e) {
            socket.close();
            throw e instanceof IOException io ? io : new IOException(e);
        }
    }

    public <T extends ProbeReply> T call(ProbeRequest request, Class<T> replyType) {
        Object reply;
        try {
            out.writeObject(request);
            out.flush();
            out.reset();
            reply = in.readObject();
        } catch (IOException | ClassNotFoundException e) {
            throw new HarnessException("probe did not answer " + request.getClass().getSimpleName() + ": " + e, e);
        }
        if (reply instanceof ProbeReply.Failed failed) {
            throw new HarnessException("probe failed: " + failed.error());
        }
        if (!replyType.isInstance(reply)) {
            throw new HarnessException("probe answered " + reply + " to " + request);
        }
        return replyType.cast(reply);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
