package dialer.core.engine;

import dialer.ami.CallOutcome;

/**
 * What the engine tells the rest of the server (metrics, live pages, the demo's simulated agents).
 * Every method is called on the engine thread: a listener must not block, and hops to its own
 * context for anything it keeps.
 */
public interface EngineListener {

    default void agentChanged(AgentStatus status) {
    }

    /** A campaign's status or settings changed (started, paused, stopped, new settings). */
    default void campaignChanged(long campaignId) {
    }

    default void callPlaced(long campaignId, long attemptId) {
    }

    default void callResolved(long campaignId, long attemptId, CallOutcome outcome) {
    }

    default void callConnected(long campaignId, long attemptId, long agentId) {
    }

    /**
     * How long a detected person waited until they were in an agent's conference (the span the
     * regulators' 2-second rule is about), by Asterisk's own timestamps.
     */
    default void connectDelay(long campaignId, long millis) {
    }

    default void callAbandoned(long campaignId, long attemptId) {
    }

    default void callEnded(long campaignId, long attemptId) {
    }

    /** The compliance guard kept a lead from being dialed, by these rules. */
    default void leadBlocked(long campaignId, java.util.List<String> rules) {
    }

    default void dispositionWritten(long campaignId, long attemptId, String code, Long agentId) {
    }

    /** The campaign's pacer decided how many calls to place; {@code nanos}: how long the decision took. */
    default void pacerDecided(long campaignId, long nanos) {
    }

    /**
     * Whether the engine can record attempts: false from the first failed write until writes
     * succeed again (no new call is placed meanwhile); {@code failedWrites} counts every failure.
     */
    default void recordingChanged(boolean healthy, long failedWrites) {
    }

    /**
     * A carrier trunk stopped carrying calls ({@code healthy} false: {@code reason} says why, e.g. its
     * qualify went unanswered or the carrier refused our credentials; the campaigns dialing it pause)
     * or carries them again.
     */
    default void trunkHealthChanged(String trunk, boolean healthy, String reason) {
    }

    /**
     * A PBX's governor moved its limit on calls up at once ({@code throttled}: why dialing there is held
     * down, null when it is not: the limit is then the PBX's cap).
     */
    default void pbxLimitChanged(String pbx, int limit, String throttled) {
    }
}
