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
}
