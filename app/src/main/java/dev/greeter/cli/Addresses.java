package dev.greeter.cli;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Option checks shared by both commands, each failing as a usage error that names the value. */
final class Addresses {

    private Addresses() {
    }

    static int port(int port, int min) {
        if (port < min || port > 65535) {
            throw UsageException.invalid("--port", port + " is not a port (" + min + "-65535)");
        }
        return port;
    }

    static InetAddress resolve(String option, String host) {
        try {
            return InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw UsageException.invalid(option, "'" + host + "' is not a known host or address");
        }
    }
}
