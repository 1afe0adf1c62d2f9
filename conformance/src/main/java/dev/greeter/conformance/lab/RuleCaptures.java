package dev.greeter.conformance.lab;

import dev.greeter.conformance.config.Captures;
import dev.greeter.conformance.probe.ProbeReply;
import dev.greeter.conformance.probe.ProbeRequest;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The lab's packet captures (--captures). A holder captures its namespace from the moment it is handed out until it is
 * released, so a rule's capture is everything its holders carried from their set-up to the rule's end: rules that judge
 * one observation (2.1 to 2.3 judge one exchange, made during the first) each get the packets of it, as their wire
 * traces show it. An area is judged on one thread, which takes its holders ({@link Lab#holder()}) and judges its rules,
 * so a rule's holders are those its thread holds; a holder released during the rule (a client rule's own) gives up its
 * capture before it is cleared.
 */
final class RuleCaptures {

    private final Captures settings;
    /** By identity: a container's equality is not its identity (Testcontainers compares containers by their settings). */
    private final Map<ProbeContainer, Thread> owners = Collections.synchronizedMap(new IdentityHashMap<>());
    private final Map<ProbeContainer, String> failed = Collections.synchronizedMap(new IdentityHashMap<>());
    private final Map<Thread, RuleCapture> active = new ConcurrentHashMap<>();

    RuleCaptures(Captures settings) {
        this.settings = settings;
    }

    boolean active() {
        return settings.active();
    }

    /** {@code holder} is now the current thread's, and captures from now on. */
    ProbeContainer handedOut(ProbeContainer holder) {
        if (!settings.active()) {
            return holder;
        }
        owners.put(holder, Thread.currentThread());
        ProbeClient probe = holder.client();
        try {
            if (probe == null) {
                throw new IllegalStateException("the holder has no probe");
            }
            probe.call(new ProbeRequest.StartCapture(Captures.LIMIT_BYTES), ProbeReply.Done.class);
            failed.remove(holder);
        } catch (RuntimeException e) {
            failed.put(holder, "the holder could not capture: " + e.getMessage());
        }
        return holder;
    }

    /** {@code holder} is about to be cleared or removed: the rule it serves, if any, takes what it captured. */
    void released(ProbeContainer holder) {
        if (!settings.active()) {
            return;
        }
        Thread owner = owners.remove(holder);
        RuleCapture rule = owner == null ? null : active.get(owner);
        String problem = failed.remove(holder);
        if (rule != null) {
            rule.take(holder, problem, true);
        }
    }

    /** The current thread begins judging {@code ruleId}. */
    RuleCapture begin(String ruleId) {
        Thread thread = Thread.currentThread();
        RuleCapture rule = new RuleCapture(settings, ruleId).in(this);
        active.put(thread, rule);
        return rule;
    }

    /** The rule of the current thread is judged: every holder it holds gives what it captured so far, if the rule keeps it. */
    void end(RuleCapture rule, boolean keep) {
        Thread thread = Thread.currentThread();
        active.remove(thread, rule);
        if (!keep) {
            return;
        }
        List<ProbeContainer> held;
        synchronized (owners) {
            held = owners.entrySet().stream().filter(e -> e.getValue() == thread).map(Map.Entry::getKey).toList();
        }
        held.forEach(h -> rule.take(h, failed.get(h), false));
    }
}
