package dev.greeter.conformance.lab;

import dev.greeter.conformance.config.HarnessConfig;
import dev.greeter.conformance.probe.ProbeReply;
import dev.greeter.conformance.probe.ProbeRequest;
import dev.greeter.conformance.spec.Area;
import dev.greeter.conformance.spec.Rule;
import dev.greeter.conformance.spec.Transport;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Who starts what, and who hands what on: the one place a lab's container lifecycle is decided. Starting a container
 * is most of a run's time (the engine starts them one after another), so nothing is started that a cleared one can
 * stand in for, and nothing is handed on that a fault could have touched.
 *
 * <ul>
 *   <li><b>Holders</b> (probes whose network namespace a server or client under test joins) start one ahead in the
 *       background. When a stage is done with one and removed every implementation container from its namespace, the
 *       holder is handed to the next stage if the agent confirms a reset (its sockets closed, the socket directory it
 *       shares with implementations in a Unix-domain run emptied) and the namespace shows no socket bound
 *       ({@link #cleared}); otherwise, or after a harness error, it is removed.</li>
 *   <li><b>Servers</b>: the server areas of a transport whose server rules span several areas (TCP: areas 1 to 6) form
 *       a lane, judged one after another. An area hands its server on to the next area of the lane only while every
 *       rule judged on it passed, it is still up on the socket it was watched on, and the probe's own connections are
 *       reset ({@link #handOn}); the next area checks it accepts before judging ({@code ServerChecks}). A new server
 *       starts instead when a rule did not pass, the server broke off, or an area's rule needs a start of its own
 *       (binding is judged from the start). Every TCP start is watched from before it ({@link ServerStage#startWatchingThePort}),
 *       so 5.1 is judged on the start of whichever server reaches area 5, which the lane judges last because it stops
 *       its server (5.2, 5.3).</li>
 *   <li><b>The remote probe</b>, a client in another container (1.2, 8.1), starts ahead once per lab when a selected
 *       rule needs it.</li>
 *   <li><b>Sites</b> (the network, the idle holders and the remote probe) are handed from lab to lab by
 *       {@link LabSites} when the run keeps them: a lab closing without a harness error leaves the holders that cleared
 *       and the remote probe, if it clears too, to the next lab of the same kind, one lab at a time.</li>
 *   <li><b>Implementation containers</b> are removed before the stage that started them is done: a client after its
 *       run, a server with its stage (or with the last stage of its lane).</li>
 * </ul>
 * The lab counts every start ({@link Lab#containersStarted()}); the report shows the count.
 */
final class Handovers {

    /** How long a reset and the look at the namespace after it may take: they are quick, or nothing is handed on. */
    private static final Duration CLEARING_BOUND = Duration.ofSeconds(20);

    private final HolderPool<ProbeContainer> pool;
    private final Map<Transport, ServerStage> parked = new EnumMap<>(Transport.class);

    /** @param idle cleared holders the lab's site kept from an earlier lab ({@link LabSites}) */
    Handovers(HarnessConfig config, Supplier<CompletableFuture<ProbeContainer>> starter, java.util.List<ProbeContainer> idle) {
        // A holder with a shared socket directory is handed on too: its agent empties the directory on the reset that
        // clearing asks for, and answers Done only once nothing is left there.
        this.pool = new HolderPool<>(starter, plannedHolders(config), config.areasAtOnce(), idle);
    }

    /**
     * Holders the run takes if nothing breaks off: one per lane of server areas (one per area where the transport has
     * only one) and one per client rule (each judged on a stage of its own).
     */
    static int plannedHolders(HarnessConfig config) {
        int planned = 0;
        for (Transport t : Transport.values()) {
            for (Area.Role role : Area.Role.values()) {
                long selected = Arrays.stream(Rule.values())
                        .filter(r -> r.area().role() == role && r.area().transport() == t && config.covers(role)
                                && config.transports().contains(t) && config.selection().includes(r)).count();
                planned += role == Area.Role.CLIENT ? selected : Math.min(selected, 1);
            }
        }
        return planned;
    }

    HolderPool<ProbeContainer> pool() {
        return pool;
    }

    /** Whether the server rules of {@code transport} span several areas, so that a server is handed from one to the next. */
    static boolean sharesServers(Transport transport) {
        return Arrays.stream(Area.values()).filter(a -> a.role() == Area.Role.SERVER && a.transport() == transport).count() > 1;
    }

    /**
     * The stage the previous area of its lane handed on, if any: its server still running, the probe's connections
     * reset. Taken: the caller owns it (and closes it, or hands it on).
     */
    synchronized Optional<ServerStage> takeHandedOn(Transport transport) {
        return Optional.ofNullable(parked.remove(transport));
    }

    /** A parked stage of {@code transport} nobody will take: closed, so its holder is cleared and handed on or removed. */
    void dropHandedOn(Transport transport) {
        takeHandedOn(transport).ifPresent(ServerStage::close);
    }

    /**
     * An area is done with {@code stage} and every rule judged on it passed: parked for the next area of its lane if
     * its transport shares servers between areas, nothing went wrong in the harness, the server still runs on the
     * socket it was watched on, and the probe confirms a reset of everything it held; otherwise closed.
     */
    void handOn(Stage stage, boolean labOpen) {
        if (labOpen && stage instanceof ServerStage s && sharesServers(s.transport()) && !s.distrusted() && s.sockets().stillUp()
                && reset(s.holder())) {
            ServerStage earlier;
            synchronized (this) {
                earlier = parked.put(s.transport(), s);
            }
            if (earlier != null) {
                earlier.close();
            }
            return;
        }
        stage.close();
    }

    /** Everything of the stage parked is closed: the lab is closing. */
    void closeParked() {
        for (Transport t : Transport.values()) {
            dropHandedOn(t);
        }
    }

    private static boolean reset(ProbeContainer holder) {
        ProbeClient probe = holder.client();
        if (probe == null || probe.faulted() || !holder.isRunning()) {
            return false;
        }
        try {
            probe.call(new ProbeRequest.Reset(), ProbeReply.Done.class, CLEARING_BOUND);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /**
     * Whether {@code holder}, its implementation containers removed, can be handed to the next stage: the agent confirms
     * a {@link ProbeRequest.Reset} (everything it held is closed) and the namespace shows no TCP or UDP socket bound
     * anywhere (but the engine's DNS).
     */
    static boolean cleared(ProbeContainer holder) {
        if (!reset(holder)) {
            return false;
        }
        try {
            ProbeClient probe = holder.client();
            return unbound(probe.call(new ProbeRequest.ListenState(-1), ProbeReply.Listeners.class, CLEARING_BOUND))
                    && unbound(probe.call(new ProbeRequest.UdpState(-1), ProbeReply.Listeners.class, CLEARING_BOUND));
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** No socket bound in the namespace but the engine's DNS server's, and none left out of the count. */
    private static boolean unbound(ProbeReply.Listeners sockets) {
        return sockets.count() == sockets.sockets().size()
                && sockets.sockets().stream().allMatch(l -> l.address().equals(ServerStage.DOCKER_DNS));
    }
}
