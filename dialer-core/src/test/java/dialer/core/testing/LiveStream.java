package dialer.core.testing;

import io.vertx.core.json.JsonObject;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A server-sent-events stream as a test reads it: each event with the moment it arrived, in order.
 * Reads on its own thread; {@link #await} waits for an event that matches.
 */
public final class LiveStream implements AutoCloseable {

    /** An event: its name, its data, and when it arrived ({@link System#nanoTime()}). */
    public record Event(String name, JsonObject data, long arrivedNanos) {
    }

    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final InputStream body;
    private final Thread reader;
    private volatile Event last;

    LiveStream(InputStream body) {
        this.body = body;
        this.reader = new Thread(this::read, "live-stream-reader");
        reader.setDaemon(true);
        reader.start();
    }

    private void read() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            String name = "message";
            StringBuilder data = new StringBuilder();
            for (String line; (line = in.readLine()) != null; ) {
                if (line.isEmpty()) {
                    if (data.length() > 0) {
                        events.add(new Event(name, new JsonObject(data.toString()), System.nanoTime()));
                    }
                    name = "message";
                    data.setLength(0);
                } else if (line.startsWith("event:")) {
                    name = line.substring(6).trim();
                } else if (line.startsWith("data:")) {
                    data.append(line.substring(5).trim());
                }
            }
        } catch (java.io.IOException e) {
            // closed
        }
    }

    /** The next event (of any name) that matches, skipping the others; fails after {@code timeout}. */
    public Event await(String what, Duration timeout, Predicate<JsonObject> matches) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (true) {
                long left = deadline - System.nanoTime();
                Event e = left <= 0 ? null : events.poll(left, TimeUnit.NANOSECONDS);
                if (e == null) {
                    throw new AssertionError(what + " did not come within " + timeout + "; last event: "
                            + (last == null ? "none" : last.name() + " " + last.data().encode()));
                }
                last = e;
                if (matches.test(e.data())) {
                    return e;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** The latest event seen by {@link #await}. */
    public Event last() {
        return last;
    }

    @Override
    public void close() {
        try {
            body.close();
        } catch (java.io.IOException e) {
            // already closed
        }
        reader.interrupt();
    }
}
