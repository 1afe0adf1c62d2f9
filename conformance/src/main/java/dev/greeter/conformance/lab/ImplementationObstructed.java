package dev.greeter.conformance.lab;

/**
 * The implementation kept the harness from observing it through what the two share: it took every
 * ephemeral port of the network namespace the probe shares with it, so the probe could connect from no
 * port. That is what the implementation did, never a harness error: the rule under way fails with this
 * account, as with {@link ImplementationExited}.
 */
public final class ImplementationObstructed extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ImplementationObstructed(String account) {
        super(account, null, false, false);
    }

    /**
     * The probe's own error {@code error} while doing {@code what} in the implementation's namespace: an
     * obstruction when it is the namespace's ports that ran out (EADDRNOTAVAIL), else a harness error.
     */
    static RuntimeException of(String what, String error) {
        if (error != null && (error.contains("BindException") || error.contains("Cannot assign requested address"))) {
            return new ImplementationObstructed(what + ": no local port was free in the network namespace the probe shares"
                    + " with the implementation (" + error + "): the implementation holds its ephemeral ports");
        }
        return new dev.greeter.conformance.config.HarnessException(what + ": " + error);
    }
}
