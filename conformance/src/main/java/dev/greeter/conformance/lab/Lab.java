package dev.greeter.conformance.lab;

import dev.greeter.conformance.run.HarnessConfig;
import dev.greeter.conformance.run.HarnessException;
import dev.greeter.conformance.spec.Rule;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;

/**
 * Everything one run starts: a network, probes, and the implementations under test. Closing the lab
 * removes all of it; without Ryuk nothing else would.
 *
 * <p>Starting a container costs about a second on a small machine, so the lab keeps the next holder
 * probe starting in the background while checks run, and removes containers in the background too.
 */
public final class Lab implements AutoCloseable {

    private final HarnessConfig config;
    private final Network network;
    private final List<GenericContainer<?>> started = new ArrayList<>();
    private final List<CompletableFuture<?>> removals = new ArrayList<>();
    private final ExecutorService background = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "lab-background");
        t.setDaemon(true);
        return t;
    });
    private final AtomicInteger holders = new AtomicInteger();
    private CompletableFuture<ProbeContainer> nextHolder;
    private CompletableFuture<ProbeContainer> remote;

    private Lab(HarnessConfig config) {
        this.config = config;
        this.network = Network.newNetwork();
        this.nextHolder = startHolderInBackground();
        if (config.serverImage().isPresent() && config.selection().includes(Rule.R1_2)) {
            startRemote();
        }
    }

    private void startRemote() {
        remote = CompletableFuture.supplyAsync(() -> startTracked(new ProbeContainer(config.probeImage())
                .withNetwork(network).withLabels(Map.of(Containers.LABEL, "probe"))), background);
    }

    /** Fails as a harness error when there is no engine or an image is missing: nothing was judged yet. */
    public static Lab open(HarnessConfig config) {
        if (!DockerClientFactory.instance().isDockerAvailable()) {
            throw new HarnessException("no Docker engine answers (start one; ci/docker-engine does on Debian as root)");
        }
        requireImage(config.probeImage(), "probe image (build it with ci/base-image, or pass --probe-image)");
        config.serverImage().ifPresent(i -> requireImage(i, "server image"));
        config.clientImage().ifPresent(i -> requireImage(i, "client image"));
        return new Lab(config);
    }

    private static void requireImage(String image, String what) {
        try {
            Containers.docker().inspectImageCmd(image).exec();
        } catch (RuntimeException e) {
            throw new HarnessException(what + " '" + image + "' is not in the local Docker engine");
        }
    }

    public HarnessConfig config() {
        return config;
    }

    private CompletableFuture<ProbeContainer> startHolderInBackground() {
        String alias = "server-under-test-" + holders.incrementAndGet();
        return CompletableFuture.supplyAsync(() -> startTracked(new ProbeContainer(config.probeImage())
                .withNetwork(network)
                .withNetworkAliases(alias)
                .withLabels(Map.of(Containers.LABEL, "probe"))), background);
    }

    /**
     * A fresh probe whose network namespace a server can join, reachable on the network by its alias;
     * every stage gets its own, so no state (TIME_WAIT sockets, a crashed server) leaks between them.
     */
    ProbeContainer holder() {
        ProbeContainer holder = await(nextHolder);
        nextHolder = startHolderInBackground();
        return holder;
    }

    /**
     * A probe in its own container on the network: a client on another host, as far as the server can
     * tell. Started ahead, in the background, when a selected rule needs it; otherwise on first use.
     */
    synchronized ProbeContainer remote() {
        if (remote == null) {
            startRemote();
        }
        return await(remote);
    }

    public ServerStage serverStage() {
        return new ServerStage(this, holder());
    }

    public ClientStage clientStage() {
        return new ClientStage(this, holder());
    }

    <T extends GenericContainer<?>> T startTracked(T container) {
        synchronized (started) {
            started.add(container);
        }
        try {
            container.start();
        } catch (RuntimeException e) {
            throw new HarnessException("could not start a container of " + container.getDockerImageName() + ": " + e.getMessage(), e);
        }
        return container;
    }

    /** Removes a container in the background; {@link #close()} waits for it. */
    void forget(GenericContainer<?> container) {
        synchronized (started) {
            started.remove(container);
        }
        removals.add(CompletableFuture.runAsync(container::stop, background));
    }

    private static <T> T await(CompletableFuture<T> future) {
        try {
            return future.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof HarnessException h ? h : new HarnessException(String.valueOf(e.getCause()), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HarnessException("interrupted while starting a probe", e);
        }
    }

    @Override
    public void close() {
        // Let background starts finish so that what they started is known, then remove everything.
        for (CompletableFuture<ProbeContainer> pending : new ArrayList<>(java.util.Arrays.asList(nextHolder, remote))) {
            if (pending != null) {
                pending.handle((c, e) -> null).join();
            }
        }
        List<GenericContainer<?>> left;
        synchronized (started) {
            left = new ArrayList<>(started);
            started.clear();
        }
        for (GenericContainer<?> c : left) {
            removals.add(CompletableFuture.runAsync(c::stop, background));
        }
        CompletableFuture.allOf(removals.toArray(CompletableFuture[]::new)).handle((v, e) -> null).join();
        network.close();
        background.shutdown();
        try {
            background.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
