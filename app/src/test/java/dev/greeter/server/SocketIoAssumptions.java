package dev.greeter.server;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Where a test that runs on both I/O paths cannot run on one of them, it shows as skipped with the reason.
 * On Linux the native path is never skipped: {@code NativeSocketsTest} fails if the library is missing.
 */
final class SocketIoAssumptions {

    private SocketIoAssumptions() {
    }

    static void assumeAvailable(SocketIo io) {
        if (io == SocketIo.NATIVE) {
            assumeTrue(SocketIo.nativeUnavailableReason().isEmpty(),
                    () -> "native I/O is not available here: " + SocketIo.nativeUnavailableReason().orElse(""));
        }
    }

    static void assumeLongGreetings(SocketIo io) {
        assumeTrue(io == SocketIo.JDK, "greetings over " + GreetingServer.ONE_WRITE_MAX_BYTES
                + " bytes always take the JDK path (ServerConfig refuses them with native I/O)");
    }
}
