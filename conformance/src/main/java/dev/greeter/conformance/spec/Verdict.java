package dev.greeter.conformance.spec;

/**
 * PASS and FAIL judge the implementation. XFAIL is a FAIL the user listed as expected
 * (--expect-failures): reported, not fatal. XPASS is a listed rule that passed: the list is stale,
 * and that fails the run. SKIPPED means the rule was not judged (deselected, no image of its role, or
 * a prerequisite failed) and says why; ERROR means the harness itself broke and judges nothing.
 */
public enum Verdict { PASS, FAIL, XFAIL, XPASS, SKIPPED, ERROR }
