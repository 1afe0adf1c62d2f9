package dev.greeter.conformance.spec;

/** The version of SPEC.md these rules quote; reports carry it so results of different versions are never mixed. */
public final class SpecVersion {

    /** Major: what a verdict means changed; minor: rules added or sharpened with the same meaning of CONFORMS. */
    public static final String CURRENT = "2.3";

    private SpecVersion() {
    }
}
