package dev.greeter.cli;

/** A command that could not do its job for a reason outside the command line: one line on stderr, exit status 1. */
final class CommandFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    CommandFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
