package dev.greeter.conformance.lab;

/**
 * The implementation's container had exited on its own when the harness went to signal, pause or
 * inspect it (the engine answers 409 "is not running" or 404). That is a verdict on the
 * implementation, never a harness error: the rule under way fails with this account.
 */
public final class ImplementationExited extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ImplementationExited(String account) {
        super(account, null, false, false);
    }
}
