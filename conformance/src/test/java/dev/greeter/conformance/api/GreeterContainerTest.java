package dev.greeter.conformance.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.testcontainers.utility.DockerImageName;

/** The module's configuration, without starting anything. */
class GreeterContainerTest {

    @Test
    void theOptionsBecomeTheServersArgumentsInAnyOrder() {
        try (GreeterContainer c = new GreeterContainer("greeter:0.1.0").withBacklog(64).withGreeting("hello there")) {
            c.configure();
            assertThat(c.getCommandParts()).containsExactly("server", "--greeting", "hello there", "--backlog", "64");
            assertThat(c.getExposedPorts()).containsExactly(40674);
        }
    }

    @Test
    void anImageOfAnotherNameMustBeDeclaredASubstitute() {
        assertThatThrownBy(() -> new GreeterContainer("nginx:1")).isInstanceOf(IllegalStateException.class).hasMessageContaining("greeter");
        // Declared, it is accepted (the name is resolved only at start, so nothing here asks the engine).
        new GreeterContainer(DockerImageName.parse("acme/greeter:2").asCompatibleSubstituteFor("greeter")).close();
    }

    @Test
    void valuesTheServerWouldRefuseAreRefusedHereNamingThem() {
        try (GreeterContainer c = new GreeterContainer("greeter")) {
            assertThatThrownBy(() -> c.withBacklog(0)).hasMessage("backlog 0 is not in 1-65535");
            assertThatThrownBy(() -> c.withGreeting("")).hasMessage("greeting of 0 bytes: the server sends 1-65536");
        }
    }
}
