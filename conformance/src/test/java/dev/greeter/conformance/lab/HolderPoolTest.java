package dev.greeter.conformance.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Which holder a stage gets and which ones start, without an engine: holders are numbers in the order started. */
class HolderPoolTest {

    private final List<Integer> started = new ArrayList<>();

    private HolderPool<Integer> pool(int planned, int atOnce) {
        HolderPool<Integer> pool = new HolderPool<>(() -> {
            started.add(started.size() + 1);
            return CompletableFuture.completedFuture(started.size());
        }, planned, atOnce);
        pool.prestart();
        return pool;
    }

    @Test
    void oneAtATimeHandsTheClearedHolderOnAndStartsNoOther() {
        HolderPool<Integer> pool = pool(6, 1);
        for (int stage = 0; stage < 6; stage++) {
            int holder = pool.take().join();
            assertThat(holder).as("stage %d gets the first holder", stage).isEqualTo(1);
            assertThat(pool.startingAhead()).as("none starts ahead while the only one in use comes back").isFalse();
            pool.giveBack(holder);
        }
        assertThat(started).as("one holder for six stages").containsExactly(1);
        assertThat(pool.drain().idle()).as("the idle one is left for the lab to remove").containsExactly(1);
    }

    @Test
    void aHolderNotClearedIsReplacedAndTheNextStageGetsTheNewOne() {
        HolderPool<Integer> pool = pool(3, 1);
        assertThat(pool.take().join()).isEqualTo(1);
        pool.lost();
        assertThat(pool.startingAhead()).as("a replacement starts at once, the plan needs two more").isTrue();
        assertThat(pool.take().join()).as("never the lost one").isEqualTo(2);
        pool.giveBack(2);
        assertThat(pool.take().join()).isEqualTo(2);
        pool.lost();
        assertThat(pool.startingAhead()).as("the plan is done: nothing starts for nothing").isFalse();
        assertThat(started).containsExactly(1, 2);
    }

    @Test
    void holdersAnEarlierLabLeftAreHandedOutBeforeAnyStarts() {
        HolderPool<Integer> pool = new HolderPool<>(() -> {
            started.add(100 + started.size());
            return CompletableFuture.completedFuture(100 + started.size() - 1);
        }, 3, 2, List.of(7, 8));
        pool.prestart();
        assertThat(pool.startingAhead()).as("two idle ones cover the first two stages: nothing starts ahead yet").isFalse();
        assertThat(List.of(pool.take().join(), pool.take().join())).containsExactlyInAnyOrder(7, 8);
        assertThat(started).as("two in use is the most at once: the third stage waits for one back").isEmpty();
        pool.giveBack(8);
        assertThat(pool.take().join()).as("the third stage gets a kept one back, not a new one").isEqualTo(8);
        assertThat(started).isEmpty();
    }

    @Test
    void sideBySideAtMostAtOnceAreAlive() {
        HolderPool<Integer> pool = pool(10, 3);
        List<Integer> inUse = new ArrayList<>(List.of(pool.take().join(), pool.take().join(), pool.take().join()));
        assertThat(inUse).containsExactly(1, 2, 3);
        assertThat(pool.startingAhead()).as("three in use is the most at once").isFalse();
        for (int round = 0; round < 7; round++) {
            int back = inUse.remove(0);
            pool.giveBack(back);
            inUse.add(pool.take().join());
        }
        assertThat(started).as("never more than three").containsExactly(1, 2, 3);
    }

    @Test
    void aStageBeyondThePlanStillGetsAHolder() {
        HolderPool<Integer> pool = pool(1, 1);
        assertThat(pool.take().join()).isEqualTo(1);
        assertThat(pool.take().join()).as("a fresh server after an interruption waits for its own").isEqualTo(2);
    }
}
