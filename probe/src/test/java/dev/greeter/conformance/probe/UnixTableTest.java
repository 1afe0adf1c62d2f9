package dev.greeter.conformance.probe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.greeter.conformance.probe.ProbeReply.FileKind;
import dev.greeter.conformance.probe.ProbeReply.UnixSocket;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UnixTableTest {

    @Test
    void listeningStreamSocketsWithAPathAreFoundByTheirFlagsTypeAndInode() {
        List<String> table = List.of(
                "Num       RefCount Protocol Flags    Type St Inode Path",
                "000000002f520024: 00000003 00000000 00000000 0001 03 4483976",
                "000000006bb845b7: 00000002 00000000 00010000 0001 01 4375222 /run/greeter/greeter.sock",
                "00000000aaaaaaaa: 00000002 00000000 00000000 0001 01 4375223 /run/greeter/stale.sock",
                "00000000bbbbbbbb: 00000002 00000000 00000000 0002 01 4375224 /run/dgram.sock",
                "00000000cccccccc: 00000002 00000000 00010000 0001 01 4375225 @abstract",
                "00000000dddddddd: 00000002 00000000 00010000 0001 01 4375226 /run/a path with spaces.sock");
        assertThat(UnixTable.parse(table)).containsExactly(
                new UnixSocket("/run/greeter/greeter.sock", 4375222L, true),
                new UnixSocket("/run/greeter/stale.sock", 4375223L, false),
                new UnixSocket("@abstract", 4375225L, true),
                new UnixSocket("/run/a path with spaces.sock", 4375226L, true));
    }

    @Test
    void anEmptyTableHasNoSockets() {
        assertThat(UnixTable.parse(List.of())).isEmpty();
        assertThat(UnixTable.parse(List.of("Num       RefCount Protocol Flags    Type St Inode Path"))).isEmpty();
    }

    @Test
    void aSocketFileIsToldFromNoneAndFromAPlainFile(@TempDir Path dir) throws IOException {
        Path socket = dir.resolve("s.sock");
        assertThat(UnixTable.kind(socket)).isEqualTo(FileKind.NONE);
        try (ServerSocketChannel channel = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.bind(UnixDomainSocketAddress.of(socket));
            assertThat(UnixTable.kind(socket)).isEqualTo(FileKind.SOCKET);
            // This machine's own table lists it, listening, under its path.
            assertThat(UnixTable.state(socket.toString()).sockets()).singleElement().satisfies(s -> assertThat(s.listening()).isTrue());
        }
        assertThat(UnixTable.kind(socket)).as("closing leaves the file: a stale socket").isEqualTo(FileKind.SOCKET);
        assertThat(UnixTable.state(socket.toString()).sockets()).isEmpty();
        assertThat(UnixTable.kind(Files.writeString(dir.resolve("plain"), "x"))).isEqualTo(FileKind.OTHER);
    }
}
