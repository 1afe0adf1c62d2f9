package dev.greeter.cli;

/** A command line that cannot be run as given: reported as one line naming the bad value, exit status 2. */
final class UsageException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    UsageException(String message) {
        super(message);
    }

    static UsageException invalid(String option, String why) {
        return new UsageException("Invalid value for option '" + option + "': " + why);
    }
}
