package dev.greeter.conformance.run;

import dev.greeter.conformance.spec.Area;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One run of the harness, resolved once from the command line (or the test's system properties) and
 * passed down unchanged.
 *
 * @param serverImage image whose default command starts the server under test; empty: no server checks
 * @param clientImage image that runs the client under test with {@code clientArgs}; empty: no client checks
 * @param clientArgs  given to the client image as {@code docker run IMAGE ARGS} would: they replace its CMD
 * @param backlog     the listen backlog the server declares
 * @param probeImage  image with a Java 17+ runtime on PATH in which the harness runs its probe
 * @param hardened    run implementations read-only, with all capabilities dropped and no-new-privileges
 */
public record HarnessConfig(Optional<String> serverImage, Optional<String> clientImage, List<String> clientArgs,
                            int port, String greeting, int backlog, Selection selection, String probeImage,
                            boolean hardened, Bounds bounds) {

    public HarnessConfig {
        Objects.requireNonNull(serverImage);
        Objects.requireNonNull(clientImage);
        clientArgs = List.copyOf(clientArgs);
        Objects.requireNonNull(greeting);
        Objects.requireNonNull(selection);
        Objects.requireNonNull(probeImage);
        Objects.requireNonNull(bounds);
    }

    public byte[] greetingBytes() {
        return greeting.getBytes(StandardCharsets.UTF_8);
    }

    public boolean covers(Area.Role role) {
        return role == Area.Role.SERVER ? serverImage.isPresent() : clientImage.isPresent();
    }

    /** Names the implementations checked, for reports. */
    public String subject() {
        StringBuilder sb = new StringBuilder();
        serverImage.ifPresent(s -> sb.append("server ").append(s));
        clientImage.ifPresent(c -> sb.append(sb.length() > 0 ? ", " : "").append("client ").append(c)
                .append(clientArgs.isEmpty() ? "" : " " + String.join(" ", clientArgs)));
        return sb.toString();
    }
}
