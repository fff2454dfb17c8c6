package dialer.core.engine;

import dialer.core.agent.SessionStore.SavedSession;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Keeps a durable copy of each agent's session (which campaign, which phone leg, ready or paused
 * with which reason, logged out), so that this node, restarted after a crash, takes its agents
 * back ({@link Readoption}). Written only when one of those changes, each write with a version
 * above the last, retried while the database is down.
 */
final class SessionKeeper {

    private final EngineThread thread;
    private final String node;
    private final CampaignLedger ledger;
    private final AttemptWrites writes;
    /** Engine thread: what was last written of each agent's session. */
    private final Map<Long, SavedSession> written = new HashMap<>();
    /** Engine thread: the version of the last write. */
    private long version;
    /** Engine thread: off while sessions are being taken back. */
    private boolean keeping;

    SessionKeeper(EngineThread thread, String node, CampaignLedger ledger, AttemptWrites writes) {
        this.thread = thread;
        this.node = node;
        this.ledger = ledger;
        this.writes = writes;
    }

    /** Starts keeping, with versions above {@code latestVersion} (the newest written by any run). */
    void start(long latestVersion, Iterable<AgentSession> now) {
        thread.check();
        version = Math.max(version, latestVersion);
        keeping = true;
        now.forEach(this::changed);
    }

    void changed(AgentSession s) {
        thread.check();
        if (!keeping) {
            return;
        }
        boolean ended = s.in(AgentState.LOGGED_OUT);
        SavedSession row = new SavedSession(s.agent.id(), node, s.campaignId, s.legCallId, ended ? null : pauseToComeBackTo(s),
                ended, 0);
        SavedSession last = written.get(s.agent.id());
        if (last != null && same(last, row)) {
            return;
        }
        SavedSession versioned = new SavedSession(row.agentId(), node, row.campaignId(), row.legCallId(), row.pauseReason(), ended,
                ++version);
        written.put(s.agent.id(), versioned);
        writes.once(null, "agent " + s.agent.id() + "'s session", () -> ledger.saveSession(versioned));
    }

    /** Null when the agent comes back ready (now, or after the call in hand); otherwise the pause reason. */
    static String pauseToComeBackTo(AgentSession s) {
        return switch (s.state()) {
            case PAUSED -> s.pauseReason;
            case CONNECTING -> s.readyWhenConnected ? null : s.resumePause != null ? s.resumePause : "logged in";
            case RESERVED, ON_CALL, WRAP_UP -> s.pauseAfterCall;
            default -> null;
        };
    }

    private static boolean same(SavedSession a, SavedSession b) {
        return a.campaignId() == b.campaignId() && a.legCallId().equals(b.legCallId()) && a.ended() == b.ended()
                && Objects.equals(a.pauseReason(), b.pauseReason());
    }
}
