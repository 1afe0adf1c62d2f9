package dev.greeter.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.greeter.protocol.Protocol;
import dev.greeter.protocol.Transport;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ServerConfigTest {

    private static ServerConfig config(String greeting, SocketIo io) {
        return Configs.tcp(InetAddress.getLoopbackAddress(), 0, 5, greeting, ServerConfig.DEFAULT_WRITE_TIMEOUT, io);
    }

    @Test
    void nativeIoTakesOnlyGreetingsThatOneSendTakesAtOnce() {
        String longest = "é".repeat(GreetingServer.ONE_WRITE_MAX_BYTES / 2);
        assertThat(config(longest, SocketIo.NATIVE).io()).as("1024 bytes of UTF-8").isEqualTo(SocketIo.NATIVE);
        assertThatThrownBy(() -> config(longest + "x", SocketIo.NATIVE)).as("1025 bytes")
                .isInstanceOf(IllegalArgumentException.class).hasMessage("'native' takes greetings up to 1024 bytes; --greeting has 1025");
        assertThat(config(longest + "x", SocketIo.JDK).io()).as("the JDK path takes any length").isEqualTo(SocketIo.JDK);
    }

    @Test
    void nativeIoServesOnlyTcp() {
        InetSocketAddress any = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        assertThatThrownBy(() -> new ServerConfig(Transport.UDP, any, 1, "hi", ServerConfig.DEFAULT_WRITE_TIMEOUT, SocketIo.NATIVE))
                .hasMessage("'native' serves only --transport tcp; udp uses the JDK's channels");
        assertThat(SocketIo.choose("auto", Transport.UNIX, 24)).as("auto for unix").isEqualTo(SocketIo.JDK);
        assertThat(SocketIo.choose("auto", Transport.UDP, 24)).as("auto for udp").isEqualTo(SocketIo.JDK);
        assertThat(SocketIo.choose("auto", Transport.TCP, GreetingServer.ONE_WRITE_MAX_BYTES + 1)).as("auto, long greeting")
                .isEqualTo(SocketIo.JDK);
        assertThatThrownBy(() -> SocketIo.choose("native", Transport.UNIX, 24))
                .hasMessage("'native' serves only --transport tcp; unix uses the JDK's channels");
        assertThatThrownBy(() -> SocketIo.choose("fast", Transport.TCP, 24)).hasMessage("'fast' is not one of auto, native, jdk");
    }

    @Test
    void aUdpGreetingFitsInAPaddedRequest() {
        String longest = "x".repeat(Protocol.UDP_REQUEST_BYTES);
        assertThat(Configs.udp(InetAddress.getLoopbackAddress(), 0, longest).greetingBytes()).hasSize(1200);
        assertThatThrownBy(() -> Configs.udp(InetAddress.getLoopbackAddress(), 0, longest + "x"))
                .hasMessage("a UDP greeting is at most 1200 bytes");
    }

    @Test
    void theAddressMatchesTheTransport() {
        UnixDomainSocketAddress path = UnixDomainSocketAddress.of(Path.of("/tmp/x.sock"));
        assertThatThrownBy(() -> new ServerConfig(Transport.TCP, path, 5, "hi", ServerConfig.DEFAULT_WRITE_TIMEOUT, SocketIo.JDK))
                .hasMessage("tcp cannot listen on /tmp/x.sock");
        ServerConfig unix = Configs.unix(Path.of("/tmp/x.sock"), 5, "hi");
        assertThat(unix.path()).isEqualTo(Path.of("/tmp/x.sock"));
        assertThatThrownBy(unix::inetAddress).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void anAddressIsShownAsTheServersLinesShowIt() throws Exception {
        org.assertj.core.api.Assertions.assertThat(ServerConfig.where(new java.net.InetSocketAddress(java.net.InetAddress.getByName("0.0.0.0"), 40674)))
                .isEqualTo("0.0.0.0:40674");
        org.assertj.core.api.Assertions.assertThat(ServerConfig.where(new java.net.InetSocketAddress(java.net.InetAddress.getByName("::"), 40674)))
                .as("the IPv6 wildcard").isEqualTo("[::]:40674");
        org.assertj.core.api.Assertions.assertThat(ServerConfig.where(new java.net.InetSocketAddress(java.net.InetAddress.getByName("::1"), 5)))
                .isEqualTo("[0:0:0:0:0:0:0:1]:5");
    }
}
