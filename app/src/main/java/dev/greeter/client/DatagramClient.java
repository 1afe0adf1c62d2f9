package dev.greeter.client;

import dev.greeter.client.ClientFailure.Kind;
import dev.greeter.protocol.Protocol;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.PortUnreachableException;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.Arrays;

/**
 * The UDP client: sends {@link Protocol#UDP_REQUEST_BYTES} zero bytes, sends them again when no reply comes
 * (250 ms, then each wait doubles) until the read timeout, and returns the first reply's payload.
 *
 * <p>The socket is connected to the server, so the kernel hands it only datagrams from the server's address and
 * port (anyone else's are dropped before they reach it), and Linux reports an ICMP port-unreachable as
 * ECONNREFUSED on the next call: {@link PortUnreachableException}, refused as for TCP. An unconnected socket
 * would learn of neither.
 */
final class DatagramClient {

    private DatagramClient() {
    }

    static byte[] fetch(ClientConfig config) throws ClientFailure {
        String target = config.target();
        InetSocketAddress server = (InetSocketAddress) config.server();
        long timeoutNanos = config.readTimeout().toNanos();
        long deadline = System.nanoTime() + timeoutNanos;
        int sent = 0;
        try (DatagramChannel channel = server.getAddress() instanceof Inet4Address
                ? DatagramChannel.open(StandardProtocolFamily.INET) : DatagramChannel.open();
                Selector selector = Selector.open()) {
            channel.connect(server);
            channel.configureBlocking(false);
            channel.register(selector, SelectionKey.OP_READ);
            ByteBuffer request = ByteBuffer.allocate(Protocol.UDP_REQUEST_BYTES);
            ByteBuffer reply = ByteBuffer.allocate(Protocol.MAX_DATAGRAM_BYTES);
            long waitNanos = Protocol.UDP_FIRST_RETRY.toNanos();
            while (deadline - System.nanoTime() > 0) {
                channel.write(request.clear());
                sent++;
                long resendAt = Math.min(deadline, System.nanoTime() + waitNanos);
                waitNanos *= 2;
                long left;
                while ((left = resendAt - System.nanoTime()) > 0) {
                    selector.select(Math.max(1, left / 1_000_000));
                    selector.selectedKeys().clear();
                    reply.clear();
                    if (channel.receive(reply) != null) {
                        return payload(reply, target);
                    }
                }
            }
        } catch (PortUnreachableException e) {
            throw new ClientFailure(Kind.REFUSED, "udp port unreachable at " + target
                    + " (ICMP port unreachable: is a server listening?)", e);
        } catch (NoRouteToHostException e) {
            throw new ClientFailure(Kind.UNREACHABLE, "host " + target + " is unreachable: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new ClientFailure(Kind.IO, "I/O error with udp " + target + ": " + e.getMessage(), e);
        }
        throw new ClientFailure(Kind.READ_TIMEOUT, "no reply from udp " + target + " within " + config.readTimeout().toMillis()
                + " ms (read timeout; " + sent + " requests of " + Protocol.UDP_REQUEST_BYTES + " bytes sent)", null);
    }

    private static byte[] payload(ByteBuffer reply, String target) throws ClientFailure {
        if (reply.position() == 0) {
            throw new ClientFailure(Kind.EMPTY, "udp " + target + " replied with an empty datagram", null);
        }
        return Arrays.copyOf(reply.array(), reply.position());
    }
}
