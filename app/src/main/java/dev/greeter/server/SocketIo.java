package dev.greeter.server;

import java.util.Optional;

/** How the server accepts and greets connections. Both behave the same on the wire; they differ in cost. */
public enum SocketIo {

    /**
     * The server's own listening socket, and accept4, send and close called in libc through the FFM API
     * ({@link NativeSockets}): three system calls per connection, as a C server makes. Linux only, with
     * native access enabled, for greetings up to {@link GreetingServer#ONE_WRITE_MAX_BYTES}, which one
     * blocking send on a fresh socket takes at once.
     */
    NATIVE,

    /**
     * The JDK's {@code ServerSocketChannel}: portable, any greeting length; three more system calls per
     * connection (getsockname twice and fcntl, inside {@code accept()}).
     */
    JDK;

    /** Empty when {@link #NATIVE} can be used in this JVM; otherwise why not, in one line. */
    public static Optional<String> nativeUnavailableReason() {
        return NativeSockets.unavailableReason();
    }

    /** What the listening line says. */
    public String label() {
        return this == NATIVE ? "native I/O" : "JDK I/O";
    }
}
