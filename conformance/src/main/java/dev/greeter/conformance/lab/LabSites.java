package dev.greeter.conformance.lab;

import java.util.ArrayList;
import java.util.List;

/**
 * The sites labs stand on, kept from one run to the next: a run of the harness (every implementation of it, every
 * {@code --repeat} run), or a whole test JVM that judges many images, starts a network, holders and a remote probe once
 * per kind of site and hands them from lab to lab, instead of once per lab. The start of a holder (a container and its
 * agent's JVM) and the check of its network are most of what judging a small selection costs.
 *
 * <p>A site serves one lab at a time: labs judged side by side stand on sites of their own, so an implementation never
 * shares a network with another implementation being judged. A lab gives its site back only when nothing went wrong in
 * the harness, and only holders that cleared (see {@link Handovers#cleared}); otherwise it removes it all, as a lab always
 * did. Closing the keeper removes every site it holds; a JVM that exits without closing it removes them on the way out.
 */
public final class LabSites implements AutoCloseable {

    private final boolean keeping;
    private final List<Site> idle = new ArrayList<>();
    private boolean closed;
    private final Thread onExit = new Thread(this::close, "lab-sites-cleanup");
    private boolean hooked;

    private LabSites(boolean keeping) {
        this.keeping = keeping;
    }

    /** Sites kept between the labs opened with this keeper, until it is closed. */
    public static LabSites kept() {
        return new LabSites(true);
    }

    /** Every lab on a site of its own, removed with the lab. */
    public static LabSites none() {
        return new LabSites(false);
    }

    /** A site of {@code key} for a lab: one a lab left, or a new one. */
    synchronized Site take(Site.Key key) {
        for (int i = idle.size() - 1; i >= 0; i--) {
            if (idle.get(i).key().equals(key)) {
                return idle.remove(i);
            }
        }
        return new Site(key);
    }

    /**
     * Whether a lab closing now may leave its site to the next: this keeper keeps sites and is not closed. A lab asks
     * before it decides what to keep; {@link #giveBack} still removes a site left after the keeper closed.
     */
    synchronized boolean keeps() {
        return keeping && !closed;
    }

    /** A lab is done with {@code site} and left on it only what the next lab may stand on. */
    void giveBack(Site site) {
        synchronized (this) {
            if (keeps()) {
                if (!hooked) {
                    Runtime.getRuntime().addShutdownHook(onExit);
                    hooked = true;
                }
                idle.add(site);
                return;
            }
        }
        site.close();
    }

    /** How many sites wait for a lab (for tests). */
    synchronized int idleSites() {
        return idle.size();
    }
    /** Removes every site kept; labs closing later remove theirs themselves. */
    @Override
    public void close() {
        List<Site> left;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            left = new ArrayList<>(idle);
            idle.clear();
            if (hooked) {
                try {
                    Runtime.getRuntime().removeShutdownHook(onExit);
                } catch (IllegalStateException e) {
                    // Already shutting down: this is the hook running.
                }
            }
        }
        left.parallelStream().forEach(Site::close);
    }

    /** The sites waiting for a lab (for tests). */
    synchronized List<Site> idle() {
        return List.copyOf(idle);
    }
}
