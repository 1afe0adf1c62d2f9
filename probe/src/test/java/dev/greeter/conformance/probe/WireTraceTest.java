package dev.greeter.conformance.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.RepeatedTest;

/**
 * A scripted server's trace is written by its acceptor and by every connection's worker at once: it keeps its bound
 * and its one "cut" line whatever the interleaving (an unsynchronised list overshot it, or threw in a worker, which
 * then never served its connection).
 */
class WireTraceTest {

    @RepeatedTest(20)
    void threadsAddingAtOnceKeepTheBoundAndOneCutLine() throws Exception {
        WireTrace trace = new WireTrace();
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        List<Throwable> thrown = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int t = 0; t < 8; t++) {
            Thread thread = new Thread(() -> {
                try {
                    go.await();
                    for (int i = 0; i < 2_000; i++) {
                        trace.add("event " + i);
                    }
                } catch (Throwable e) {
                    thrown.add(e);
                }
            });
            thread.start();
            threads.add(thread);
        }
        go.countDown();
        for (Thread thread : threads) {
            thread.join();
        }
        assertThat(thrown).as("nothing thrown while adding").isEmpty();
        List<String> events = trace.events();
        assertThat(events).as("12 events and the cut line").hasSize(13);
        assertThat(events.stream().filter(e -> e.contains("(trace cut)"))).as("one cut line, last").hasSize(1);
        assertThat(events.get(12)).contains("(trace cut)");
    }
}
