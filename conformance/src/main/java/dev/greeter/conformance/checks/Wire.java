package dev.greeter.conformance.checks;

import dev.greeter.conformance.probe.Printable;
import dev.greeter.conformance.probe.ProbeReply.ExchangeResult;

/** Plain-words accounts of what a probe saw, for the "observed" column. */
final class Wire {

    private Wire() {
    }

    static String quote(byte[] bytes) {
        return Printable.quote(bytes, 64);
    }

    static String bytes(byte[] bytes) {
        return bytes.length + " bytes " + quote(bytes);
    }

    /** One line: how the connection went and ended. */
    static String describe(ExchangeResult r) {
        return switch (r.outcome()) {
            case REFUSED -> "connection refused";
            case TIMEOUT -> "connection attempt timed out (no SYN-ACK)";
            case ERROR -> "probe could not connect: " + r.error();
            case QUEUE_FULL -> "connection attempt failed at once with EAGAIN (the listener's queue is full)";
            case CONNECTED -> "received " + (r.received().length == 0 ? "nothing" : bytes(r.received())
                    + " (first after " + r.firstByteMillis() + " ms)") + ", then " + end(r);
        };
    }

    static String end(ExchangeResult r) {
        return switch (r.end()) {
            case FIN -> "an orderly close (FIN) after " + r.endMillis() + " ms";
            case RST -> "a reset (RST) after " + r.endMillis() + " ms";
            case BOUND -> "the connection still open " + r.endMillis() + " ms after connecting";
            case CLOSED_BY_PROBE -> "the probe closed it";
            case NOT_CONNECTED -> "no connection";
        };
    }
}
