package dev.greeter.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** The FFM downcalls on their own: available under the test's flags, a real listening socket, errno reported. */
@EnabledOnOs(value = OS.LINUX, disabledReason = "native I/O is Linux only")
class NativeSocketsTest {

    @BeforeEach
    void theTestJvmAllowsNativeAccess() {
        // If this fails, every NATIVE case of the server tests would be skipped: fail loudly instead.
        assertThat(SocketIo.nativeUnavailableReason()).as("why native I/O is unavailable").isEmpty();
    }

    @Test
    void listensOnItsOwnSocketWithTheKernelsPort() throws IOException {
        int fd = NativeSockets.listen(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 5);
        try {
            int port = NativeSockets.localPort(fd);
            assertThat(port).as("port chosen by the kernel").isPositive();
            String link = Files.readSymbolicLink(Path.of("/proc/self/fd/" + fd)).toString();
            assertThat(link).as("/proc/self/fd/" + fd).isEqualTo("socket:[" + listeningInode(port) + "]");
            assertThat(NativeSockets.accept(fd)).as("accept with nothing queued").isEqualTo(NativeSockets.NONE_QUEUED);
        } finally {
            assertThat(NativeSockets.close(fd)).as("close").isZero();
        }
    }

    @Test
    void aPortInUseIsABindExceptionInTheKernelsWords() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertThatThrownBy(() -> NativeSockets.listen(new InetSocketAddress(InetAddress.getLoopbackAddress(), taken.getLocalPort()), 5))
                    .isInstanceOf(BindException.class).hasMessage("Address already in use");
        }
    }

    @Test
    void aBadDescriptorIsAnErrnoDescribedByStrerror() {
        int badFd = Integer.MAX_VALUE;
        int accepted = NativeSockets.accept(badFd);
        assertThat(accepted).as("accept on a descriptor that is not open").isNegative().isNotEqualTo(NativeSockets.NONE_QUEUED);
        assertThat(NativeSockets.describe(-accepted)).as("its errno, described").isEqualTo("Bad file descriptor");
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment greeting = arena.allocateFrom(ValueLayout.JAVA_BYTE, (byte) 't', (byte) 'e', (byte) 's', (byte) 't');
            assertThat(NativeSockets.greet(badFd, greeting, 4, arena.allocate(64))).as("greet on a descriptor that is not open")
                    .isEqualTo(accepted);
        }
        assertThat(NativeSockets.close(badFd)).as("close of a descriptor that is not open").isEqualTo(accepted);
    }

    @Test
    void aSignalledEventFdEndsAPoll() throws IOException {
        int efd = NativeSockets.eventFd();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment fds = arena.allocate(NativeSockets.POLLFD_BYTES, 8);
            fds.set(ValueLayout.JAVA_INT, 0, efd);
            fds.set(ValueLayout.JAVA_SHORT, 4, NativeSockets.POLLIN);
            assertThat(NativeSockets.poll(fds, 1, 0)).as("poll before the signal").isZero();
            NativeSockets.signal(efd);
            assertThat(NativeSockets.poll(fds, 1, 5000)).as("poll after the signal").isEqualTo(1);
        } finally {
            NativeSockets.close(efd);
        }
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
