package dev.greeter.server;

import dev.greeter.protocol.Transport;
import java.util.Optional;

/**
 * How the server accepts and greets connections. Both behave the same on the wire; they differ in cost.
 *
 * <p>The one place that decides which is used, and what each one takes: {@link #choose} for the command line,
 * {@link #refusal} for the limits that {@link ServerConfig} holds every configuration to.
 */
public enum SocketIo {

    /**
     * The server's own listening socket, and accept4, send and close called in libc through the FFM API
     * ({@link NativeSockets}): three system calls per connection, as a C server makes, and shutdown and recv for the
     * lingering close (SPEC 2.4). Linux only, with
     * native access enabled, TCP only, for greetings up to {@link GreetingServer#ONE_WRITE_MAX_BYTES}, which
     * one blocking send on a fresh socket takes at once.
     */
    NATIVE,

    /**
     * The JDK's channels ({@code ServerSocketChannel}, {@code DatagramChannel}): portable, every transport, any
     * greeting length; for TCP three more system calls per connection (getsockname twice and fcntl, inside
     * {@code accept()}), and fcntl again to make the connection non-blocking for the lingering close's read.
     */
    JDK;

    /** The words {@code --io} takes. */
    public static final String MODES = "auto, native, jdk";

    /** Empty when {@link #NATIVE} can be used in this JVM; otherwise why not, in one line. */
    public static Optional<String> nativeUnavailableReason() {
        return NativeSockets.unavailableReason();
    }

    /**
     * Why this path cannot serve {@code transport} with a greeting of {@code greetingBytes}, or empty when it can.
     * Does not link the native code: that is {@link #nativeUnavailableReason()}'s, and costs start time.
     */
    public Optional<String> refusal(Transport transport, int greetingBytes) {
        if (this == JDK) {
            return Optional.empty();
        }
        if (transport != Transport.TCP) {
            // UDP and Unix-domain sockets take the JDK's channels: no benchmark here showed them worth a native path.
            return Optional.of("'native' serves only --transport tcp; " + transport.label() + " uses the JDK's channels");
        }
        if (greetingBytes > GreetingServer.ONE_WRITE_MAX_BYTES) {
            return Optional.of("'native' takes greetings up to " + GreetingServer.ONE_WRITE_MAX_BYTES + " bytes; --greeting has "
                    + greetingBytes);
        }
        return Optional.empty();
    }

    /**
     * {@code --io MODE} for this transport and greeting: {@code auto} is native where it can be, else the JDK's.
     *
     * @throws IllegalArgumentException for an unknown mode, or {@code native} where it cannot be used, saying why
     */
    public static SocketIo choose(String mode, Transport transport, int greetingBytes) {
        switch (mode) {
            case "auto":
                // The transport and length first: for UDP, Unix or a long greeting the native code is never linked.
                return NATIVE.refusal(transport, greetingBytes).isEmpty() && nativeUnavailableReason().isEmpty() ? NATIVE : JDK;
            case "jdk":
                // Without linking the native path at all: that costs start time (bench/README.md).
                return JDK;
            case "native":
                Optional<String> refused = NATIVE.refusal(transport, greetingBytes)
                        .or(() -> nativeUnavailableReason().map(why -> "'native' is not available here: " + why));
                if (refused.isPresent()) {
                    throw new IllegalArgumentException(refused.get());
                }
                return NATIVE;
            default:
                throw new IllegalArgumentException("'" + mode + "' is not one of " + MODES);
        }
    }

    /** What the listening line says. */
    public String label() {
        return this == NATIVE ? "native I/O" : "JDK I/O";
    }
}
