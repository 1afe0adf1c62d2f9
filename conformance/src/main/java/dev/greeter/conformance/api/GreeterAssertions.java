package dev.greeter.conformance.api;

import dev.greeter.conformance.run.Report;

/**
 * AssertJ entry point for conformance reports:
 *
 * <pre>{@code
 * Report report = GreeterConformance.server(image).only("greeting").run();
 * GreeterAssertions.assertThat(report).rule("2.2").failed();
 * GreeterAssertions.assertThat(report).onlyFailed("2.2");
 * }</pre>
 *
 * A failed assertion's message shows each rule concerned as the console report does: its requirement, what was
 * expected and observed, and the wire trace. Needs {@code assertj-core} on the class path (an optional dependency of
 * this artifact).
 */
public final class GreeterAssertions {

    private GreeterAssertions() {
    }

    /** Assertions on the whole report; {@link ReportAssert#rule(String)} narrows to one rule. */
    public static ReportAssert assertThat(Report actual) {
        return new ReportAssert(actual);
    }
}
