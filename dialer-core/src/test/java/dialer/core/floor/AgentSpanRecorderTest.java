package dialer.core.floor;

import dialer.core.engine.AgentState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static dialer.core.floor.SpanChangesTest.status;
import static org.assertj.core.api.Assertions.assertThat;

class AgentSpanRecorderTest {

    /** A database that is down for the first {@code failures} writes, and may hang until released. */
    private static final class FlakyWriter implements SpanWriter {
        final List<SpanChange> written = Collections.synchronizedList(new ArrayList<>());
        final AtomicInteger failures;
        final CountDownLatch release;
        final AtomicInteger calls = new AtomicInteger();

        FlakyWriter(int failures, CountDownLatch release) {
            this.failures = new AtomicInteger(failures);
            this.release = release;
        }

        @Override
        public void closeLeftOpen(Instant at) {
        }

        @Override
        public void write(List<SpanChange> batch) throws Exception {
            calls.incrementAndGet();
            release.await();
            if (failures.getAndDecrement() > 0) {
                throw new java.sql.SQLTransientConnectionException("connection refused");
            }
            written.addAll(batch);
        }
    }

    private AgentSpanRecorder recorder;

    @AfterEach
    void stop() throws InterruptedException {
        if (recorder != null) {
            recorder.stopWriting().join(10_000);
        }
    }

    @Test
    void theEngineNeverWaitsForTheDatabaseAndEveryChangeIsWrittenInOrderOnceItIsBack() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        FlakyWriter writer = new FlakyWriter(3, release);
        recorder = new AgentSpanRecorder(writer, Clock.systemUTC(), Duration.ofMillis(10));
        recorder.startWriting();
        Instant t = Instant.parse("2026-12-06T14:00:00Z");
        AgentState[] cycle = {AgentState.READY, AgentState.RESERVED, AgentState.ON_CALL, AgentState.WRAP_UP};
        long started = System.nanoTime();
        for (int i = 0; i < 2000; i++) {
            recorder.agentChanged(status(1, 7L, cycle[i % 4], null, t.plusSeconds(i), null));
        }
        long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        // the writer hangs (a database that does not answer): the engine's calls still returned at once
        assertThat(tookMillis).isLessThan(1000);
        assertThat(writer.written).isEmpty();
        release.countDown();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (writer.written.size() < 2000 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(writer.written).hasSize(2000);
        assertThat(recorder.failedWrites()).isEqualTo(3);
        for (int i = 0; i < 2000; i++) {
            assertThat(writer.written.get(i).at()).isEqualTo(t.plusSeconds(i));
        }
        assertThat(recorder.dropped()).isZero();
    }

    @Test
    void stoppingWritesWhatIsQueued() throws Exception {
        FlakyWriter writer = new FlakyWriter(0, new CountDownLatch(0));
        recorder = new AgentSpanRecorder(writer, Clock.systemUTC(), Duration.ofMillis(10));
        recorder.startWriting();
        Instant t = Instant.parse("2026-12-06T14:00:00Z");
        recorder.agentChanged(status(1, 7L, AgentState.READY, null, t, null));
        recorder.agentChanged(status(1, 7L, AgentState.LOGGED_OUT, null, t.plusSeconds(9), null));
        recorder.stopWriting().join(10_000);
        assertThat(writer.written).extracting(SpanChange::state).containsExactly(AgentState.READY, AgentState.LOGGED_OUT);
        assertThat(recorder.queued()).isZero();
    }
}
