package dev.greeter.conformance.checks;

import dev.greeter.conformance.run.Section;
import dev.greeter.conformance.run.SuiteRunner;
import java.util.List;

/** The whole conformance suite: one section per area of SPEC.md, in its order. */
public final class Suite {

    private Suite() {
    }

    public static final List<Section<?>> SECTIONS = List.of(BindingChecks.SECTION, GreetingChecks.SECTION,
            ConcurrencyChecks.SECTION, BacklogChecks.SECTION, RefusedChecks.SECTION, RobustnessChecks.SECTION, ClientChecks.SECTION,
            UdpChecks.SECTION, UdpClientChecks.SECTION,
            UnixChecks.SECTION, UnixClientChecks.SECTION);

    public static SuiteRunner runner() {
        return new SuiteRunner(SECTIONS);
    }

    /** The suite on labs that stand on the sites {@code sites} keeps from one lab to the next. */
    public static SuiteRunner runner(dev.greeter.conformance.lab.LabSites sites) {
        return new SuiteRunner(SECTIONS, config -> dev.greeter.conformance.lab.Lab.open(config, sites));
    }
}
