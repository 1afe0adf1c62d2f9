package dev.greeter.client;

/** Why a greeting could not be fetched; each kind maps to its own exit status. */
public final class ClientFailure extends Exception {

    public enum Kind { REFUSED, CONNECT_TIMEOUT, READ_TIMEOUT, RESET, UNREACHABLE, EMPTY, TOO_LONG, NO_SUCH_SOCKET, IO }

    private static final long serialVersionUID = 1L;

    private final Kind kind;

    ClientFailure(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
