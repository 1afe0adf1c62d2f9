package dev.greeter.server;

import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.util.Optional;

/**
 * The JNI side of {@link SocketIo#NATIVE} ({@code app/src/main/c/greeter_net.c}): accept4, send and
 * close on raw descriptors, so that a connection costs the three system calls a C server makes.
 *
 * <p>The library is looked up once, on {@code java.library.path} (the image sets it to {@code /app/native});
 * when it is missing, or the JDK keeps its listening descriptor somewhere else, {@code --io auto} uses the
 * JDK's channels (the listening line says "JDK I/O") and {@code --io native} is refused with this reason.
 */
final class NativeSockets {

    private static final String LIBRARY = "greeter-net";

    /** Empty when the native path can be used; otherwise why not, in one line. */
    private static final Optional<String> UNAVAILABLE = load();
    /** What {@link #accept} returns when no connection is queued. */
    static final int NONE_QUEUED = UNAVAILABLE.isEmpty() ? noneQueued() : Integer.MIN_VALUE;

    private NativeSockets() {
    }

    private static Optional<String> load() {
        String file = "lib" + LIBRARY + ".so";
        String path = "java.library.path (" + System.getProperty("java.library.path") + ")";
        try {
            System.loadLibrary(LIBRARY);
        } catch (UnsatisfiedLinkError | SecurityException e) {
            // The JVM's message names java.library.path and what it holds.
            return Optional.of(file + " not loaded: " + e.getMessage());
        }
        try {
            if (!canFindListenerFd()) {
                return Optional.of("this JDK (" + Runtime.version() + ") keeps no sun.nio.ch.ServerSocketChannelImpl.fdVal");
            }
        } catch (UnsatisfiedLinkError e) {
            return Optional.of(file + " in " + path + " is from another build: " + e.getMessage());
        }
        return Optional.empty();
    }

    static Optional<String> unavailableReason() {
        return UNAVAILABLE;
    }

    private static native boolean canFindListenerFd();

    private static native int noneQueued();

    /** The listening socket's descriptor, which stays owned (and closed) by the channel; -1 if not found. */
    static native int listenerFd(ServerSocketChannel listener);

    /** A new connection's descriptor (blocking, close-on-exec), {@link #NONE_QUEUED}, or -errno. */
    static native int accept(int listenerFd);

    /**
     * Sends {@code length} bytes of the direct buffer {@code greeting} and closes {@code fd}, whatever happened.
     *
     * @return {@code length}, or -errno when the send failed (e.g. the client reset)
     */
    static native int greetAndClose(int fd, ByteBuffer greeting, int length);

    /** strerror(3) of a positive errno. */
    static native String describe(int errno);
}
