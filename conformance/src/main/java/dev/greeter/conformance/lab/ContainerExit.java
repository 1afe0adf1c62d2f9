package dev.greeter.conformance.lab;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.WaitResponse;
import dev.greeter.conformance.config.HarnessException;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Waiting for a container of an implementation under test to exit: the one wait servers and clients share. The engine
 * says when (its wait endpoint, one request held open until the exit) rather than being asked every few milliseconds:
 * with several runs waiting at once, inspecting each container 40 times a second kept the engine busy on a 2-core machine.
 */
final class ContainerExit {

    private ContainerExit() {
    }

    /** How often a one-off run's {@code seenEnough} is asked. */
    private static final Duration RUN_POLL_INTERVAL = Duration.ofMillis(25);

    /** Waits up to {@code bound} for a one-off run's container to exit, or for {@code seenEnough}; true if it exited. */
    static boolean await(String containerId, Duration bound, BooleanSupplier seenEnough) {
        return await(containerId, bound, RUN_POLL_INTERVAL, seenEnough);
    }

    /**
     * Waits up to {@code bound} for the container to exit, asking {@code seenEnough} every {@code pollInterval}; true if it
     * exited.
     */
    static boolean await(String containerId, Duration bound, Duration pollInterval, BooleanSupplier seenEnough) {
        Exit exit = new Exit();
        Containers.docker().waitContainerCmd(containerId).exec(exit);
        try {
            long deadline = System.nanoTime() + bound.toNanos();
            while (true) {
                long left = deadline - System.nanoTime();
                if (exit.ended.await(Math.max(0, Math.min(left, pollInterval.toNanos())), TimeUnit.NANOSECONDS)) {
                    // The engine answered: the exit, or an error of the wait itself, when the container's state says.
                    return exit.exited || !running(containerId);
                }
                if (left <= pollInterval.toNanos()) {
                    return false;
                }
                if (seenEnough.getAsBoolean()) {
                    // Ended by seenEnough: the container may have exited since.
                    return !running(containerId);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HarnessException("interrupted while waiting for a container to exit", e);
        } finally {
            try {
                exit.close();
            } catch (IOException e) {
                // The request is abandoned either way.
            }
        }
    }

    private static boolean running(String containerId) {
        return Boolean.TRUE.equals(Containers.state(containerId).getRunning());
    }

    /** The engine's answer to a wait: a status once the container exited, or the end of the request. */
    private static final class Exit extends ResultCallback.Adapter<WaitResponse> {
        private final CountDownLatch ended = new CountDownLatch(1);
        private volatile boolean exited;

        @Override
        public void onNext(WaitResponse response) {
            exited = true;
            ended.countDown();
        }

        @Override
        public void onError(Throwable error) {
            ended.countDown();
        }

        @Override
        public void onComplete() {
            ended.countDown();
        }
    }
}
