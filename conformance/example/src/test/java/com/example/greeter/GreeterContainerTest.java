package com.example.greeter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.greeter.conformance.api.GreeterContainer;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.testcontainers.utility.DockerImageName;

/** The Testcontainers module, as an implementer testing their own client would use it. */
class GreeterContainerTest {

    @Test
    void servesItsGreetingOnTheMappedPort() throws Exception {
        DockerImageName image = DockerImageName.parse(System.getProperty("greeter.image", "greeter:0.1.0"))
                .asCompatibleSubstituteFor("greeter");
        try (GreeterContainer server = new GreeterContainer(image).withGreeting("Hello from the example").withBacklog(8)) {
            server.start();

            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(server.getHost(), server.getGreetingPort()), 2000);
                socket.setSoTimeout(2000);
                InputStream in = socket.getInputStream();
                assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("Hello from the example");
            }
        }
    }
}
