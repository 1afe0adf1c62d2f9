package dev.greeter.server;

import java.io.IOException;

/**
 * A Unix-domain server's path is someone else's: another server answers on it, or it is not a socket. The
 * command line's fault, not the machine's: the file is left as it is.
 */
public final class PathTakenException extends IOException {

    private static final long serialVersionUID = 1L;

    PathTakenException(String message) {
        super(message);
    }
}
