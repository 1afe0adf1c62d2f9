package dev.greeter.conformance.run;

/** The implementation broke the rule being checked: a FAIL, with the evidence. */
public final class Violation extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient Finding finding;

    public Violation(Finding finding) {
        super(finding.observed(), null, false, false);
        this.finding = finding;
    }

    Finding finding() {
        return finding;
    }
}
