package dev.greeter.conformance.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.StreamType;
import dev.greeter.conformance.probe.LineAssembler;
import dev.greeter.conformance.probe.ProbeAgent;
import dev.greeter.conformance.probe.ProbeCodec;
import dev.greeter.conformance.probe.ProbeReply;
import dev.greeter.conformance.probe.ProbeRequest;
import dev.greeter.conformance.config.HarnessException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The harness's end of the control channel against an in-process agent, frames chunked as Docker pleases. */
class ProbeClientTest {

    private final ProbeClient client = ProbeClient.detached("test");
    private final Random random = new Random(1);

    @AfterEach
    void close() {
        client.close();
    }

    /** Stdout as Docker delivers it: frames of any size, with the agent's lines split anywhere. */
    private OutputStream frames(StreamType type) {
        return new OutputStream() {
            @Override
            public void write(int b) {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public synchronized void write(byte[] b, int off, int len) {
                int at = off;
                while (at < off + len) {
                    int n = Math.min(off + len - at, 1 + random.nextInt(7));
                    client.frames().onNext(new Frame(type, Arrays.copyOfRange(b, at, at + n)));
                    at += n;
                }
            }
        };
    }

    private void agent() {
        PrintStream stdout = new PrintStream(frames(StreamType.STDOUT), true, StandardCharsets.US_ASCII);
        Thread t = new Thread(() -> {
            try {
                ProbeAgent.run(client.requests(), stdout);
                client.frames().onComplete();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        t.setDaemon(true);
        t.start();
    }

    /** A fake agent that answers each request line with what {@code answer} makes of it. */
    private void fake(Function<String, String> answer) {
        PrintStream stdout = new PrintStream(frames(StreamType.STDOUT), true, StandardCharsets.ISO_8859_1);
        Thread t = new Thread(() -> {
            try {
                byte[] buffer = new byte[4096];
                LineAssembler lines = new LineAssembler(1 << 20, new LineAssembler.Sink() {
                    @Override
                    public void line(String line) {
                        String reply = answer.apply(line);
                        if (reply != null) {
                            stdout.print(reply + "\n");
                        }
                    }

                    @Override
                    public void overlong(String head, long length) {
                    }
                });
                for (int n; (n = client.requests().read(buffer)) >= 0; ) {
                    lines.feed(buffer, 0, n);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        t.setDaemon(true);
        t.start();
    }

    private static long id(String requestLine) {
        try {
            return ProbeCodec.decode(ProbeRequest.class, requestLine).id();
        } catch (ProbeCodec.MalformedMessageException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void talksToTheAgentThroughChunkedFramesIgnoringStrayOutput() throws Exception {
        agent();
        PrintStream stray = new PrintStream(frames(StreamType.STDOUT), true, StandardCharsets.US_ASCII);
        stray.print("Picked up JAVA_TOOL_OPTIONS: -Dx=1\n");
        client.hello(Duration.ofSeconds(10));
        for (int i = 0; i < 20; i++) {
            assertThat(client.call(new ProbeRequest.StopServing(), ProbeReply.ServeReport.class).accepted()).isZero();
        }
    }

    @Test
    void theAgentsFailureIsAHarnessException() {
        agent();
        assertThatThrownBy(() -> client.call(new ProbeRequest.Hello("greeter-probe/0"), ProbeReply.Ready.class))
                .isInstanceOf(HarnessException.class)
                .hasMessage("probe failed: the harness speaks greeter-probe/0, this agent greeter-probe/2");
    }

    @Test
    void aReplyOfTheWrongTypeIsAHarnessException() {
        agent();
        assertThatThrownBy(() -> client.call(new ProbeRequest.StopServing(), ProbeReply.Done.class))
                .isInstanceOf(HarnessException.class)
                .hasMessage("probe answered ServeReport to StopServing (expected Done)");
    }

    @Test
    void aMalformedReplyIsAHarnessExceptionNamingTheProblem() {
        fake(line -> ProbeCodec.PREFIX + "{\"id\":" + id(line) + ",\"type\":\"Done\",\"body\":{\"extra\":1}}");
        assertThatThrownBy(() -> client.call(new ProbeRequest.StopServing(), ProbeReply.Done.class))
                .isInstanceOf(HarnessException.class)
                .hasMessage("probe's reply to StopServing is malformed: Done: unknown member \"extra\"");
    }

    @Test
    void aReplyToAnotherRequestIsAHarnessException() {
        fake(line -> ProbeCodec.encode(ProbeReply.class, id(line) + 5, new ProbeReply.Done()));
        assertThatThrownBy(() -> client.call(new ProbeRequest.StopServing(), ProbeReply.Done.class))
                .isInstanceOf(HarnessException.class)
                .hasMessage("probe answered request 6 while 1 (StopServing) was pending");
    }

    @Test
    void silenceIsAHarnessExceptionAfterTheBoundAndALateReplyIsSkipped() {
        fake(line -> id(line) == 1 ? null : ProbeCodec.encode(ProbeReply.class, id(line), new ProbeReply.Done()));
        PrintStream stderr = new PrintStream(frames(StreamType.STDERR), true, StandardCharsets.ISO_8859_1);
        stderr.print("Exception in thread \"main\" \u001b[31mboom\n");
        assertThatThrownBy(() -> client.call(new ProbeRequest.StopServing(), ProbeReply.Done.class, Duration.ofMillis(300)))
                .isInstanceOf(HarnessException.class)
                .hasMessage("probe did not answer StopServing within 300 ms; probe's last output: stderr \"Exception in thread \\\"main\\\" \\x1b[31mboom\"");
        // The late answer to request 1 is not taken for request 2's.
        client.frames().onNext(new Frame(StreamType.STDOUT,
                (ProbeCodec.encode(ProbeReply.class, 1, new ProbeReply.ServeReport(0, 0, new byte[0], java.util.List.of())) + "\n").getBytes(StandardCharsets.US_ASCII)));
        assertThat(client.call(new ProbeRequest.StopServing(), ProbeReply.Done.class)).isEqualTo(new ProbeReply.Done());
    }

    @Test
    void anOverlongReplyIsAHarnessException() {
        fake(line -> ProbeCodec.PREFIX + "x".repeat(ProbeCodec.MAX_LINE_BYTES + 1));
        assertThatThrownBy(() -> client.call(new ProbeRequest.StopServing(), ProbeReply.Done.class))
                .isInstanceOf(HarnessException.class)
                .hasMessageContaining("over the protocol's limit of 4194304");
    }

    @Test
    void anEndedStreamFailsThisCallAndEveryLaterOne() {
        fake(line -> {
            client.frames().onComplete();
            return null;
        });
        assertThatThrownBy(() -> client.call(new ProbeRequest.StopServing(), ProbeReply.Done.class))
                .isInstanceOf(HarnessException.class)
                .hasMessageContaining("probe did not answer StopServing: the probe container's output ended");
        assertThatThrownBy(() -> client.call(new ProbeRequest.StopServing(), ProbeReply.Done.class))
                .isInstanceOf(HarnessException.class)
                .hasMessageContaining("probe cannot take StopServing: the probe container's output ended");
    }
}
