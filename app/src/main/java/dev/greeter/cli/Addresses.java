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

    /**
     * Whether the JDK makes IPv6 sockets here. It does not where the kernel has no IPv6, nor where no interface has an
     * IPv6 address (/proc/net/if_inet6 empty: a container on Docker's IPv4-only networks, whose interfaces have IPv6
     * disabled), and then {@code ::} cannot be bound: the server takes 0.0.0.0 instead.
     */
    static boolean ipv6Available() {
        try (java.nio.channels.DatagramChannel probe = java.nio.channels.DatagramChannel.open(java.net.StandardProtocolFamily.INET6)) {
            return true;
        } catch (UnsupportedOperationException | java.io.IOException e) {
            return false;
        }
    }

    static InetAddress resolve(String option, String host) {
        try {
            return InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw UsageException.invalid(option, "'" + host + "' is not a known host or address");
        }
    }
}
