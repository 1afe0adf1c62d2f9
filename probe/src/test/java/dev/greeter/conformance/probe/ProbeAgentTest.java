package dev.greeter.conformance.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** The agent over plain streams, as it runs on the container's stdin and stdout. */
class ProbeAgentTest {

    private static List<ProbeCodec.Message<ProbeReply>> converse(String input) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ProbeAgent.run(new ByteArrayInputStream(input.getBytes(StandardCharsets.ISO_8859_1)),
                new PrintStream(out, true, StandardCharsets.US_ASCII));
        List<ProbeCodec.Message<ProbeReply>> replies = new ArrayList<>();
        for (String line : out.toString(StandardCharsets.US_ASCII).split("\n", -1)) {
            if (!line.isEmpty()) {
                replies.add(ProbeCodec.decode(ProbeReply.class, line));
            }
        }
        assertThat(out.toString(StandardCharsets.US_ASCII)).endsWith("\n");
        return replies;
    }

    private static String request(long id, ProbeRequest r) {
        return ProbeCodec.encode(ProbeRequest.class, id, r) + "\n";
    }

    @Test
    void answersEveryLineInOrderAndSaysWhatWasWrongWithBadOnes() throws Exception {
        List<ProbeCodec.Message<ProbeReply>> replies = converse(
                request(1, new ProbeRequest.Hello(ProbeCodec.PROTOCOL))
                        + "hello agent\n"
                        + ProbeCodec.PREFIX + "{\"id\":3,\"type\":\"ListenState\",\"body\":{\"port\":\"x\"}}\n"
                        + ProbeCodec.PREFIX + "{\"id\":4,\"type\":\"Reboot\",\"body\":{}}\n"
                        + ProbeCodec.PREFIX + "x".repeat(ProbeCodec.MAX_LINE_BYTES + 1) + "\n"
                        + request(6, new ProbeRequest.Hello("greeter-probe/1"))
                        + request(7, new ProbeRequest.StopServing()));
        assertThat(replies).extracting(ProbeCodec.Message::id).containsExactly(1L, 0L, 3L, 4L, 0L, 6L, 7L);
        assertThat(replies.get(0).body()).isEqualTo(new ProbeReply.Ready(ProbeCodec.PROTOCOL));
        assertThat(failure(replies.get(1))).contains("malformed request: not a protocol line");
        assertThat(failure(replies.get(2))).contains("ListenState.port: expected an integer, got a string");
        assertThat(failure(replies.get(3))).contains("unknown type \"Reboot\"");
        assertThat(failure(replies.get(4))).contains("request line of 4194321 bytes is over the limit of 4194304");
        assertThat(failure(replies.get(5))).contains("the harness speaks greeter-probe/1, this agent greeter-probe/2");
        assertThat(replies.get(6).body()).usingRecursiveComparison().isEqualTo(new ProbeReply.ServeReport(0, 0, new byte[0], List.of()));
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void readsTheListenTable() throws Exception {
        List<ProbeCodec.Message<ProbeReply>> replies = converse(request(1, new ProbeRequest.ListenState(-1)));
        assertThat(replies.get(0).body()).isInstanceOfSatisfying(ProbeReply.Listeners.class, l -> assertThat(l.somaxconn()).isPositive());
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void resetClosesTheScriptedServerAndHeldConnectionsSoTheNamespaceCanBeHandedOn() throws Exception {
        int port;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
            port = free.getLocalPort();
        }
        List<ProbeCodec.Message<ProbeReply>> replies = converse(
                request(1, new ProbeRequest.Serve(port, ProbeRequest.ServeMode.SILENT, "Hi\n".getBytes(StandardCharsets.US_ASCII), 1, 0))
                        + request(2, new ProbeRequest.Open("127.0.0.1", port, 2000, 2, new byte[0]))
                        + request(3, new ProbeRequest.ListenState(port))
                        + request(4, new ProbeRequest.Reset())
                        + request(5, new ProbeRequest.ListenState(port))
                        + request(6, new ProbeRequest.Reset())
                        + request(7, new ProbeRequest.StopServing()));
        assertThat(replies).extracting(ProbeCodec.Message::id).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L);
        assertThat(replies.get(1).body()).as("both connections held open before the reset")
                .isEqualTo(new ProbeReply.Opened(List.of(ProbeReply.Outcome.CONNECTED, ProbeReply.Outcome.CONNECTED),
                        ((ProbeReply.Opened) replies.get(1).body()).millis()));
        assertThat(((ProbeReply.Listeners) replies.get(2).body()).sockets()).as("the scripted server listens before the reset").hasSize(1);
        assertThat(replies.get(3).body()).as("reset confirmed").isEqualTo(new ProbeReply.Done());
        assertThat(((ProbeReply.Listeners) replies.get(4).body()).sockets()).as("nothing listens after the reset").isEmpty();
        assertThat(replies.get(5).body()).as("a reset with nothing held is confirmed too").isEqualTo(new ProbeReply.Done());
        assertThat(replies.get(6).body()).as("no scripted server is left to stop").usingRecursiveComparison().isEqualTo(new ProbeReply.ServeReport(0, 0, new byte[0], List.of()));
    }

    private static String failure(ProbeCodec.Message<ProbeReply> reply) {
        assertThat(reply.body()).isInstanceOf(ProbeReply.Failed.class);
        return ((ProbeReply.Failed) reply.body()).error();
    }
}
