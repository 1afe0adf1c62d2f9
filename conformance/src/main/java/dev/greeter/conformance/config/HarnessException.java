package dev.greeter.conformance.config;

/** The harness could not observe what it needed: judged as ERROR, never as a failure of the implementation. */
public class HarnessException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public HarnessException(String message) {
        super(message);
    }

    public HarnessException(String message, Throwable cause) {
        super(message, cause);
    }
}
