package dev.greeter.conformance.run;

import dev.greeter.conformance.spec.Verdict;

/**
 * One cell of the interop grid: a client under test run once against a server under test. PASS when the
 * client exits 0 and prints that server's greeting; FAIL otherwise (with what happened); ERROR when the
 * harness could not set the pair up. Interop is reported apart and never changes a conformance verdict.
 */
public record InteropResult(String client, String server, Verdict verdict, Long exitCode, String expected, String observed,
                            String stdout, String stderr, long millis) {
}
