package dev.greeter.conformance.lab;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A failed pull is reported with the registry's own reason, on one line. */
class ImagesTest {

    @Test
    void theEnginesMessageIsTakenOutOfDockerJavasWrapping() {
        RuntimeException e = new RuntimeException("Status 404: {\"message\":\"manifest for 127.0.0.1:5000/nope:1 not found:"
                + " manifest unknown: manifest unknown\"}\n");
        assertThat(Images.reason(e)).isEqualTo("manifest for 127.0.0.1:5000/nope:1 not found: manifest unknown: manifest unknown");
    }

    @Test
    void anyOtherMessageIsKeptOnOneLine() {
        assertThat(Images.reason(new RuntimeException("Get https://r.example/v2/:\n  dial tcp: lookup r.example: no such host")))
                .isEqualTo("Get https://r.example/v2/: dial tcp: lookup r.example: no such host");
    }
}
