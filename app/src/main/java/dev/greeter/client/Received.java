package dev.greeter.client;

import dev.greeter.client.ClientFailure.Kind;
import dev.greeter.protocol.Protocol;
import java.io.ByteArrayOutputStream;

/** A greeting read from a stream so far (TCP, Unix), with the two checks on it: not endless, not empty. */
final class Received {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
    private final String target;

    Received(String target) {
        this.target = target;
    }

    /** Rather than buffer without bound, gives up once the greeting is longer than any can be. */
    void add(byte[] buffer, int length) throws ClientFailure {
        bytes.write(buffer, 0, length);
        if (bytes.size() > Protocol.MAX_GREETING_BYTES) {
            throw new ClientFailure(Kind.TOO_LONG, "greeting from " + target + " exceeds " + Protocol.MAX_GREETING_BYTES + " bytes",
                    null);
        }
    }

    int size() {
        return bytes.size();
    }

    /** At end of stream. */
    byte[] greeting() throws ClientFailure {
        if (bytes.size() == 0) {
            throw new ClientFailure(Kind.EMPTY, target + " closed the connection without sending a greeting", null);
        }
        return bytes.toByteArray();
    }
}
