/**
 * The harness as a library: what an implementer calls from their own tests.
 *
 * <ul>
 *   <li>{@link dev.greeter.conformance.api.GreeterConformance}: judge a server or client image; the verdicts as a
 *       {@link dev.greeter.conformance.run.Report}, or as one JUnit 5 dynamic test per rule.</li>
 *   <li>{@link dev.greeter.conformance.api.GreeterAssertions}: AssertJ assertions on a report.</li>
 *   <li>{@link dev.greeter.conformance.api.GreeterContainer}: a Testcontainers module that starts the greeter server
 *       image, to test a client against.</li>
 * </ul>
 *
 * <p>JUnit Jupiter and AssertJ are optional dependencies of this artifact: a test that uses
 * {@code dynamicTests()} or {@code GreeterAssertions} has them on its class path already, and the command-line
 * harness needs neither. Everything outside this package and the types it returns is the harness's own and may
 * change between versions.
 */
package dev.greeter.conformance.api;
