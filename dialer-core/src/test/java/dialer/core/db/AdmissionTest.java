package dialer.core.db;

import dialer.core.Busy;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** How much work a pool admits, and the refusal (429 with Retry-After) beyond it. */
class AdmissionTest {

    @Test
    void admitsUpToItsLimitThenRefusesWithWhenToTryAgain() {
        Admission imports = new Admission("imports", 2, 30);
        imports.enter();
        assertThat(imports.full()).isFalse();
        imports.enter();
        assertThat(imports.full()).isTrue();
        assertThatThrownBy(imports::enter).isInstanceOfSatisfying(Busy.class, busy -> {
            assertThat(busy.retryAfterSeconds()).isEqualTo(30);
            assertThat(busy.getMessage()).contains("imports").contains("2 at once").contains("30 s");
        });
        assertThat(imports.admitted()).as("a refusal takes no place").isEqualTo(2);
        imports.leave();
        assertThat(imports.full()).isFalse();
        imports.enter();
        assertThat(imports.admitted()).isEqualTo(2);
    }

    @Test
    void unlimitedWorkIsNeverRefused() {
        Admission engine = Admission.unlimited("the engine's writes");
        for (int i = 0; i < 10_000; i++) {
            engine.enter();
        }
        assertThat(engine.full()).isFalse();
        assertThat(engine.admitted()).isEqualTo(10_000);
    }

    @Test
    void leavingMoreOftenThanEnteringIsABug() {
        Admission reports = new Admission("reports", 1, 2);
        assertThatThrownBy(reports::leave).isInstanceOf(IllegalStateException.class);
        assertThat(reports.admitted()).isZero();
    }

    @Test
    void aRetryAfterUnderOneSecondIsRefused() {
        assertThatThrownBy(() -> new Admission("reports", 1, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void manyThreadsAtOnceNeverGetMoreThanTheLimitIn() throws Exception {
        Admission api = new Admission("API requests", 5, 1);
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 16; t++) {
            Thread thread = new Thread(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < 20_000; i++) {
                    try {
                        api.enter();
                    } catch (Busy busy) {
                        refused.incrementAndGet();
                        continue;
                    }
                    most.accumulateAndGet(inside.incrementAndGet(), Math::max);
                    inside.decrementAndGet();
                    api.leave();
                }
            });
            thread.start();
            threads.add(thread);
        }
        go.countDown();
        for (Thread t : threads) {
            t.join();
        }
        assertThat(most.get()).isBetween(1, 5);
        assertThat(api.admitted()).isZero();
    }
}
