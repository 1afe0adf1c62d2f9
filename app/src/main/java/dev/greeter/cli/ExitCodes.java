package dev.greeter.cli;

/**
 * Exit statuses of the {@code greeter} CLI. Each failure a user can act on differently has its own
 * status, so scripts can tell a refused connection from a silent server without parsing messages.
 */
public final class ExitCodes {
    public static final int OK = 0;
    /** An I/O failure with no more specific status below. */
    public static final int FAILURE = 1;
    /** Invalid command line: unknown option, bad value, unusable address or port. */
    public static final int USAGE = 2;
    public static final int CONNECTION_REFUSED = 3;
    public static final int CONNECT_TIMEOUT = 4;
    /** Connected, but the server sent nothing (or did not finish) within the read timeout. */
    public static final int READ_TIMEOUT = 5;
    public static final int CONNECTION_RESET = 6;
    public static final int UNREACHABLE = 7;
    /** The server closed without sending anything, or sent more than a greeting can be. */
    public static final int BAD_GREETING = 8;

    private ExitCodes() {
    }
}
