package dev.greeter.server;

import dev.greeter.protocol.Transport;
import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;

/**
 * A bound greeting server of any transport: {@link GreetingServer} for the stream sockets (TCP, Unix),
 * {@link DatagramServer} for UDP. {@link #toString()} is what the listening line shows after "listening on".
 */
public sealed interface Server extends Closeable permits GreetingServer, DatagramServer {

    /**
     * Binds (and listens), so that an address in use or not this host's, or a Unix path taken, fails here, before
     * anything is announced.
     *
     * @throws PathTakenException when a Unix path belongs to a live server or is not a socket
     */
    static Server bind(ServerConfig config) throws IOException {
        return config.transport() == Transport.UDP ? DatagramServer.bind(config) : GreetingServer.bind(config);
    }

    /** Serves on the calling thread until {@link #stop()}. */
    void serve() throws IOException;

    /** Asks the serving thread to stop; safe from any thread, including a signal handler. */
    void stop();

    boolean awaitFinished(Duration timeout) throws InterruptedException;

    /** Clients that received the whole greeting. */
    long served();

    /** Clients that did not: connections closed before the whole greeting went out, datagrams left unanswered. */
    long dropped();
}
