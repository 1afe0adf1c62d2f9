package dev.greeter.conformance.spec;

/** RFC 2119 levels: a failed MUST makes an implementation non-conformant; a failed SHOULD is a warning. */
public enum Level { MUST, SHOULD }
