package dialer.core.engine;

import java.util.List;

/**
 * What became of a call an agent asked for (preview or manual dial): placed as an attempt, or
 * blocked by the compliance guard with each rule that said no.
 */
public record DialResult(Long attemptId, List<Block> blocked) {

    /** One rule of the guard that blocked the call, and why. */
    public record Block(String rule, String reason) {
    }

    public static DialResult placed(long attemptId) {
        return new DialResult(attemptId, List.of());
    }

    public static DialResult blocked(List<Block> blocks) {
        return new DialResult(null, List.copyOf(blocks));
    }

    public boolean wasPlaced() {
        return attemptId != null;
    }
}
