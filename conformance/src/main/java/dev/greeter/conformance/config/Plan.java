package dev.greeter.conformance.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A run as its {@link Options} describe it, validated but not started: the command and the library build
 * their runs from it.
 *
 * @param shared          what every implementation is judged with
 * @param implementations the implementations to judge, in the order given
 * @param parallel        how many implementations are judged at a time
 * @param interop         whether every client also runs against every server
 * @param startupSeconds  how long a server may take to start listening, as given
 * @param reportDir       where the report files go, if anywhere
 */
public record Plan(HarnessConfig shared, List<Implementation> implementations, int parallel, boolean interop, int startupSeconds,
                   Optional<Path> reportDir) {
    public Plan {
        implementations = List.copyOf(implementations);
        Objects.requireNonNull(shared);
        Objects.requireNonNull(reportDir);
    }

    /**
     * Whether the run opens more labs than it runs at once (several {@code --repeat} runs, more implementations than
     * {@code parallel}, interop pairs after the judging), so that a lab's network and holders can go on to a later one.
     */
    public boolean opensLabsInTurn() {
        int roles = (int) implementations.stream().map(Implementation::role).distinct().count();
        boolean pairs = interop && roles > 1 && shared.transports().contains(dev.greeter.conformance.spec.Transport.TCP);
        return shared.repeat() > 1 || implementations.size() > parallel || pairs;
    }
}
