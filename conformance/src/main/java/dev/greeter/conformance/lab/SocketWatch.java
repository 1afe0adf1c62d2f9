package dev.greeter.conformance.lab;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

/**
 * The listening socket a server under test is expected to keep, known by its kernel identity (its inode), and the
 * account of how the server broke off when it goes: the one watch every transport's stage keeps between rules.
 *
 * @param <S> how the transport's table shows a listening socket
 */
final class SocketWatch<S> {

    private final ServerUnderTest server;
    private final Duration hang;
    private final ToLongFunction<S> inode;
    private S watched;

    SocketWatch(ServerUnderTest server, Duration hang, ToLongFunction<S> inode) {
        this.server = server;
        this.hang = hang;
        this.inode = inode;
    }

    void watch(S socket) {
        watched = socket;
    }

    void unwatch() {
        watched = null;
    }

    /** Whether the watched server runs, right now, on the socket it was watched on, among {@code now}. */
    boolean keptIn(List<S> now) {
        S w = watched;
        return w != null && server.running() && now.stream().anyMatch(s -> inode.applyAsLong(s) == inode.applyAsLong(w));
    }

    /**
     * Whether the watched server broke off since it was last seen well: exited, or no longer listening on the watched
     * socket. Present: what happened, and the watch ends. The kernel shows a dead server's socket gone before the
     * engine reports the exit, so a missing socket waits a moment for the engine, to name the exit status.
     *
     * @param look    the server's listening sockets now
     * @param account what the server did when it still runs but not on the watched socket: given the one watched and
     *                its sockets after the wait
     */
    Optional<String> brokeOff(Supplier<List<S>> look, BiFunction<S, List<S>, String> account) {
        if (watched == null) {
            return Optional.empty();
        }
        List<S> now = look.get();
        boolean same = now.stream().anyMatch(s -> inode.applyAsLong(s) == inode.applyAsLong(watched));
        if (same && server.running()) {
            return Optional.empty();
        }
        if (!same && server.running()) {
            server.awaitExit(hang);
        }
        S was = watched;
        watched = null;
        if (!server.running()) {
            return Optional.of(server.describe());
        }
        return Optional.of(account.apply(was, look.get()));
    }
}
