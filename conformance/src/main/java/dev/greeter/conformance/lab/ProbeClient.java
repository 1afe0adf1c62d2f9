package dev.greeter.conformance.lab;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.StreamType;
import dev.greeter.conformance.probe.LineAssembler;
import dev.greeter.conformance.probe.Printable;
import dev.greeter.conformance.probe.ProbeCodec;
import dev.greeter.conformance.probe.ProbeCodec.MalformedMessageException;
import dev.greeter.conformance.probe.ProbeReply;
import dev.greeter.conformance.probe.ProbeRequest;
import dev.greeter.conformance.config.HarnessException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The harness's end of a probe's control channel: the probe container's own stdin and stdout, attached
 * through the Docker API, one {@link ProbeCodec} line each way per request. Nothing listens anywhere,
 * so the implementation under test, which shares the probe's network namespace, cannot reach it.
 * One request at a time; callers on several threads take turns.
 */
public final class ProbeClient implements AutoCloseable {

    /** No probe request takes longer than this; a probe that does not answer by then is broken. */
    static final Duration REPLY_TIMEOUT = Duration.ofSeconds(120);

    /** How many lines of the agent's other output (stderr, stray stdout) are kept to explain a failure. */
    private static final int KEPT_LINES = 20;

    private final String containerId;
    private final Stdin stdin = new Stdin();
    private final BlockingQueue<Inbound> inbound = new LinkedBlockingQueue<>();
    private final Deque<String> otherOutput = new ArrayDeque<>();
    private final Attachment attachment = new Attachment();
    private volatile String ended;
    private volatile boolean faulted;
    private long lastId;

    /** What the attach stream delivers to a waiting call. */
    private sealed interface Inbound {
    }

    private record ProtocolLine(String line) implements Inbound {
    }

    private record Overlong(long length) implements Inbound {
    }

    private record Ended(String why) implements Inbound {
    }

    private ProbeClient(String containerId) {
        this.containerId = containerId;
    }

    /**
     * Attaches to a created (not yet started) probe container, so that nothing it writes is missed.
     * The container must have been created with stdin open and no TTY.
     */
    static ProbeClient attach(String containerId) {
        ProbeClient client = new ProbeClient(containerId);
        Containers.docker().attachContainerCmd(containerId)
                .withStdIn(client.stdin)
                .withStdOut(true)
                .withStdErr(true)
                .withFollowStream(true)
                .exec(client.attachment);
        try {
            if (!client.attachment.awaitStarted(30, TimeUnit.SECONDS)) {
                client.close();
                throw new HarnessException("could not attach to probe container " + containerId + " within 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            client.close();
            throw new HarnessException("interrupted while attaching to a probe", e);
        }
        return client;
    }

    /** For tests: a client attached to nothing; whatever reads {@link #requests()} and feeds {@link #frames()} plays the container. */
    static ProbeClient detached(String name) {
        return new ProbeClient(name);
    }

    InputStream requests() {
        return stdin;
    }

    ResultCallback<Frame> frames() {
        return attachment;
    }

    /** The first exchange: the agent itself (nothing else writes protocol lines to its stdout) is up and speaks our protocol. */
    void hello(Duration bound) {
        ProbeReply.Ready ready = call(new ProbeRequest.Hello(ProbeCodec.PROTOCOL), ProbeReply.Ready.class, bound);
        if (!ProbeCodec.PROTOCOL.equals(ready.protocol())) {
            throw new HarnessException("probe speaks " + Printable.quote(ready.protocol(), 64) + ", not " + ProbeCodec.PROTOCOL);
        }
    }

    public <T extends ProbeReply> T call(ProbeRequest request, Class<T> replyType) {
        return call(request, replyType, REPLY_TIMEOUT);
    }

    /**
     * Whether a call ever failed (no answer in time, a malformed one, an answer out of turn): what the agent still holds is
     * then unknown, and its namespace is never handed on ({@link Lab#release}). An answer that the request failed for want
     * of a port (the implementation took them) is an answer: the agent is done with it.
     */
    boolean faulted() {
        return faulted;
    }

    synchronized <T extends ProbeReply> T call(ProbeRequest request, Class<T> replyType, Duration bound) {
        try {
            return answer(request, replyType, bound);
        } catch (ImplementationObstructed e) {
            // The agent answered that the implementation left it no port: it is done with the request, nothing is unknown.
            throw e;
        } catch (RuntimeException e) {
            faulted = true;
            throw e;
        }
    }

    private <T extends ProbeReply> T answer(ProbeRequest request, Class<T> replyType, Duration bound) {
        String what = request.getClass().getSimpleName();
        if (ended != null) {
            throw new HarnessException("probe cannot take " + what + ": " + ended + diagnostics());
        }
        long id = ++lastId;
        try {
            stdin.write((ProbeCodec.encode(ProbeRequest.class, id, request) + "\n").getBytes(StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new HarnessException("probe cannot take " + what + ": " + e.getMessage() + diagnostics(), e);
        }
        long deadline = System.nanoTime() + bound.toNanos();
        while (true) {
            Inbound next;
            try {
                next = inbound.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new HarnessException("interrupted while waiting for the probe to answer " + what, e);
            }
            if (next == null) {
                throw new HarnessException("probe did not answer " + what + " within "
                        + (bound.toMillis() % 1000 == 0 ? bound.toSeconds() + " s" : bound.toMillis() + " ms") + diagnostics());
            } else if (next instanceof Ended e) {
                inbound.add(e);
                throw new HarnessException("probe did not answer " + what + ": " + e.why() + diagnostics());
            } else if (next instanceof Overlong o) {
                throw new HarnessException("probe's reply to " + what + " is a line of " + o.length()
                        + " bytes, over the protocol's limit of " + ProbeCodec.MAX_LINE_BYTES);
            }
            ProbeCodec.Message<ProbeReply> message;
            try {
                message = ProbeCodec.decode(ProbeReply.class, ((ProtocolLine) next).line());
            } catch (MalformedMessageException e) {
                throw new HarnessException("probe's reply to " + what + " is malformed: " + e.getMessage());
            }
            if (message.id() < id && message.id() != 0) {
                // The late answer to a request that timed out: that call has already failed.
                continue;
            }
            ProbeReply reply = message.body();
            if (message.id() == 0 && reply instanceof ProbeReply.Failed failed) {
                throw new HarnessException("probe could not read " + what + ": " + failed.error());
            } else if (message.id() != id) {
                throw new HarnessException("probe answered request " + message.id() + " while " + id + " (" + what + ") was pending");
            } else if (reply instanceof ProbeReply.Failed failed) {
                // The ports of a namespace the probe shares with the implementation ran out: what the implementation did.
                throw ImplementationObstructed.of("probe failed", failed.error());
            } else if (!replyType.isInstance(reply)) {
                throw new HarnessException("probe answered " + reply.getClass().getSimpleName() + " to " + what
                        + " (expected " + replyType.getSimpleName() + ")");
            }
            return replyType.cast(reply);
        }
    }

    /** The agent's last lines of other output (stderr, stray stdout), escaped, for a failure message. */
    private String diagnostics() {
        synchronized (otherOutput) {
            return otherOutput.isEmpty() ? "" : "; probe's last output: " + String.join(" | ", otherOutput);
        }
    }

    private void keep(String stream, String line) {
        synchronized (otherOutput) {
            if (otherOutput.size() == KEPT_LINES) {
                otherOutput.removeFirst();
            }
            otherOutput.addLast(stream + " " + Printable.quote(line.getBytes(StandardCharsets.ISO_8859_1), 200));
        }
    }

    /** Ends the attachment: stdin closes (the agent sees end of input) and the stream is released. */
    @Override
    public void close() {
        stdin.close();
        try {
            attachment.close();
        } catch (IOException ignored) {
            // Released anyway with the container.
        }
    }

    /** Receives the container's stdout and stderr in frames of any size, and makes lines of them. */
    private final class Attachment extends ResultCallback.Adapter<Frame> {

        private final LineAssembler stdout = new LineAssembler(ProbeCodec.MAX_LINE_BYTES + ProbeCodec.PREFIX.length(),
                new LineAssembler.Sink() {
                    @Override
                    public void line(String line) {
                        if (ProbeCodec.isProtocolLine(line)) {
                            inbound.add(new ProtocolLine(line));
                        } else {
                            keep("stdout", line);
                        }
                    }

                    @Override
                    public void overlong(String head, long length) {
                        if (ProbeCodec.isProtocolLine(head)) {
                            inbound.add(new Overlong(length));
                        } else {
                            keep("stdout", head + "... (" + length + " bytes)");
                        }
                    }
                });

        private final LineAssembler stderr = new LineAssembler(4096, new LineAssembler.Sink() {
            @Override
            public void line(String line) {
                keep("stderr", line);
            }

            @Override
            public void overlong(String head, long length) {
                keep("stderr", head + "... (" + length + " bytes)");
            }
        });

        @Override
        public void onNext(Frame frame) {
            byte[] payload = frame.getPayload();
            if (payload == null) {
                return;
            }
            // Frames come from one reader thread, in order.
            if (frame.getStreamType() == StreamType.STDERR) {
                stderr.feed(payload, 0, payload.length);
            } else {
                stdout.feed(payload, 0, payload.length);
            }
        }

        @Override
        public void onError(Throwable throwable) {
            end("the attach stream to container " + containerId + " failed: " + throwable);
            super.onError(throwable);
        }

        @Override
        public void onComplete() {
            end("the probe container's output ended (the agent exited or the container stopped)");
            super.onComplete();
        }

        private void end(String why) {
            if (ended == null) {
                String pending = stderr.pending();
                if (!pending.isEmpty()) {
                    keep("stderr", pending);
                }
                ended = why;
                inbound.add(new Ended(why));
            }
        }
    }

    /** The probe's stdin: what {@link #call} writes, read by the Docker transport's copying thread. */
    private static final class Stdin extends InputStream {
        private final Deque<byte[]> chunks = new ArrayDeque<>();
        private byte[] current;
        private int position;
        private boolean closed;

        synchronized void write(byte[] bytes) throws IOException {
            if (closed) {
                throw new IOException("the probe's stdin is closed");
            }
            chunks.addLast(bytes);
            notifyAll();
        }

        @Override
        public synchronized int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public synchronized int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            while (current == null || position == current.length) {
                if (!chunks.isEmpty()) {
                    current = chunks.removeFirst();
                    position = 0;
                } else if (closed) {
                    return -1;
                } else {
                    try {
                        wait();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new InterruptedIOException("interrupted waiting for a request");
                    }
                }
            }
            int n = Math.min(len, current.length - position);
            System.arraycopy(current, position, b, off, n);
            position += n;
            return n;
        }

        @Override
        public synchronized void close() {
            closed = true;
            chunks.clear();
            notifyAll();
        }
    }
}
