package dialer.core.engine;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The server stops on purpose (an upgrade, the end of the day), after dialing has stopped: the calls
 * already placed are let resolve and the conversations finish, up to {@link #DRAIN_MILLIS}, and each
 * agent's phone leg is hung up as soon as they are not needed any more: not talking, not about to
 * take a person, and no call of their campaign still ringing or waiting for an agent. No agent's phone
 * is left in a conference for nobody, no conversation is cut and nobody who answers meanwhile is
 * abandoned for the stop; at the limit every leg but a conversation's is hung up (a call that has
 * rung for that long is not worth an agent's phone kept up for a server that is gone), and a
 * conversation still going keeps its leg until it ends ({@link #LEG_AFTER_CALL}), unless a next start
 * takes both back first. The sessions stay
 * recorded: the next start rings the phones again and each agent comes back as they were (wrap-up
 * included). Runs on the engine thread.
 */
final class GracefulStop {

    private static final Logger log = LoggerFactory.getLogger(GracefulStop.class);
    /**
     * The agent leg's channel variable that [dialer-agent-talk] reads when the agent's conference ends: "hangup"
     * ends the leg instead of sending it back to wait for a next call that no running server would send.
     */
    static final String LEG_AFTER_CALL = "DIALER_LEG_AFTER_CALL";

    /** How long a stop waits for the conversations in progress to end. */
    static final long DRAIN_MILLIS = 30_000;
    static final long SWEEP_MILLIS = 250;

    private final EngineThread thread;
    private final AgentSessions agents;
    private final CallFlow calls;
    private final PbxLinks pbxs;
    /** Agents whose leg was hung up. */
    private final Set<Long> released = new HashSet<>();
    private final List<Future<Void>> hangups = new ArrayList<>();
    private long timer = -1;
    private long waited;

    GracefulStop(EngineThread thread, AgentSessions agents, CallFlow calls, PbxLinks pbxs) {
        this.thread = thread;
        this.agents = agents;
        this.calls = calls;
        this.pbxs = pbxs;
    }

    /** Completes once every leg that can go is hung up (and Asterisk has answered for each). */
    Future<Void> run() {
        thread.check();
        Promise<Void> done = Promise.promise();
        sweep();
        int talking = needed();
        if (talking == 0) {
            log.info("stopping: {} agent phone leg(s) hung up", released.size());
            Future.all(hangups).onComplete(ar -> done.complete());
            return done.future();
        }
        log.info("stopping: {} agent phone leg(s) hung up; {} agent(s) still needed by calls in progress (waiting at most {} s)",
                released.size(), talking, DRAIN_MILLIS / 1000);
        timer = thread.periodic(SWEEP_MILLIS, () -> {
            waited += SWEEP_MILLIS;
            sweep();
            int still = needed();
            if (still == 0 || waited >= DRAIN_MILLIS) {
                thread.cancel(timer);
                if (still > 0) {
                    // at the limit only a conversation keeps its agent's leg: an agent kept ready (or reserved) for a
                    // call that has not come in 30 s is not kept waiting in Asterisk for a server that is gone
                    still = releaseAllButConversations();
                }
                if (still > 0) {
                    log.warn("stopping: {} agent(s) still on calls after {} s keep their leg until the call ends"
                            + " (a next start first takes both back)", still, DRAIN_MILLIS / 1000);
                } else {
                    log.info("stopping: every call over, {} agent phone leg(s) hung up", released.size());
                }
                Future.all(hangups).onComplete(ar -> done.complete());
            }
        });
        return done.future();
    }

    private void sweep() {
        Set<Long> campaignsWithCallsComing = campaignsWithCallsComing();
        for (AgentSession s : agents.all()) {
            if (!needed(s, campaignsWithCallsComing) && pbxs.connected(s.agent.pbx()) && released.add(s.agent.id())) {
                hangups.add(pbxs.hangup(s.agent.pbx(), s.legCallId).recover(e -> Future.succeededFuture()));
            }
        }
    }

    /** Hangs up the leg of every agent not in a conversation; returns how many keep theirs. */
    private int releaseAllButConversations() {
        int kept = 0;
        for (AgentSession s : agents.all()) {
            if (released.contains(s.agent.id())) {
                continue;
            }
            if (s.in(AgentState.ON_CALL)) {
                kept++;
                if (!pbxs.connected(s.agent.pbx())) {
                    continue; // no link to tell it by (nor to hang up by): the leg waits for a next start
                }
                // the conversation goes on; the leg ends with it ([dialer-agent-talk]) unless a next start clears this
                hangups.add(pbxs.setVariable(s.agent.pbx(), s.legCallId, LEG_AFTER_CALL, "hangup")
                        .recover(e -> Future.succeededFuture()));
            } else if (pbxs.connected(s.agent.pbx()) && released.add(s.agent.id())) {
                hangups.add(pbxs.hangup(s.agent.pbx(), s.legCallId).recover(e -> Future.succeededFuture()));
            }
        }
        return kept;
    }

    /** Agents whose leg is still needed. */
    private int needed() {
        Set<Long> campaignsWithCallsComing = campaignsWithCallsComing();
        int n = 0;
        for (AgentSession s : agents.all()) {
            if (!released.contains(s.agent.id()) && needed(s, campaignsWithCallsComing)) {
                n++;
            }
        }
        return n;
    }

    private static boolean needed(AgentSession s, Set<Long> campaignsWithCallsComing) {
        return s.in(AgentState.ON_CALL) || s.in(AgentState.RESERVED)
                || (s.in(AgentState.READY) && campaignsWithCallsComing.contains(s.campaignId));
    }

    /** Campaigns with a call ringing, being screened or with a person waiting for an agent. */
    private Set<Long> campaignsWithCallsComing() {
        Set<Long> out = new HashSet<>();
        for (LiveCall call : calls.all()) {
            if (call.phase() != CallPhase.CONNECTED && !call.ended()) {
                out.add(call.campaign.id());
            }
        }
        return out;
    }
}
