package dev.greeter.cli;

import java.net.InetAddress;
import java.net.UnknownHostException;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** Option checks shared by both commands, each failing as a usage error that names the value. */
final class Addresses {

    private Addresses() {
    }

    static int port(CommandSpec spec, int port, int min) {
        if (port < min || port > 65535) {
            throw new ParameterException(spec.commandLine(),
                    "Invalid value for option '--port': " + port + " is not a port (" + min + "-65535)");
        }
        return port;
    }

    static InetAddress resolve(CommandSpec spec, String option, String host) {
        try {
            return InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new ParameterException(spec.commandLine(),
                    "Invalid value for option '" + option + "': '" + host + "' is not a known host or address");
        }
    }
}
