package com.example.greeter;

import static dev.greeter.conformance.api.GreeterAssertions.assertThat;

import dev.greeter.conformance.api.GreeterConformance;
import dev.greeter.conformance.run.Report;
import org.junit.jupiter.api.Test;
import org.testcontainers.utility.DockerImageName;

/** A server known to send a newline after its greeting: the suite must fail it on 2.2 and on nothing else. */
class KnownBadServerTest {

    static final DockerImageName FIXTURE = DockerImageName.parse(System.getProperty("greeter.fixture.image",
            "greeter-fixture/wrong-greeting:latest"));

    @Test
    void failsExactlyTheRuleItBreaks() {
        Report report = GreeterConformance.server(FIXTURE).only("greeting").run();

        assertThat(report).onlyFailed("2.2");
        assertThat(report).rule("2.1").passed();
        assertThat(report).rule("3.1").skipped();
    }
}
