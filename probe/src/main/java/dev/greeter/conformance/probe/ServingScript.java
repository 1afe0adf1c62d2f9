package dev.greeter.conformance.probe;

import java.io.IOException;

/** A scripted server the agent runs for a client under test, whatever its transport: one at a time. */
interface ServingScript extends AutoCloseable {

    ProbeReply.ServeReport report();

    @Override
    void close() throws IOException;
}
