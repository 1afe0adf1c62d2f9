package dev.greeter.client;

import dev.greeter.client.ClientFailure.Kind;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;

/**
 * Fetches one greeting. TCP: connects, reads the greeting to end of stream (it may arrive in pieces), and closes;
 * Unix-domain sockets the same ({@link UnixClient}); UDP: one request, retried, one reply ({@link DatagramClient}).
 */
public final class GreetingClient {

    private GreetingClient() {
    }

    public static byte[] fetch(ClientConfig config) throws ClientFailure {
        return switch (config.transport()) {
            case TCP -> fetchTcp(config);
            case UDP -> DatagramClient.fetch(config);
            case UNIX -> UnixClient.fetch(config);
        };
    }

    private static byte[] fetchTcp(ClientConfig config) throws ClientFailure {
        String target = config.target();
        try (Socket socket = new Socket()) {
            connect(socket, config, target);
            return readToEnd(socket, config, target);
        } catch (IOException e) {
            throw new ClientFailure(Kind.IO, "I/O error with " + target + ": " + e.getMessage(), e);
        }
    }

    private static void connect(Socket socket, ClientConfig config, String target) throws ClientFailure {
        try {
            socket.connect(config.server(), Math.toIntExact(config.connectTimeout().toMillis()));
        } catch (SocketTimeoutException e) {
            throw new ClientFailure(Kind.CONNECT_TIMEOUT,
                    "no answer from " + target + " within " + config.connectTimeout().toMillis()
                            + " ms (connect timeout; server down, unreachable, or its accept queue full)", e);
        } catch (NoRouteToHostException e) {
            throw new ClientFailure(Kind.UNREACHABLE, "host " + target + " is unreachable: " + e.getMessage(), e);
        } catch (ConnectException e) {
            throw new ClientFailure(Kind.REFUSED, "connection refused by " + target + " (is a server listening?)", e);
        } catch (IOException e) {
            // A reset that lands while the handshake completes surfaces here, not on the first read.
            if (e instanceof SocketException && String.valueOf(e.getMessage()).contains("reset")) {
                throw new ClientFailure(Kind.RESET, "connection reset by " + target + " during the handshake", e);
            }
            throw new ClientFailure(Kind.IO, "could not connect to " + target + ": " + e.getMessage(), e);
        }
    }

    private static byte[] readToEnd(Socket socket, ClientConfig config, String target) throws ClientFailure, IOException {
        long deadline = System.nanoTime() + config.readTimeout().toNanos();
        Received received = new Received(target);
        byte[] buffer = new byte[4096];
        while (true) {
            long remainingMillis = (deadline - System.nanoTime()) / 1_000_000;
            try {
                if (remainingMillis <= 0) {
                    throw new SocketTimeoutException();
                }
                socket.setSoTimeout(Math.toIntExact(remainingMillis));
                int n = socket.getInputStream().read(buffer);
                if (n < 0) {
                    break;
                }
                received.add(buffer, n);
            } catch (SocketTimeoutException e) {
                throw new ClientFailure(Kind.READ_TIMEOUT, "no complete greeting from " + target + " within "
                        + config.readTimeout().toMillis() + " ms (read timeout; " + received.size() + " bytes received)", e);
            } catch (SocketException e) {
                throw new ClientFailure(Kind.RESET, "connection reset by " + target + " after " + received.size()
                        + " bytes: " + e.getMessage(), e);
            }
        }
        return received.greeting();
    }
}
