package dev.greeter.conformance.probe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.greeter.conformance.probe.ProbeReply.End;
import dev.greeter.conformance.probe.ProbeReply.ExchangeResult;
import dev.greeter.conformance.probe.ProbeReply.Outcome;
import dev.greeter.conformance.probe.ProbeRequest.UnixServeMode;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The probe's Unix-domain client and scripted server against each other and against this kernel. */
class UnixClientTest {

    private static final byte[] GREETING = "Thank you for connecting".getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path dir;

    @Test
    void aFullQueueFailsTheNextConnectAtOnceAndEveryQueuedConnectionIsServedLater() throws Exception {
        Path path = dir.resolve("q.sock");
        UnixClient client = new UnixClient();
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(path), 2);
            ProbeReply.Opened opened = client.open(new ProbeRequest.UnixOpen(path.toString(), 5, new byte[0]));
            assertThat(opened.attempts()).as("backlog 2: three queue, the rest get EAGAIN")
                    .containsExactly(Outcome.CONNECTED, Outcome.CONNECTED, Outcome.CONNECTED, Outcome.QUEUE_FULL, Outcome.QUEUE_FULL);
            for (int i = 0; i < 3; i++) {
                try (SocketChannel accepted = server.accept()) {
                    accepted.write(ByteBuffer.wrap(GREETING));
                }
            }
            ProbeReply.Drained drained = client.drain(new ProbeRequest.UnixDrain(5_000, true));
            assertThat(drained.results()).hasSize(3).allMatch(ExchangeResult::served);
        }
    }

    @Test
    void theScriptedServerGreetsThenItsFileGoesAndAStaleFileRefuses() throws Exception {
        String path = dir.resolve("g.sock").toString();
        UnixClient client = new UnixClient();
        try (UnixScriptedServer server = new UnixScriptedServer(new ProbeRequest.UnixServe(path, UnixServeMode.GREET, GREETING))) {
            ExchangeResult r = client.exchange(new ProbeRequest.UnixExchange(path, 5_000, false));
            assertThat(r.received()).isEqualTo(GREETING);
            assertThat(r.end()).isEqualTo(End.FIN);
            assertThat(server.report().accepted()).isEqualTo(1);
            assertThat(Files.getPosixFilePermissions(Path.of(path))).hasSize(6);
        }
        assertThat(Files.exists(Path.of(path))).as("stopping removes the scripted server's file").isFalse();
        ExchangeResult missing = client.exchange(new ProbeRequest.UnixExchange(path, 1_000, false));
        assertThat(missing.outcome()).isEqualTo(Outcome.REFUSED);
        assertThat(missing.trace()).anyMatch(e -> e.contains("ENOENT"));

        new UnixScriptedServer(new ProbeRequest.UnixServe(path, UnixServeMode.STALE, new byte[0])).close();
        assertThat(UnixTable.kind(Path.of(path))).isEqualTo(ProbeReply.FileKind.SOCKET);
        ExchangeResult stale = client.exchange(new ProbeRequest.UnixExchange(path, 1_000, false));
        assertThat(stale.outcome()).isEqualTo(Outcome.REFUSED);
        assertThat(stale.trace()).anyMatch(e -> e.contains("ECONNREFUSED"));

        new UnixScriptedServer(new ProbeRequest.UnixServe(path, UnixServeMode.ABSENT, new byte[0])).close();
        assertThat(Files.exists(Path.of(path))).isFalse();
    }

    @Test
    void aSilentServerLeavesTheConnectionOpenUntilTheBound() throws Exception {
        String path = dir.resolve("s.sock").toString();
        try (UnixScriptedServer server = new UnixScriptedServer(new ProbeRequest.UnixServe(path, UnixServeMode.SILENT, GREETING))) {
            ExchangeResult r = new UnixClient().exchange(new ProbeRequest.UnixExchange(path, 300, false));
            assertThat(r.outcome()).isEqualTo(Outcome.CONNECTED);
            assertThat(r.received()).isEmpty();
            assertThat(r.end()).isEqualTo(End.BOUND);
        }
    }

    @Test
    void aServerThatClosesWithUnreadDataResetsTheClient() throws Exception {
        Path path = dir.resolve("r.sock");
        List<ExchangeResult> seen = Collections.synchronizedList(new java.util.ArrayList<>());
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(path));
            try (SocketChannel c = SocketChannel.open(UnixDomainSocketAddress.of(path))) {
                c.write(ByteBuffer.wrap(new byte[] {1}));
                server.accept().close();
                ByteBuffer b = ByteBuffer.allocate(1);
                try {
                    c.read(b);
                } catch (java.net.SocketException e) {
                    seen.add(null);
                }
            }
        }
        assertThat(seen).as("Linux resets a Unix-domain peer that closes with unread data: the reset the probe reports").hasSize(1);
    }
}
