package dev.greeter.conformance.lab;

import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.ContainerNetwork;
import dev.greeter.conformance.config.HarnessException;
import dev.greeter.conformance.probe.Printable;
import dev.greeter.conformance.probe.RouteSeal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.startupcheck.OneShotStartupCheckStrategy;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.utility.DockerImageName;

/**
 * A holder's namespace's IPv6, sealed off from the host before any implementation joins it (see {@link RouteSeal} for
 * why and how): the holder's own agent deletes every route but those to its peers ({@code ProbeRequest.SealIpv6}; the
 * holder alone has NET_ADMIN, the implementation that joins its namespace none), and {@link GatewayCheck#requireSealed}
 * then verifies the routes and that neither the gateway nor {@code fe80::1} answers.
 */
final class Ipv6Seal {

    private Ipv6Seal() {
    }

    /** {@code container}'s IPv6 address on the lab network (Docker's text form); a harness error if it has none. */
    static String address(GenericContainer<?> container) {
        ContainerNetwork n = container.getContainerInfo().getNetworkSettings().getNetworks().values().stream().findFirst()
                .orElseThrow(() -> new HarnessException("a lab container is on no network"));
        String address = n.getGlobalIPv6Address();
        if (address == null || address.isEmpty()) {
            throw new HarnessException("a lab container has no IPv6 address on the lab network");
        }
        return address;
    }
}
