package dev.greeter.conformance.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.greeter.conformance.probe.ProbeReply.FileKind;
import dev.greeter.conformance.probe.ProbeReply.UnixSocket;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UnixTableTest {

    private static final String PATH = "/run/greeter/greeter.sock";
    private static final int SEQ = 7;

    /** One SOCK_DIAG_BY_FAMILY message as the kernel builds it: unix_diag_msg, then UNIX_DIAG_NAME and UNIX_DIAG_VFS. */
    private static byte[] message(int seq, int type, int state, long inode, byte[] name, long vfsInode) {
        int nameAttr = 4 + name.length;
        int length = 16 + 16 + ((nameAttr + 3) & ~3) + 12;
        ByteBuffer b = ByteBuffer.allocate(length).order(ByteOrder.nativeOrder());
        b.putInt(length).putShort((short) 20).putShort((short) 2).putInt(seq).putInt(0);
        b.put((byte) 1).put((byte) type).put((byte) state).put((byte) 0).putInt((int) inode).putInt(0).putInt(0);
        b.putShort((short) nameAttr).putShort((short) 0).put(name);
        b.position(b.position() + (((nameAttr + 3) & ~3) - nameAttr));
        b.putShort((short) 12).putShort((short) 1).putInt((int) vfsInode).putInt(0x801);
        return b.array();
    }

    private static byte[] done(int seq) {
        return ByteBuffer.allocate(20).order(ByteOrder.nativeOrder()).putInt(20).putShort((short) 3).putShort((short) 2).putInt(seq)
                .putInt(0).putInt(0).array();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private static byte[] pathName(String path) {
        return (path + "\0").getBytes(StandardCharsets.UTF_8);
    }

    private static UnixTable.Found found(byte[] datagram, OptionalLong file) throws IOException {
        UnixTable.Found found = new UnixTable.Found();
        List<UnixDiag.Entry> entries = new ArrayList<>();
        assertThat(UnixDiag.parse(ByteBuffer.wrap(datagram), SEQ, entries::add)).as("the datagram ends the dump").isTrue();
        entries.forEach(e -> found.add(e, PATH.getBytes(StandardCharsets.UTF_8), file));
        return found;
    }

    @Test
    void aListeningStreamSocketIsOnThePathOnlyByItsNameBytesAndItsSocketFile() throws IOException {
        byte[] reply = concat(
                message(SEQ, 1, 10, 4375222, pathName(PATH), 900),
                message(SEQ, 1, 1, 4375230, pathName(PATH), 900),
                message(SEQ, 1, 10, 4375223, pathName("/run/greeter/other.sock"), 901),
                message(SEQ, 2, 7, 4375224, pathName(PATH), 900),
                message(SEQ, 1, 7, 4375225, new byte[0], 0),
                done(SEQ));
        UnixTable.Found found = found(reply, OptionalLong.of(900));
        assertThat(found.atPath()).as("connected and listening stream sockets of the file; never the datagram one").containsExactly(
                new UnixSocket(PATH, 4375230L, false), new UnixSocket(PATH, 4375222L, true));
        assertThat(found.listening()).containsExactly(new UnixSocket(PATH, 4375222L, true),
                new UnixSocket("/run/greeter/other.sock", 4375223L, true));
        assertThat(found.listeningCount()).isEqualTo(2);

        assertThat(found(reply, OptionalLong.of(999)).atPath()).as("the file at the path is another one (the socket's was unlinked)")
                .isEmpty();
        assertThat(found(reply, OptionalLong.empty()).atPath()).as("no file at the path").isEmpty();
        assertThat(found(reply, OptionalLong.of((7L << 32) | 900)).atPath()).as("a 64-bit inode number, of which the kernel reports"
                + " the low 32 bits").hasSize(2);
    }

    @Test
    void anAbstractNameHoldingAForgedRowIsNeitherThePathNorUnreadable() throws IOException {
        byte[] forged = concat(new byte[] {0}, ("x\n0000000000000000: 00000002 00000000 00010000 0001 01 4242 " + PATH)
                .getBytes(StandardCharsets.US_ASCII));
        byte[] notUtf8 = {0, (byte) 0xff, (byte) 0xfe, '\n', (byte) 0xc3};
        UnixTable.Found found = found(concat(message(SEQ, 1, 10, 4242, forged, 0), message(SEQ, 1, 10, 4243, notUtf8, 0), done(SEQ)),
                OptionalLong.of(900));
        assertThat(found.atPath()).isEmpty();
        assertThat(found.listening()).extracting(UnixSocket::path).containsExactly(
                "@x\\n0000000000000000: 00000002 00000000 00010000 0001 01 4242 " + PATH,
                "@\\xef\\xbf\\xbd\\xef\\xbf\\xbd\\n\\xef\\xbf\\xbd");
    }

    @Test
    void listsAreBoundedButEveryListeningSocketIsCounted() throws IOException {
        List<byte[]> parts = new ArrayList<>();
        for (int i = 0; i < UnixTable.KEPT + 10; i++) {
            parts.add(message(SEQ, 1, 10, 1000 + i, pathName("/s" + i), 1));
        }
        parts.add(done(SEQ));
        UnixTable.Found found = found(concat(parts.toArray(byte[][]::new)), OptionalLong.empty());
        assertThat(found.listening()).hasSize(UnixTable.KEPT);
        assertThat(found.listeningCount()).isEqualTo(UnixTable.KEPT + 10);
    }

    @Test
    void aMultipartDumpGoesOnUntilDoneAndAnErrorOrABadLengthIsAnIoException() throws IOException {
        List<UnixDiag.Entry> entries = new ArrayList<>();
        assertThat(UnixDiag.parse(ByteBuffer.wrap(message(SEQ, 1, 10, 1, pathName(PATH), 1)), SEQ, entries::add)).isFalse();
        assertThat(UnixDiag.parse(ByteBuffer.wrap(message(SEQ + 1, 1, 10, 2, pathName(PATH), 1)), SEQ, entries::add))
                .as("another request's message is skipped").isFalse();
        assertThat(entries).hasSize(1);

        byte[] error = ByteBuffer.allocate(20).order(ByteOrder.nativeOrder()).putInt(20).putShort((short) 2).putShort((short) 0)
                .putInt(SEQ).putInt(0).putInt(-22).array();
        assertThatThrownBy(() -> UnixDiag.parse(ByteBuffer.wrap(error), SEQ, e -> { })).isInstanceOf(IOException.class)
                .hasMessageContaining("errno 22");

        byte[] cut = message(SEQ, 1, 10, 1, pathName(PATH), 1);
        ByteBuffer.wrap(cut).order(ByteOrder.nativeOrder()).putInt(0, cut.length + 4);
        assertThatThrownBy(() -> UnixDiag.parse(ByteBuffer.wrap(cut), SEQ, e -> { })).isInstanceOf(IOException.class)
                .hasMessageContaining("malformed");
        byte[] badAttribute = message(SEQ, 1, 10, 1, pathName(PATH), 1);
        ByteBuffer.wrap(badAttribute).order(ByteOrder.nativeOrder()).putShort(32, (short) 500);
        assertThatThrownBy(() -> UnixDiag.parse(ByteBuffer.wrap(badAttribute), SEQ, e -> { })).isInstanceOf(IOException.class)
                .hasMessageContaining("malformed");
    }

    @Test
    void theKernelsTableOfThisMachineShowsASocketListeningOnItsFileUntilItCloses(@TempDir Path dir) throws IOException {
        Path socket = dir.resolve("s.sock");
        assertThat(UnixTable.kind(socket)).isEqualTo(FileKind.NONE);
        try (ServerSocketChannel channel = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.bind(UnixDomainSocketAddress.of(socket));
            assertThat(UnixTable.kind(socket)).isEqualTo(FileKind.SOCKET);
            ProbeReply.UnixSockets state = UnixTable.state(socket.toString());
            assertThat(state.sockets()).as("this machine's own table lists it, listening, under its path").singleElement()
                    .satisfies(s -> assertThat(s.listening()).isTrue());
            assertThat(state.listening()).contains(state.sockets().get(0));

            Path moved = dir.resolve("moved.sock");
            Files.move(socket, moved);
            assertThat(UnixTable.state(socket.toString()).sockets()).as("its file was moved away: nothing listens at the path").isEmpty();
            Files.move(moved, socket);
            try (SocketChannel client = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
                assertThat(UnixTable.state(socket.toString()).sockets()).as("a client connected: it still listens")
                        .anySatisfy(s -> assertThat(s.listening()).isTrue());
            }
        }
        assertThat(UnixTable.kind(socket)).as("closing leaves the file: a stale socket").isEqualTo(FileKind.SOCKET);
        assertThat(UnixTable.state(socket.toString()).sockets()).isEmpty();
        assertThat(UnixTable.kind(Files.writeString(dir.resolve("plain"), "x"))).isEqualTo(FileKind.OTHER);
    }
}
