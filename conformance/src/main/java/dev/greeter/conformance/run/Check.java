package dev.greeter.conformance.run;

import dev.greeter.conformance.spec.Rule;
import java.util.Objects;
import java.util.function.Function;

/**
 * One rule's check, as its area's {@link Section} declares it: the rule, the check's name and what judges it.
 * The name reads as the reactive-streams TCK's do ({@code required_spec201_greetsUnprompted} for MUST 2.1,
 * {@code recommended_spec503_...} for SHOULD 5.3), so a JUnit report names the rule in every test.
 *
 * @param <A> the area's checks, which the body is given
 */
public record Check<A extends AreaChecks>(Rule rule, String name, Function<A, Finding> body) {

    public Check {
        Objects.requireNonNull(rule);
        Objects.requireNonNull(body);
        if (!name.startsWith(rule.methodPrefix()) || !name.substring(rule.methodPrefix().length()).matches("[a-z][A-Za-z0-9]*")) {
            throw new IllegalArgumentException("check '" + name + "' of " + rule.id() + " is not named " + rule.methodPrefix() + "whatItChecks");
        }
    }

    /** {@code check(Rule.R2_1, "greetsUnprompted", GreetingChecks::greetsUnprompted)} is named {@code required_spec201_greetsUnprompted}. */
    public static <A extends AreaChecks> Check<A> check(Rule rule, String whatItChecks, Function<A, Finding> body) {
        return new Check<>(rule, rule.methodPrefix() + whatItChecks, body);
    }
}
