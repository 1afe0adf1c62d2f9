package dev.greeter.conformance.checks;

import dev.greeter.conformance.run.AreaChecks;
import dev.greeter.conformance.run.SuiteRunner;
import java.util.List;

/** The whole conformance suite: one class per area of SPEC.md, in its order. */
public final class Suite {

    private Suite() {
    }

    public static final List<Class<? extends AreaChecks>> AREAS = List.of(BindingChecks.class, GreetingChecks.class,
            ConcurrencyChecks.class, BacklogChecks.class, RefusedChecks.class, RobustnessChecks.class, ClientChecks.class,
            UdpChecks.class, UdpClientChecks.class);

    public static SuiteRunner runner() {
        return new SuiteRunner(AREAS);
    }
}
