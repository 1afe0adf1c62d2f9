package dev.greeter.cli;

import dev.greeter.protocol.Protocol;
import dev.greeter.protocol.Transport;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/** {@code --transport} and the options that belong to only some transports, for both commands. */
final class Transports {

    /** sun_path holds 108 bytes, the last a NUL. */
    static final int MAX_PATH_BYTES = 107;

    static final Option OPTION = new Option("--transport", "TRANSPORT", Transport.TCP.label(),
            "tcp, udp, or unix (a Unix-domain stream socket at --path)");

    static Option pathOption(String verb) {
        return new Option("--path", "PATH", Protocol.DEFAULT_UNIX_PATH, "Unix-domain socket to " + verb + " (--transport unix only)");
    }

    private Transports() {
    }

    /**
     * The transport asked for. Options of another transport are refused rather than ignored: {@code --port} with
     * unix, {@code --path} with tcp or udp, would otherwise be silently without effect.
     */
    static Transport resolve(Arguments arguments, List<String> ipOnly) {
        String label = arguments.value("--transport");
        Transport transport = Transport.of(label);
        if (transport == null) {
            throw UsageException.invalid("--transport", "'" + label + "' is not one of tcp, udp, unix");
        }
        if (transport == Transport.UNIX) {
            for (String option : ipOnly) {
                if (arguments.given(option)) {
                    throw new UsageException("option '" + option + "' does not apply to --transport unix (use --path)");
                }
            }
        } else if (arguments.given("--path")) {
            throw new UsageException("option '--path' applies only to --transport unix, not " + label);
        }
        return transport;
    }

    static Path path(Arguments arguments) {
        String path = arguments.value("--path");
        int length = path.getBytes(StandardCharsets.UTF_8).length;
        if (length == 0) {
            throw UsageException.invalid("--path", "the path is empty");
        }
        if (length > MAX_PATH_BYTES || path.indexOf('\0') >= 0) {
            throw UsageException.invalid("--path", "'" + path + "' is " + length + " bytes; a Unix socket path is at most "
                    + MAX_PATH_BYTES);
        }
        return Path.of(path);
    }
}
