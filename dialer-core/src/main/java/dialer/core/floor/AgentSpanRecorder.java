package dialer.core.floor;

import dialer.core.engine.AgentStatus;
import dialer.core.engine.EngineListener;
import io.vertx.core.AbstractVerticle;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Records every agent's state spans (agent, campaign, state, pause reason, start, end) for the
 * floor reports. On the engine's thread it only compares the change with the agent's last span and
 * queues it (never waits: a full queue drops the change and counts it); a thread of its own writes
 * the queue in batches, retrying a failed batch (the database down) with back-off until it is
 * written, in order. Deployed as a verticle so that closing Vert.x flushes what is queued.
 */
public final class AgentSpanRecorder extends AbstractVerticle implements EngineListener {

    private static final Logger log = LoggerFactory.getLogger(AgentSpanRecorder.class);

    /** Changes kept while the database is down (hours of a large floor) before new ones are dropped. */
    static final int QUEUE_LIMIT = 500_000;
    private static final int BATCH = 500;
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(10);
    private static final Duration FLUSH_AT_STOP = Duration.ofSeconds(5);

    private final SpanWriter writer;
    private final Clock clock;
    private final Duration firstBackoff;
    /** Engine thread only. */
    private final SpanChanges changes = new SpanChanges();
    private final LinkedBlockingQueue<SpanChange> queue = new LinkedBlockingQueue<>(QUEUE_LIMIT);
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong failedWrites = new AtomicLong();
    private final AtomicLong written = new AtomicLong();
    private volatile boolean stopping;
    private Thread thread;

    public AgentSpanRecorder(SpanWriter writer, Clock clock, Duration firstBackoff) {
        this.writer = writer;
        this.clock = clock;
        this.firstBackoff = firstBackoff;
    }

    /** A recorder writing to {@code dataSource} as node {@code node}, deployed on {@code vertx}; add it to the engine. */
    public static AgentSpanRecorder deploy(Vertx vertx, javax.sql.DataSource dataSource, String node, Clock clock) {
        AgentSpanRecorder recorder = new AgentSpanRecorder(new SqlSpanWriter(dataSource, node), clock, Duration.ofMillis(500));
        vertx.deployVerticle(recorder).onFailure(e -> log.error("agent span recorder did not start", e));
        return recorder;
    }

    @Override
    public void start() {
        startWriting();
    }

    /** Starts the writing thread (the verticle does at deployment; tests call it directly). */
    public synchronized void startWriting() {
        if (thread == null) {
            thread = new Thread(this::run, "agent-span-writer");
            thread.setDaemon(true);
            thread.start();
        }
    }

    @Override
    public void stop(Promise<Void> stopped) {
        Thread t = stopWriting();
        // off the event loop: the thread's last flush may take a few seconds
        vertx.executeBlocking(() -> {
            t.join(FLUSH_AT_STOP.toMillis() + 1000);
            return null;
        }, false).onComplete(ar -> stopped.complete());
    }

    /**
     * Asks the thread to write what is queued (retrying for {@link #FLUSH_AT_STOP} at most) and end;
     * returns it. Not interrupted: an interrupt in the middle of a JDBC write would fail it.
     */
    public synchronized Thread stopWriting() {
        stopping = true;
        return thread;
    }

    @Override
    public void agentChanged(AgentStatus status) {
        SpanChange change = changes.of(status);
        if (change != null && !queue.offer(change)) {
            if (dropped.incrementAndGet() % 1000 == 1) {
                log.warn("agent state spans not recorded: {} changes dropped while the database could not be written", dropped.get());
            }
        }
    }

    public long dropped() {
        return dropped.get();
    }

    public long failedWrites() {
        return failedWrites.get();
    }

    public long written() {
        return written.get();
    }

    /** Changes waiting to be written. */
    public int queued() {
        return queue.size();
    }

    private void run() {
        retrying(() -> writer.closeLeftOpen(clock.instant()), "closing the spans a previous run left open");
        List<SpanChange> batch = new ArrayList<>();
        while (!stopping || !queue.isEmpty()) {
            try {
                if (batch.isEmpty()) {
                    SpanChange first = stopping ? queue.poll() : queue.poll(250, TimeUnit.MILLISECONDS);
                    if (first == null) {
                        continue;
                    }
                    batch.add(first);
                    queue.drainTo(batch, BATCH - 1);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            List<SpanChange> toWrite = List.copyOf(batch);
            if (!retrying(() -> writer.write(toWrite), toWrite.size() + " agent state changes")) {
                log.warn("stopping with {} agent state changes not written", toWrite.size() + queue.size());
                return;
            }
            written.addAndGet(toWrite.size());
            batch.clear();
        }
    }

    private interface Attempt {
        void run() throws Exception;
    }

    /** Runs {@code attempt} until it succeeds; once stopping, for {@link #FLUSH_AT_STOP} only. Whether it succeeded. */
    private boolean retrying(Attempt attempt, String what) {
        long backoff = firstBackoff.toMillis();
        long giveUpAt = Long.MAX_VALUE;
        while (true) {
            try {
                attempt.run();
                return true;
            } catch (Exception e) {
                long failures = failedWrites.incrementAndGet();
                if (failures == 1 || failures % 20 == 0) {
                    log.warn("{} could not be written ({}); retrying", what, e.toString());
                }
            }
            if (stopping) {
                giveUpAt = Math.min(giveUpAt, System.nanoTime() + FLUSH_AT_STOP.toNanos());
                if (System.nanoTime() >= giveUpAt) {
                    return false;
                }
            }
            try {
                Thread.sleep(stopping ? Math.min(backoff, 500) : backoff);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
            backoff = Math.min(backoff * 2, MAX_BACKOFF.toMillis());
        }
    }
}
