/**
 * The probe: a small agent the harness runs inside containers, next to the implementation under test,
 * so that every observation is made from inside the container network (a published port's userland
 * proxy would accept connections on the server's behalf and hide refusals and backlog behaviour).
 *
 * <p>Everything in this package runs inside the probe container on the plain JDK (java.base only): the
 * harness copies exactly this package into the container. It is a Maven module of its own, with no
 * dependencies, so that code here cannot use the harness or any library: that would not compile.
 */
package dev.greeter.conformance.probe;
