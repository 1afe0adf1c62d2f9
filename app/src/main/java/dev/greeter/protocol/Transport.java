package dev.greeter.protocol;

import java.util.Locale;

/** The lesson's three kinds of socket: AF_INET SOCK_STREAM, AF_INET SOCK_DGRAM and AF_UNIX SOCK_STREAM. */
public enum Transport {
    TCP, UDP, UNIX;

    /** The word the command line takes and the listening line shows. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Null for a word that names no transport. */
    public static Transport of(String label) {
        for (Transport transport : values()) {
            if (transport.label().equals(label)) {
                return transport;
            }
        }
        return null;
    }
}
