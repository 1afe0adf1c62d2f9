package dev.greeter.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import sun.misc.Signal;

/**
 * The AOT cache's training run (src/main/aot/train): one JVM serves and greets on each transport in turn, through
 * the same command lines a user gives, so the cache holds what the image's server and client load on tcp, udp and
 * unix alike, not on tcp only. Each server stops as it would in a container, by SIGTERM to this process (its
 * handler is the one the command installed). Not a command of the CLI: the image's users never see it.
 * Exit status 0 when every transport greeted, 1 otherwise.
 */
public final class Training {

    /** Where the unix server listens: a training image has no /run/greeter. */
    static final String UNIX_PATH = "/tmp/greeter-training.sock";
    private static final long LISTEN_SECONDS = 30;

    private Training() {
    }

    public static void main(String[] args) throws InterruptedException {
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        int status = 0;
        for (List<String> transport : List.of(List.of("--transport", "tcp"), List.of("--transport", "udp"),
                List.of("--transport", "unix", "--path", UNIX_PATH))) {
            if (!greetOnce(transport, err)) {
                status = 1;
            }
        }
        System.exit(status);
    }

    /** Starts the server with these options, fetches one greeting with the client, stops the server by SIGTERM. */
    private static boolean greetOnce(List<String> transport, PrintWriter err) throws InterruptedException {
        CountDownLatch listening = new CountDownLatch(1);
        PrintWriter serverOut = new PrintWriter(new ListeningWatch(listening), true);
        AtomicInteger serverStatus = new AtomicInteger(-1);
        Thread server = new Thread(() -> serverStatus.set(
                GreeterCommand.run(serverOut, err, concat("server", transport))), "training-server");
        server.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(LISTEN_SECONDS);
        // Until the listening line, or the server's command returned (it said why on err), or the deadline.
        while (!listening.await(100, TimeUnit.MILLISECONDS)) {
            if (!server.isAlive() || System.nanoTime() - deadline > 0) {
                err.println("training: the server " + transport + " did not listen (status " + serverStatus.get() + ")");
                return false;
            }
        }
        StringWriter greeting = new StringWriter();
        int clientStatus = GreeterCommand.run(new PrintWriter(greeting), err, concat("client", transport));
        Signal.raise(new Signal("TERM"));
        server.join(TimeUnit.SECONDS.toMillis(LISTEN_SECONDS));
        boolean ok = clientStatus == ExitCodes.OK && serverStatus.get() == ExitCodes.OK;
        err.println("training: " + transport + ": client " + clientStatus + " ('" + greeting.toString().strip() + "'), server "
                + serverStatus.get());
        return ok;
    }

    private static String[] concat(String command, List<String> options) {
        String[] args = new String[options.size() + 1];
        args[0] = command;
        for (int i = 0; i < options.size(); i++) {
            args[i + 1] = options.get(i);
        }
        return args;
    }

    /** The server's standard output: releases the latch once the listening line has been written. */
    private static final class ListeningWatch extends Writer {
        private final StringBuilder text = new StringBuilder();
        private final CountDownLatch listening;

        ListeningWatch(CountDownLatch listening) {
            this.listening = listening;
        }

        @Override
        public synchronized void write(char[] chars, int offset, int length) {
            text.append(chars, offset, length);
            if (text.indexOf("listening on ") >= 0) {
                listening.countDown();
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }
}
