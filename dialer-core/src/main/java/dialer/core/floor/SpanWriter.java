package dialer.core.floor;

import java.time.Instant;
import java.util.List;

/** Where agent state spans go: all of a batch, or none of it (an exception). */
public interface SpanWriter {

    /** Ends the spans this node left open (a crash) at {@code at}. */
    void closeLeftOpen(Instant at) throws Exception;

    /** Each change ends the agent's open span (of this node) and starts the next one. */
    void write(List<SpanChange> batch) throws Exception;
}
