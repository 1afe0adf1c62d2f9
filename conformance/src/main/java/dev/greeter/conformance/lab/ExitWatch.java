package dev.greeter.conformance.lab;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.WaitResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The engine telling when a container exits: one wait request held open from the start, instead of asking for the
 * container's state. A server's readiness and watch ask whether it still runs every 10 to 25 ms; with several runs at
 * once, each of those an inspection, the engine was busy answering them on a 2-core machine.
 */
final class ExitWatch implements AutoCloseable {

    private final String containerId;
    private final CountDownLatch ended = new CountDownLatch(1);
    private volatile boolean exited;
    private final ResultCallback.Adapter<WaitResponse> callback = new ResultCallback.Adapter<>() {
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
    };

    private ExitWatch(String containerId) {
        this.containerId = containerId;
    }

    /** Watches {@code containerId}, which has been started. */
    static ExitWatch of(String containerId) {
        ExitWatch watch = new ExitWatch(containerId);
        Containers.docker().waitContainerCmd(containerId).exec(watch.callback);
        return watch;
    }

    /** Whether the container still runs (a paused one does): the engine is asked only if the wait ended without an answer. */
    boolean running() {
        if (ended.getCount() > 0) {
            return true;
        }
        return !exited && Boolean.TRUE.equals(Containers.state(containerId).getRunning());
    }

    /** Waits up to {@code bound} for the wait to end; true if it ended (the container exited, or the request failed). */
    boolean awaitEnd(Duration bound) throws InterruptedException {
        return ended.await(Math.max(0, bound.toNanos()), TimeUnit.NANOSECONDS);
    }

    @Override
    public void close() {
        try {
            callback.close();
        } catch (IOException e) {
            // The request is abandoned either way.
        }
    }
}
