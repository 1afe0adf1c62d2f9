package dev.greeter.conformance.spec;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The lesson's three kinds of socket, each with its own SPEC sections: TCP (sections 1 to 7), UDP and
 * Unix-domain stream sockets. A run judges the transports it is given (--transport); rules of the
 * others are not part of it at all, so a TCP run's report reads as it always did.
 */
public enum Transport {
    TCP, UDP, UNIX;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws IllegalArgumentException naming the value and the choices */
    public static Transport parse(String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(t -> t.id().equals(v)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown transport '" + value + "' (choose from "
                        + Arrays.stream(values()).map(Transport::id).collect(Collectors.joining(", ")) + ")"));
    }
}
