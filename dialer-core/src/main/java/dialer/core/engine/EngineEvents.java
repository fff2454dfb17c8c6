package dialer.core.engine;

import dialer.ami.CallOutcome;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Tells the engine's listeners what happened. Always on the engine thread: code that runs on a
 * database worker returns data and never fires events.
 */
final class EngineEvents {

    private final EngineThread thread;
    /** Added from any thread (at start-up), read on the engine thread. */
    private final List<EngineListener> listeners = new CopyOnWriteArrayList<>();

    EngineEvents(EngineThread thread) {
        this.thread = thread;
    }

    void add(EngineListener listener) {
        listeners.add(listener);
    }

    private void fire(Consumer<EngineListener> event) {
        thread.check();
        listeners.forEach(event);
    }

    void agentChanged(AgentStatus status) {
        fire(l -> l.agentChanged(status));
    }

    void campaignChanged(long campaignId) {
        fire(l -> l.campaignChanged(campaignId));
    }

    void callPlaced(long campaignId, long attemptId) {
        fire(l -> l.callPlaced(campaignId, attemptId));
    }

    void callResolved(long campaignId, long attemptId, CallOutcome outcome) {
        fire(l -> l.callResolved(campaignId, attemptId, outcome));
    }

    void callConnected(long campaignId, long attemptId, long agentId) {
        fire(l -> l.callConnected(campaignId, attemptId, agentId));
    }

    void connectDelay(long campaignId, long millis) {
        fire(l -> l.connectDelay(campaignId, millis));
    }

    void callAbandoned(long campaignId, long attemptId) {
        fire(l -> l.callAbandoned(campaignId, attemptId));
    }

    void callEnded(long campaignId, long attemptId) {
        fire(l -> l.callEnded(campaignId, attemptId));
    }

    void leadBlocked(long campaignId, List<String> rules) {
        fire(l -> l.leadBlocked(campaignId, rules));
    }

    void dispositionWritten(long campaignId, long attemptId, String code, Long agentId) {
        fire(l -> l.dispositionWritten(campaignId, attemptId, code, agentId));
    }

    void pacerDecided(long campaignId, long nanos) {
        fire(l -> l.pacerDecided(campaignId, nanos));
    }

    void recording(boolean healthy, long failedWrites) {
        fire(l -> l.recordingChanged(healthy, failedWrites));
    }

    void pbxLimit(String pbx, int limit, String throttled) {
        fire(l -> l.pbxLimitChanged(pbx, limit, throttled));
    }

    void trunkHealth(String trunk, boolean healthy, String reason) {
        fire(l -> l.trunkHealthChanged(trunk, healthy, reason));
    }
}
