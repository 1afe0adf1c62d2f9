package dev.greeter.conformance.spec;

/**
 * PASS and FAIL judge the implementation; SKIPPED means the rule was not judged (deselected, or a
 * prerequisite failed) and says why; ERROR means the harness itself broke and judges nothing.
 */
public enum Verdict { PASS, FAIL, SKIPPED, ERROR }
