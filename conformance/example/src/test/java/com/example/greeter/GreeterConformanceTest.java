package com.example.greeter;

import dev.greeter.conformance.api.GreeterConformance;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.testcontainers.utility.DockerImageName;

/** The whole suite against the greeter image, server and client, as one JUnit test per rule. */
class GreeterConformanceTest {

    static final DockerImageName IMAGE = DockerImageName.parse(System.getProperty("greeter.image", "greeter:0.1.0"));

    @TestFactory
    Stream<DynamicTest> conformsToTheSpec() {
        return GreeterConformance.server(IMAGE)
                .withClient(IMAGE).clientArgs("client")
                .dynamicTests();
    }
}
