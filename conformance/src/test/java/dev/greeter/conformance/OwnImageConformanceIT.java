package dev.greeter.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.greeter.conformance.checks.Suite;
import dev.greeter.conformance.spec.Rule;
import dev.greeter.conformance.spec.Transport;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The suite against the image this build just made (server and client), started hardened as users are
 * told to run it: one run per transport, one test per rule of it, named after its check, each showing
 * the harness's own evidence.
 */
class OwnImageConformanceIT {

    static final String IMAGE = System.getProperty("conformance.image", "greeter:latest");

    /** The three transports' runs go side by side, each on a site of its own; each test factory waits for its own. */
    private static final Map<Transport, CompletableFuture<Harness>> RUNS = new EnumMap<>(Transport.class);

    @BeforeAll
    static void start() {
        RUNS.put(Transport.TCP, CompletableFuture.supplyAsync(() -> Harness.run(Harness.reportRoot().resolve("own-image"),
                List.of("--server", IMAGE, "--client", IMAGE, "--client-args", "client", "--hardened"))));
        // The image's own command for a Unix-domain socket at the default path, in the volume the harness shares.
        RUNS.put(Transport.UNIX, CompletableFuture.supplyAsync(() -> Harness.run(Harness.reportRoot().resolve("own-image-unix"),
                List.of("--server", IMAGE, "--server-args", "server --transport unix", "--client", IMAGE,
                        "--client-args", "client --transport unix", "--transport", "unix", "--hardened"))));
        RUNS.put(Transport.UDP, CompletableFuture.supplyAsync(() -> Harness.run(Harness.reportRoot().resolve("own-image-udp"),
                List.of("--transport", "udp", "--server", IMAGE, "--server-args", "server --transport udp", "--client", IMAGE,
                        "--client-args", "client --transport udp", "--hardened"))));
    }

    @TestFactory
    Stream<DynamicTest> ourImageConformsToEveryRule() {
        return judged(Transport.TCP);
    }

    @TestFactory
    Stream<DynamicTest> ourImageConformsToEveryUnixRule() {
        return judged(Transport.UNIX);
    }

    @TestFactory
    Stream<DynamicTest> ourImageConformsToEveryUdpRule() {
        return judged(Transport.UDP);
    }

    private static Stream<DynamicTest> judged(Transport transport) {
        Harness run = RUNS.get(transport).join();
        System.out.println(run.out());
        return verdicts(run, transport);
    }

    private static Stream<DynamicTest> verdicts(Harness run, Transport transport) {
        return Stream.concat(
                Stream.of(DynamicTest.dynamicTest("exit status 0: conforms", () ->
                        assertThat(run.status()).as(run.out() + run.err()).isZero())),
                Arrays.stream(Rule.values()).filter(rule -> rule.area().transport() == transport)
                        .map(rule -> DynamicTest.dynamicTest(Suite.runner().checkName(rule), () ->
                                assertThat(run.verdicts().get(rule.id())).as(run.explain(rule.id())).isEqualTo("PASS"))));
    }
}
