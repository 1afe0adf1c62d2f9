package dev.greeter.conformance.run;

import dev.greeter.conformance.lab.Lab;

/**
 * The checks of one area of SPEC.md. Each check is a public method named after its rule,
 * reactive-streams TCK style ({@code required_spec201_...} for MUST 2.1, {@code recommended_spec503_...}
 * for SHOULD 5.3), taking nothing and returning the {@link Finding} it passed with, or throwing
 * {@link Violation} or {@link Skip}. All checks of a class belong to one area; they run in rule order
 * and may share what they set up. Subclasses need a public (Lab, Results) constructor.
 */
public abstract class AreaChecks implements AutoCloseable {

    protected final Lab lab;
    protected final HarnessConfig config;
    protected final Results results;

    protected AreaChecks(Lab lab, Results results) {
        this.lab = lab;
        this.config = lab.config();
        this.results = results;
    }

    /** Sets up what the checks share; throwing {@link Skip} skips the whole area with that reason. */
    public void open() {
    }

    @Override
    public void close() {
    }
}
