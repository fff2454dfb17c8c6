package dialer.core.engine;

import dialer.ami.CallOutcome;

/** What the engine tells the rest of the server (metrics, live pages, the demo's simulated agents). */
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

    default void callAbandoned(long campaignId, long attemptId) {
    }

    default void callEnded(long campaignId, long attemptId) {
    }

    /** The compliance guard kept a lead from being dialed, by these rules. */
    default void leadBlocked(long campaignId, java.util.List<String> rules) {
    }

    default void dispositionWritten(long campaignId, long attemptId, String code, Long agentId) {
    }
}
