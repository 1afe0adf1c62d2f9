package dev.greeter.cli;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Exit statuses of the {@code greeter} CLI. Each failure a user can act on differently has its own
 * status, so scripts can tell a refused connection from a silent server without parsing messages.
 *
 * <p>Each status carries its description here, and {@code greeter --help} lists them from these ({@link #all()}):
 * a new status is in the help as soon as it exists. docs/greeter.md's table is checked against the same list.
 */
public final class ExitCodes {
    @Meaning("success")
    public static final int OK = 0;
    @Meaning("an I/O failure not listed below (e.g. a Unix socket's directory missing or not writable)")
    public static final int FAILURE = 1;
    @Meaning("invalid command line: bad option or value, unusable bind address, port already in use, Unix path taken")
    public static final int USAGE = 2;
    @Meaning("client: connection refused (nothing listens there; UDP: ICMP port unreachable; Unix: a stale socket file)")
    public static final int CONNECTION_REFUSED = 3;
    @Meaning("client: connect timeout (no answer to the handshake: host down, SYN dropped, full accept queue)")
    public static final int CONNECT_TIMEOUT = 4;
    @Meaning("client: read timeout (connected, but the server was silent or did not finish; UDP: no reply to any request)")
    public static final int READ_TIMEOUT = 5;
    @Meaning("client: connection reset by the server")
    public static final int CONNECTION_RESET = 6;
    @Meaning("client: host unreachable")
    public static final int UNREACHABLE = 7;
    @Meaning("client: no greeting (closed without sending anything, or an empty datagram), or more than 64 KiB")
    public static final int BAD_GREETING = 8;
    @Meaning("client: no socket file at the Unix path (ENOENT)")
    public static final int NO_SUCH_SOCKET = 9;

    /** What a status means, one line for the help. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.FIELD)
    @interface Meaning {
        String value();
    }

    record Status(int code, String meaning) {
    }

    private ExitCodes() {
    }

    /** Every status, in order; read reflectively, which only {@code --help} pays for. */
    static List<Status> all() {
        List<Status> statuses = new ArrayList<>();
        for (Field field : ExitCodes.class.getDeclaredFields()) {
            Meaning meaning = field.getAnnotation(Meaning.class);
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == int.class) {
                if (meaning == null) {
                    throw new IllegalStateException("exit status " + field.getName() + " has no @Meaning");
                }
                try {
                    statuses.add(new Status(field.getInt(null), meaning.value()));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        statuses.sort(Comparator.comparingInt(Status::code));
        return statuses;
    }
}
