package dev.greeter.protocol;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Arrays;

/** Plain loopback DatagramSockets, as the UDP tests' peers and scripted servers. */
public final class Datagrams {

    private Datagrams() {
    }

    /** On an ephemeral loopback port, with a bound on every receive so that a missing datagram fails the test. */
    public static DatagramSocket loopbackSocket() throws IOException {
        DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        socket.setSoTimeout(10_000);
        return socket;
    }

    /** The next datagram, whatever its size, with the address it came from. */
    public static DatagramPacket receive(DatagramSocket socket) throws IOException {
        DatagramPacket packet = new DatagramPacket(new byte[Protocol.MAX_DATAGRAM_BYTES], Protocol.MAX_DATAGRAM_BYTES);
        socket.receive(packet);
        return packet;
    }

    public static byte[] payload(DatagramPacket packet) {
        return Arrays.copyOfRange(packet.getData(), packet.getOffset(), packet.getOffset() + packet.getLength());
    }
}
