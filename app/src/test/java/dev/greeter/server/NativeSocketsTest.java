package dev.greeter.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** The JNI library on its own: loaded where the build says, finding the right descriptor, reporting errno. */
@EnabledOnOs(value = OS.LINUX, disabledReason = "the JNI library is built for Linux only")
class NativeSocketsTest {

    @BeforeEach
    void theBuildPutsTheLibraryOnTheTestPath() {
        // If this fails, every NATIVE case of the server tests would be skipped: fail loudly instead.
        assertThat(SocketIo.nativeUnavailableReason()).as("why native I/O is unavailable").isEmpty();
    }

    @Test
    void findsTheListeningChannelsOwnDescriptor() throws IOException {
        try (ServerSocketChannel listener = ServerSocketChannel.open()) {
            listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 5);
            int port = ((InetSocketAddress) listener.getLocalAddress()).getPort();
            int fd = NativeSockets.listenerFd(listener);
            assertThat(fd).as("descriptor").isPositive();
            String link = Files.readSymbolicLink(Path.of("/proc/self/fd/" + fd)).toString();
            assertThat(link).as("/proc/self/fd/" + fd).isEqualTo("socket:[" + listeningInode(port) + "]");
        }
    }

    @Test
    void anEmptyQueueIsNoneQueuedAndABadDescriptorIsAnErrno() throws IOException {
        try (ServerSocketChannel listener = ServerSocketChannel.open()) {
            listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 5);
            listener.configureBlocking(false);
            assertThat(NativeSockets.accept(NativeSockets.listenerFd(listener))).as("accept with nothing queued")
                    .isEqualTo(NativeSockets.NONE_QUEUED);
        }
        int badFd = Integer.MAX_VALUE;
        int accepted = NativeSockets.accept(badFd);
        assertThat(accepted).as("accept on a descriptor that is not open").isNegative().isNotEqualTo(NativeSockets.NONE_QUEUED);
        assertThat(NativeSockets.describe(-accepted)).as("its errno, described").isEqualTo("Bad file descriptor");
        ByteBuffer greeting = ByteBuffer.allocateDirect(4).put(new byte[] {'t', 'e', 's', 't'}).flip();
        assertThat(NativeSockets.greetAndClose(badFd, greeting, 4)).as("greet on a descriptor that is not open")
                .isEqualTo(accepted);
    }

    /** The inode of the socket listening on port, from /proc/net/tcp and tcp6 (state 0A is LISTEN). */
    private static String listeningInode(int port) throws IOException {
        String suffix = ":" + String.format(Locale.ROOT, "%04X", port);
        try (Stream<String> lines = Stream.concat(Files.lines(Path.of("/proc/net/tcp")), Files.lines(Path.of("/proc/net/tcp6")))) {
            List<String[]> found = lines.map(String::trim).map(l -> l.split("\\s+"))
                    .filter(f -> f.length > 9 && f[1].endsWith(suffix) && f[3].equals("0A")).toList();
            assertThat(found).as("LISTEN entries for port " + port).hasSize(1);
            return found.get(0)[9];
        }
    }
}
