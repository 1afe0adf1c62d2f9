package dev.greeter.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletableFuture;

/** A bound server's loop on another thread, as the command runs it on its main thread. */
final class Serving {

    private Serving() {
    }

    /** Completes when the loop returns; exceptionally with what it threw. */
    static CompletableFuture<Void> start(Server server) {
        return CompletableFuture.runAsync(() -> {
            try {
                server.serve();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
