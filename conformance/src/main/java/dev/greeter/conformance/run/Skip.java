package dev.greeter.conformance.run;

/** The rule cannot be judged in this run, for the reason given: SKIPPED, never PASS. */
public final class Skip extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public Skip(String reason) {
        super(reason, null, false, false);
    }
}
