package dev.greeter.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class ServerConfigTest {

    private static ServerConfig config(String greeting, SocketIo io) {
        return new ServerConfig(InetAddress.getLoopbackAddress(), 0, 5, greeting, ServerConfig.DEFAULT_WRITE_TIMEOUT, io);
    }

    @Test
    void nativeIoTakesOnlyGreetingsThatOneSendTakesAtOnce() {
        String longest = "é".repeat(GreetingServer.ONE_WRITE_MAX_BYTES / 2);
        assertThat(config(longest, SocketIo.NATIVE).io()).as("1024 bytes of UTF-8").isEqualTo(SocketIo.NATIVE);
        assertThatThrownBy(() -> config(longest + "x", SocketIo.NATIVE)).as("1025 bytes")
                .isInstanceOf(IllegalArgumentException.class).hasMessage("native I/O takes greetings up to 1024 bytes");
        assertThat(config(longest + "x", SocketIo.JDK).io()).as("the JDK path takes any length").isEqualTo(SocketIo.JDK);
    }
}
