package dev.greeter.conformance.lab;

import dev.greeter.conformance.probe.Printable;
import dev.greeter.conformance.probe.ProbeReply;
import dev.greeter.conformance.probe.ProbeRequest;
import dev.greeter.conformance.config.HarnessConfig;
import dev.greeter.conformance.config.HarnessException;
import dev.greeter.conformance.spec.Rule;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
 * removes all of it (without Ryuk nothing else would), or, when the run keeps sites ({@link LabSites}), leaves its
 * network, the holders it cleared and the remote probe to the next lab and removes the rest.
 *
 * <p>Starting a container costs about a second on a small machine, so the lab keeps the next holder
 * probe starting in the background while checks run, and removes containers in the background too.
 */
public final class Lab implements AutoCloseable {

    private final HarnessConfig config;
    private final LabSites sites;
    /** The network and the harness's containers on it, from an earlier lab or new; handed back at close. */
    private final Site site;
    private final Network network;
    /** By identity: Testcontainers compares containers by their settings, and two client runs of one image are alike. */
    private final java.util.Set<GenericContainer<?>> started = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    private final List<CompletableFuture<?>> removals = java.util.Collections.synchronizedList(new ArrayList<>());
    private final ExecutorService background = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "lab-background");
        t.setDaemon(true);
        return t;
    });
    /** Every container the engine was asked to start for this lab: probes and implementations (issue 22's measure). */
    private final AtomicInteger containersStarted = new AtomicInteger();
    /**
     * The holders: handed on once cleared (see {@link #release}), and the next one starting while the current ones are
     * in use. One ahead, not one per area that may run at once: the engine starts containers one after another (three
     * `docker run -d` at once take three times as long as one here), so more ahead would only delay the set-up the run
     * is waiting for. Planned: one per server area with a selected rule, one per selected client rule (each client rule
     * is judged on a stage of its own, see Section#rulesApart).
     */
    /** Holders and servers: who starts what and who hands what on ({@link Handovers}). */
    private final Handovers handovers;
    private final HolderPool<ProbeContainer> pool;
    private final RuleCaptures captures;
    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();
    /** Without Ryuk nothing else would remove what the lab started when the harness is interrupted (Ctrl-C, a CI timeout). */
    private final Thread onExit = new Thread(this::close, "lab-cleanup");
    private CompletableFuture<ProbeContainer> remote;
    /** Set when something went wrong in the harness: the lab's site is not handed on. */
    private volatile boolean distrusted;
    /** Set by {@link #close()} when the site goes to the next lab: the holders cleared meanwhile are kept too. */
    private volatile boolean keepingSite;

    private Lab(HarnessConfig config, LabSites sites) {
        this.config = config;
        this.sites = sites;
        this.captures = new RuleCaptures(config.captures());
        this.site = sites.take(Site.Key.of(config));
        this.network = site.network();
        Runtime.getRuntime().addShutdownHook(onExit);
        boolean needsRemote = config.serverImage().isPresent() && REMOTE_RULES.stream()
                .anyMatch(r -> config.selection().includes(r) && config.judgesTransportOf(r));
        Optional<ProbeContainer> keptRemote = site.takeRemote();
        List<ProbeContainer> idle = site.takeIdle();
        if (needsRemote && keptRemote.isEmpty() && !idle.isEmpty()) {
            // Sealed with no IPv6 peer: they could not reach the remote probe this lab starts, which every holder of the
            // site is sealed for from now on.
            idle.forEach(this::forget);
            idle = List.of();
        }
        synchronized (started) {
            started.addAll(idle);
            keptRemote.ifPresent(started::add);
        }
        keptRemote.ifPresent(r -> remote = CompletableFuture.completedFuture(r));
        this.handovers = new Handovers(config, this::startHolderInBackground, idle);
        this.pool = handovers.pool();
        // Before the holders: each is sealed with the remote probe as its one IPv6 peer (Ipv6Seal).
        if (remote == null && needsRemote) {
            startRemote();
            // The remote starts ahead of the holders: the network's gateway is checked from it while the first holder
            // starts and seals, rather than from that holder afterwards.
            CompletableFuture<ProbeContainer> remoteStart = remote;
            site.gatewayChecked(() -> remoteStart.thenAcceptAsync(r -> GatewayCheck.requireUnreachable(r, network), background));
        }
        pool.prestart();
    }

    /** The rules judged from another container: the remote probe is started ahead when one of them is selected. */
    private static final List<Rule> REMOTE_RULES = List.of(Rule.R1_2, Rule.R1_3, Rule.R8_1, Rule.R8_8);

    private void startRemote() {
        remote = CompletableFuture.supplyAsync(() -> startTracked(new ProbeContainer(config.probeImage())
                .withNetwork(network).withLabels(Map.of(Containers.LABEL, "probe"))), background);
    }

    /** A lab on a site of its own, removed with it. */
    public static Lab open(HarnessConfig config) {
        return open(config, LabSites.none());
    }

    /**
     * A lab on a site {@code sites} kept from an earlier lab of the same kind, or a new one. Fails as a harness error when
     * there is no engine or an image is missing: nothing was judged yet.
     */
    public static Lab open(HarnessConfig config, LabSites sites) {
        if (!DockerClientFactory.instance().isDockerAvailable()) {
            throw new HarnessException("no Docker engine answers (start one; ci/docker-engine does on Debian as root)");
        }
        requireImage(config.probeImage(), "probe image (build it with ci/base-image, or pass --probe-image)");
        config.serverImage().ifPresent(i -> requireImage(i, "server image"));
        config.clientImage().ifPresent(i -> requireImage(i, "client image"));
        return new Lab(config, sites);
    }

    private static void requireImage(String image, String what) {
        try {
            Containers.docker().inspectImageCmd(image).exec();
        } catch (RuntimeException e) {
            throw new HarnessException(what + " '" + image + "' is not in the local Docker engine");
        }
    }

    /**
     * What identifies the image's content, for reports: its registry digest (from RepoDigests, the one of the
     * repository it was named by: the same content pulled or pushed under several names has one for each), or else
     * the engine's image id; empty when the engine cannot say.
     */
    public static String imageDigest(String image) {
        try {
            com.github.dockerjava.api.command.InspectImageResponse i = Containers.docker().inspectImageCmd(image).exec();
            List<String> digests = i.getRepoDigests();
            if (digests == null || digests.isEmpty()) {
                return String.valueOf(i.getId());
            }
            String repository = image.contains("@") ? image.substring(0, image.indexOf('@'))
                    : image.lastIndexOf(':') > image.lastIndexOf('/') ? image.substring(0, image.lastIndexOf(':')) : image;
            return digests.stream().filter(d -> d.startsWith(repository + "@")).findFirst().orElse(String.valueOf(i.getId()));
        } catch (RuntimeException e) {
            return "";
        }
    }

    public HarnessConfig config() {
        return config;
    }

    /** How many containers this lab has started so far, probes and implementations alike. */
    public int containersStarted() {
        return containersStarted.get();
    }

    private CompletableFuture<ProbeContainer> startHolderInBackground() {
        int number = site.nextHolderNumber();
        String alias = "server-under-test-" + number;
        // The declared port is reserved from automatic assignment in the namespace the server will share: the
        // probe's own connections to that port (5.1 polls it) must never get it as their source port and
        // connect to themselves, nor leave a TIME_WAIT socket on it that would stop a server from binding.
        // No TIME_WAIT socket is kept in the namespace at all (tcp_max_tw_buckets, per namespace): a server that closed
        // connections leaves none on its port, so the next server started in a handed-on holder binds it even without
        // SO_REUSEADDR. Only the closing side's wait goes; its peer in the namespace sees the same FIN and ACKs.
        return CompletableFuture.supplyAsync(() -> startTracked(shareSocketDirectory(capturing(new ProbeContainer(config.probeImage())
                        .withRouteSealing())
                .withNetwork(network)
                .withNetworkAliases(alias)
                // No route an IPv6 router advertisement or redirect could add behind the seal's back.
                .withCreateContainerCmdModifier(cmd -> cmd.getHostConfig()
                        .withSysctls(Map.of("net.ipv4.ip_local_reserved_ports", String.valueOf(config.port()),
                                "net.ipv4.tcp_max_tw_buckets", "0",
                                "net.ipv6.conf.all.accept_ra", "0", "net.ipv6.conf.default.accept_ra", "0",
                                "net.ipv6.conf.all.accept_redirects", "0", "net.ipv6.conf.default.accept_redirects", "0")))
                .withLabels(Map.of(Containers.LABEL, "probe")))), background)
                // The network is proven sealed (from the remote probe, or else from its first holder) before any
                // implementation joins a namespace on it; every holder's IPv6 is sealed (the remote probe its one peer) and
                // verified before it is handed out.
                .thenApply(holder -> {
                    CompletableFuture<Void> gateway = site.gatewayChecked(() -> checkedFrom(holder));
                    sealIpv6(holder);
                    await(gateway);
                    return holder;
                });
    }

    /** The gateway check made from {@code probe}, now; its failure is in the future returned. */
    private CompletableFuture<Void> checkedFrom(ProbeContainer probe) {
        try {
            GatewayCheck.requireUnreachable(probe, network);
            return CompletableFuture.completedFuture(null);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private ProbeContainer sealIpv6(ProbeContainer holder) {
        CompletableFuture<ProbeContainer> peer;
        synchronized (this) {
            peer = remote;
        }
        List<String> peers = peer == null ? List.of() : List.of(Ipv6Seal.address(await(peer)));
        try {
            holder.client().call(new ProbeRequest.SealIpv6(peers), ProbeReply.Done.class);
        } catch (RuntimeException e) {
            throw new HarnessException("could not seal the IPv6 of a lab namespace: " + Printable.escape(rootMessage(e), 500), e);
        }
        return GatewayCheck.requireSealed(holder, network, peers);
    }

    /** A holder of a run with --captures can capture its namespace (NET_RAW); otherwise it is left as it is. */
    private ProbeContainer capturing(ProbeContainer holder) {
        return captures.active() ? holder.withPacketCapture() : holder;
    }

    /**
     * The current thread begins judging {@code ruleId}: at {@link RuleCapture#end} the rule takes what the holders it
     * holds, or released meanwhile, captured since they were handed out. Empty when the run captures nothing.
     */
    public Optional<RuleCapture> captureRule(String ruleId) {
        return captures.active() ? Optional.of(captures.begin(ruleId)) : Optional.empty();
    }

    /**
     * In a run that judges Unix-domain sockets every holder gets a volume of its own at the socket's directory
     * (dirname of --path): the implementations in its namespace mount it too; the agent empties it before the holder
     * is handed on, so no file of an earlier stage is ever found there.
     */
    private ProbeContainer shareSocketDirectory(ProbeContainer holder) {
        Optional<String> directory = site.key().socketDirectory();
        if (directory.isEmpty()) {
            return holder;
        }
        String volume;
        try {
            volume = Containers.createSocketVolume();
        } catch (RuntimeException e) {
            throw new HarnessException("could not create a volume for the Unix-domain socket's directory: "
                    + Printable.escape(rootMessage(e), 500), e);
        }
        // Removed with the holder (Site.remove), which is the last container to mount it.
        return holder.withSharedDirectory(volume, directory.get());
    }

    /**
     * A probe whose network namespace a server can join, reachable on the network by its alias: a handed-on one the
     * harness has cleared ({@link #release}), or else a fresh one. Either way nothing of an earlier stage is in the
     * namespace: no implementation, no socket of the probe, no TIME_WAIT socket, no crashed server.
     */
    ProbeContainer holder() {
        // Areas judged side by side ask at once; each waits for its own holder outside the pool's lock.
        long began = System.nanoTime();
        try {
            return captures.handedOut(await(pool.take()));
        } finally {
            StartClock.add(System.nanoTime() - began);
        }
    }

    /**
     * A stage is done with {@code holder}, and every implementation container that joined its namespace is removed
     * ({@code trusted}: nothing went wrong in the harness during the stage). It is handed on only if the agent then
     * confirms a {@link ProbeRequest.Reset} (everything it held is closed) and the namespace shows no TCP or UDP
     * socket bound anywhere (but the engine's DNS); otherwise, or when the stage was not trusted, it is removed.
     */
    void release(ProbeContainer holder, boolean trusted) {
        captures.released(holder);
        if (trusted && !Thread.currentThread().isInterrupted() && (!closed.get() || keepingSite) && Handovers.cleared(holder)) {
            pool.giveBack(holder);
            return;
        }
        pool.lost();
        forget(holder);
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
        return serverStage(dev.greeter.conformance.spec.Transport.TCP);
    }

    /**
     * A new server of {@code transport} (not started yet): what it binds is watched in that transport's /proc/net table.
     * A server the lane's previous area handed on is let go first: its holder is the one this stage may get.
     */
    public ServerStage serverStage(dev.greeter.conformance.spec.Transport transport) {
        handovers.dropHandedOn(transport);
        return new ServerStage(this, holder(), transport);
    }

    /** The server stage the previous area of its lane handed on ({@link Handovers}), if any; the caller owns it. */
    public Optional<ServerStage> handedOn(dev.greeter.conformance.spec.Transport transport) {
        // The area taking it captures afresh: each area's rules get the packets of that area.
        return handovers.takeHandedOn(transport).map(s -> {
            captures.handedOut(s.holder());
            return s;
        });
    }

    /**
     * An area is done with {@code stage} and every rule judged on it passed: handed to the next area of its lane when
     * it can be ({@link Handovers#handOn}), else closed.
     */
    public void handOn(Stage stage) {
        if (stage instanceof ServerStage s) {
            captures.released(s.holder());
        }
        handovers.handOn(stage, !closed.get());
    }

    /** A Unix-domain server stage: a server stage whose holder shares the socket's directory (the run judges Unix). */
    public UnixStage unixStage() {
        return new UnixStage(serverStage(), config);
    }

    public ClientStage clientStage() {
        return new ClientStage(this, holder());
    }

    <T extends GenericContainer<?>> T startTracked(T container) {
        synchronized (started) {
            started.add(container);
        }
        containersStarted.incrementAndGet();
        long began = System.nanoTime();
        try {
            container.start();
        } catch (RuntimeException e) {
            throw new HarnessException("could not start a container of " + container.getDockerImageName() + ": "
                    + Printable.escape(rootMessage(e), 500), e);
        } finally {
            StartClock.add(System.nanoTime() - began);
        }
        return container;
    }

    /**
     * Starts a container of the implementation under test. The engine refusing to run the image's own
     * command (no such executable, a user the image lacks, another architecture) is the image's fault,
     * reported as {@link ImplementationExited}; anything else is the harness's.
     */
    <T extends GenericContainer<?>> T startImplementation(T container) {
        try {
            return startTracked(container);
        } catch (HarnessException e) {
            String why = rootMessage(e.getCause());
            if (IMAGE_FAULT.matcher(why).find()) {
                throw new ImplementationExited("the engine could not start the image's command: " + Printable.escape(why, 500));
            }
            throw e;
        }
    }

    private static final java.util.regex.Pattern IMAGE_FAULT = java.util.regex.Pattern.compile(
            "OCI runtime|executable file not found|exec format error|unable to find user|no such file or directory|permission denied",
            java.util.regex.Pattern.CASE_INSENSITIVE);

    private static String rootMessage(Throwable e) {
        StringBuilder sb = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            sb.append(sb.length() > 0 ? "; " : "").append(t.getMessage());
        }
        return sb.toString();
    }

    /** Removes a container before returning. */
    void removeNow(GenericContainer<?> container) {
        synchronized (started) {
            started.remove(container);
        }
        container.stop();
    }

    /** Removes a container in the background; {@link #close()} waits for it, and so may the caller. */
    CompletableFuture<Void> forget(GenericContainer<?> container) {
        synchronized (started) {
            started.remove(container);
        }
        CompletableFuture<Void> removal = CompletableFuture.runAsync(() -> remove(container), background);
        removals.add(removal);
        return removal;
    }

    /** A probe takes its socket-directory volume with it; any other container just goes. */
    private static void remove(GenericContainer<?> container) {
        if (container instanceof ProbeContainer probe) {
            Site.remove(probe);
        } else {
            container.stop();
        }
    }

    /** Something went wrong in the harness around this lab: at close, its site is removed rather than handed on. */
    public void distrust() {
        distrusted = true;
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
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(onExit);
        } catch (IllegalStateException e) {
            // Already shutting down: this is the hook running.
        }
        // Decided before the parked stages close, so that the holders they clear are kept as well.
        keepingSite = sites.keeps() && !distrusted && !site.gatewayFailed() && !Thread.currentThread().isInterrupted();
        handovers.closeParked();
        // Let background starts finish so that what they started is known, then remove everything not kept.
        HolderPool.Drained<ProbeContainer> drained;
        CompletableFuture<ProbeContainer> remoteProbe;
        synchronized (this) {
            drained = pool.drain();
            remoteProbe = remote;
        }
        List<ProbeContainer> kept = new ArrayList<>();
        Optional<ProbeContainer> keptRemote = Optional.empty();
        Optional<ProbeContainer> ahead = settled(drained.starting());
        Optional<ProbeContainer> remoteStarted = settled(remoteProbe);
        if (keepingSite) {
            kept.addAll(drained.idle());
            ahead.ifPresent(kept::add);
            keptRemote = remoteStarted.filter(Handovers::cleared);
        }
        List<GenericContainer<?>> left;
        synchronized (started) {
            kept.forEach(started::remove);
            keptRemote.ifPresent(started::remove);
            left = new ArrayList<>(started);
            started.clear();
        }
        for (GenericContainer<?> c : left) {
            removals.add(CompletableFuture.runAsync(() -> remove(c), background));
        }
        boolean removed = false;
        try {
            CompletableFuture<?>[] all;
            synchronized (removals) {
                all = removals.toArray(CompletableFuture[]::new);
            }
            CompletableFuture.allOf(all).get(2, TimeUnit.MINUTES);
            removed = true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            // Best effort: leftovers carry the lab's label (docker ps -a --filter label=dev.greeter.conformance).
        }
        // A site is handed on only with nothing of this lab's implementations left on its network.
        List<ProbeContainer> surplus = site.leave(kept, keptRemote);
        surplus.forEach(Site::remove);
        if (keepingSite && removed) {
            sites.giveBack(site);
        } else {
            site.close();
        }
        background.shutdown();
        try {
            background.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** What a start in the background gave, once it ended: empty if there was none or it failed. */
    private static Optional<ProbeContainer> settled(CompletableFuture<ProbeContainer> start) {
        if (start == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(start.handle((c, e) -> e == null ? c : null).join());
    }
}
