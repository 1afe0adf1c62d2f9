package dev.greeter.conformance.lab;

import dev.greeter.conformance.config.HarnessConfig;
import dev.greeter.conformance.spec.Transport;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.testcontainers.containers.Network;

/**
 * What a lab stands on and may leave to the next lab: its network and the harness's own containers on it (the holders
 * it cleared, the remote probe). A site serves one lab at a time ({@link LabSites}), so implementations judged on it
 * one after another never share it: the one before has had every container removed before the next joins.
 */
final class Site {

    /**
     * What makes holders interchangeable between runs: the probe image, the port reserved from automatic assignment in
     * their namespaces, the socket directory they share (a Unix-domain run's), and whether they may capture packets.
     */
    record Key(String probeImage, int port, Optional<String> socketDirectory, boolean capturing) {

        static Key of(HarnessConfig config) {
            Optional<String> directory = config.transports().contains(Transport.UNIX)
                    ? Optional.of(java.nio.file.Path.of(config.path()).getParent().toString()) : Optional.empty();
            return new Key(config.probeImage(), config.port(), directory, config.captures().active());
        }
    }

    /** Holders a site keeps for the next lab: more than a run uses at once would only hold memory. */
    static final int KEPT_HOLDERS = 4;

    private final Key key;
    private final Network network;
    /** Numbers the holders of the network (their aliases); the first one on it proves the network sealed (GatewayCheck). */
    private final AtomicInteger holders = new AtomicInteger();
    private final List<ProbeContainer> idle = new ArrayList<>();
    private ProbeContainer remote;
    /** That the network's gateway answers nothing ({@link GatewayCheck}): made once per network, from its first probe. */
    private CompletableFuture<Void> gatewayChecked;

    Site(Key key) {
        this.key = key;
        this.network = Containers.labNetwork();
    }

    Key key() {
        return key;
    }

    Network network() {
        return network;
    }

    /** The number of the next holder started on this site's network, from 1. */
    int nextHolderNumber() {
        return holders.incrementAndGet();
    }

    /**
     * The network's gateway check: {@code check} makes it if no lab container has begun it yet (the remote probe started
     * ahead, or else the first holder); every holder waits for it before it is handed out.
     */
    synchronized CompletableFuture<Void> gatewayChecked(java.util.function.Supplier<CompletableFuture<Void>> check) {
        if (gatewayChecked == null) {
            gatewayChecked = check.get();
        }
        return gatewayChecked;
    }

    /** Whether the gateway check was begun and did not pass: such a site is never handed on. */
    synchronized boolean gatewayFailed() {
        return gatewayChecked != null && gatewayChecked.isDone() && gatewayChecked.isCompletedExceptionally();
    }

    /** The cleared holders the previous lab left, now the caller's. */
    synchronized List<ProbeContainer> takeIdle() {
        List<ProbeContainer> taken = new ArrayList<>(idle);
        idle.clear();
        return taken;
    }

    /** The remote probe the previous lab left, now the caller's; empty if it left none. */
    synchronized Optional<ProbeContainer> takeRemote() {
        Optional<ProbeContainer> taken = Optional.ofNullable(remote);
        remote = null;
        return taken;
    }

    /**
     * A lab is done and leaves these for the next one; the holders past {@link #KEPT_HOLDERS} are returned, for the lab to
     * remove.
     */
    synchronized List<ProbeContainer> leave(List<ProbeContainer> holders, Optional<ProbeContainer> remoteProbe) {
        List<ProbeContainer> surplus = new ArrayList<>();
        for (ProbeContainer h : holders) {
            (idle.size() < KEPT_HOLDERS ? idle : surplus).add(h);
        }
        remote = remoteProbe.orElse(null);
        return surplus;
    }

    /** Removes what the site holds, then its network; best effort, as everything the lab removes. */
    void close() {
        List<ProbeContainer> left = new ArrayList<>(takeIdle());
        takeRemote().ifPresent(left::add);
        List<CompletableFuture<Void>> removals = left.stream().map(c -> CompletableFuture.runAsync(() -> remove(c))).toList();
        try {
            CompletableFuture.allOf(removals.toArray(CompletableFuture[]::new)).get(2, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            // Leftovers carry the lab's label (docker ps -a --filter label=dev.greeter.conformance).
        }
        network.close();
    }

    /** Removes a probe container and, once it is gone, the socket-directory volume it mounted. */
    static void remove(ProbeContainer probe) {
        probe.stop();
        probe.volume().ifPresent(v -> {
            try {
                Containers.removeVolume(v);
            } catch (RuntimeException e) {
                // Best effort: leftovers carry the lab's label (docker volume ls --filter label=...).
            }
        });
    }
}
