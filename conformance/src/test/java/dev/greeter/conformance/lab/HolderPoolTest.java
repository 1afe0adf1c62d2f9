package dev.greeter.conformance.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Which holder a stage gets and which ones start, without an engine: holders are numbers in the order started. */
class HolderPoolTest {

    private final List<Integer> started = new ArrayList<>();

    private HolderPool<Integer> pool(boolean pooling, int planned, int atOnce) {
        HolderPool<Integer> pool = new HolderPool<>(() -> {
            started.add(started.size() + 1);
            return CompletableFuture.completedFuture(started.size());
        }, pooling, planned, atOnce);
        pool.prestart();
        return pool;
    }

    @Test
    void oneAtATimeHandsTheClearedHolderOnAndStartsNoOther() {
        HolderPool<Integer> pool = pool(true, 6, 1);
        for (int stage = 0; stage < 6; stage++) {
            int holder = pool.take().join();
            assertThat(holder).as("stage %d gets the first holder", stage).isEqualTo(1);
            assertThat(pool.startingAhead()).as("none starts ahead while the only one in use comes back").isFalse();
            assertThat(pool.giveBack(holder)).as("handed on").isTrue();
        }
        assertThat(started).as("one holder for six stages").containsExactly(1);
        assertThat(pool.drain().idle()).as("the idle one is left for the lab to remove").containsExactly(1);
    }

    @Test
    void aHolderNotClearedIsReplacedAndTheNextStageGetsTheNewOne() {
        HolderPool<Integer> pool = pool(true, 3, 1);
        assertThat(pool.take().join()).isEqualTo(1);
        pool.lost();
        assertThat(pool.startingAhead()).as("a replacement starts at once, the plan needs two more").isTrue();
        assertThat(pool.take().join()).as("never the lost one").isEqualTo(2);
        assertThat(pool.giveBack(2)).isTrue();
        assertThat(pool.take().join()).isEqualTo(2);
        pool.lost();
        assertThat(pool.startingAhead()).as("the plan is done: nothing starts for nothing").isFalse();
        assertThat(started).containsExactly(1, 2);
    }

    @Test
    void sideBySideAtMostAtOnceAreAlive() {
        HolderPool<Integer> pool = pool(true, 10, 3);
        List<Integer> inUse = new ArrayList<>(List.of(pool.take().join(), pool.take().join(), pool.take().join()));
        assertThat(inUse).containsExactly(1, 2, 3);
        assertThat(pool.startingAhead()).as("three in use is the most at once").isFalse();
        for (int round = 0; round < 7; round++) {
            int back = inUse.remove(0);
            assertThat(pool.giveBack(back)).isTrue();
            inUse.add(pool.take().join());
        }
        assertThat(started).as("never more than three").containsExactly(1, 2, 3);
    }

    @Test
    void withoutPoolingEveryStageGetsAFreshHolderOneStartingAhead() {
        HolderPool<Integer> pool = pool(false, 3, 1);
        for (int stage = 1; stage <= 3; stage++) {
            int holder = pool.take().join();
            assertThat(holder).as("stage %d gets a holder of its own", stage).isEqualTo(stage);
            assertThat(pool.startingAhead()).as("the next one starts while this one is in use").isEqualTo(stage < 3);
            assertThat(pool.giveBack(holder)).as("never handed on: the caller removes it").isFalse();
        }
        assertThat(started).containsExactly(1, 2, 3);
        assertThat(pool.drain().idle()).isEmpty();
    }

    @Test
    void aStageBeyondThePlanStillGetsAHolder() {
        HolderPool<Integer> pool = pool(false, 1, 1);
        assertThat(pool.take().join()).isEqualTo(1);
        assertThat(pool.take().join()).as("a fresh server after an interruption waits for its own").isEqualTo(2);
    }
}
