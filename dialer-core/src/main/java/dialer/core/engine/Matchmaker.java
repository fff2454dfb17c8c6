package dialer.core.engine;

import dialer.ami.DialplanLocation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Puts detected people with ready agents: the agent the call was placed for, else the agent of the
 * campaign who has been ready longest, else the person waits (on hold in the dialplan, whose timer
 * plays the safe-harbor message if nobody comes) until an agent becomes free.
 *
 * <p>An idle agent's phone leg waits outside any bridge (a conference per idle agent cost Asterisk
 * about 1% of a core each); a connect moves the person and the agent's leg in one redirect into the
 * agent's conference, made for the call, which the leg leaves with the person.
 *
 * <p>Callers to us ({@link LiveCall#inbound}) go first to the agent who owns their callback or case
 * when that agent is ready, else to the campaign's longest-ready agent. An agent who frees up takes
 * the people we called first (they may wait only the hold limit, about a second, before they count
 * as abandoned), then the caller waiting for them by name, then the caller waiting longest.
 */
final class Matchmaker {

    private static final Logger log = LoggerFactory.getLogger(Matchmaker.class);
    /** After this many failed moves of one person, they are not offered again to the agent just freed. */
    static final int MAX_REDIRECT_FAILURES = 2;

    private final EngineThread thread;
    private final AgentSessions agents;
    private final PbxLinks pbxs;
    /** Engine thread: people on hold for an agent, first come first served. */
    private final Deque<LiveCall> waiting = new ArrayDeque<>();

    Matchmaker(EngineThread thread, AgentSessions agents, PbxLinks pbxs) {
        this.thread = thread;
        this.agents = agents;
        this.pbxs = pbxs;
    }

    /** A person was detected: to their agent now, or in line. */
    void connectOrQueue(LiveCall call) {
        thread.check();
        if (call.reservedAgentId != null) {
            AgentSession owner = agents.get(call.reservedAgentId);
            if (owner != null && owner.in(AgentState.RESERVED) && owner.holds(call.attemptId())) {
                connect(call, owner);
                return;
            }
        }
        AgentSession agent = null;
        if (call.preferredAgentId != null) {
            AgentSession owner = agents.get(call.preferredAgentId);
            if (owner != null && owner.in(AgentState.READY) && owner.legUp && owner.campaignId == call.campaign.id()
                    && owner.agent.pbx().equals(call.pbx)) {
                agent = owner;
            }
        }
        if (agent == null) {
            agent = agents.longestReady(call.campaign.id(), call.pbx);
        }
        if (agent != null) {
            connect(call, agent);
        } else {
            waiting.addLast(call);
            log.debug("attempt {}: person waiting, no agent ready", call.attemptId());
        }
    }

    /** An agent became ready: the first person waiting for their campaign on their PBX goes to them. */
    boolean offer(AgentSession agent) {
        thread.check();
        if (!agent.legUp) {
            return false;
        }
        LiveCall next = null;
        for (LiveCall call : waiting) {
            if (call.campaign.id() != agent.campaignId || !call.pbx.equals(agent.agent.pbx())) {
                continue;
            }
            if (!call.inbound) {
                next = call;
                break;
            }
            if (next == null || (!Long.valueOf(agent.agent.id()).equals(next.preferredAgentId)
                    && Long.valueOf(agent.agent.id()).equals(call.preferredAgentId))) {
                next = call;
            }
        }
        if (next == null) {
            return false;
        }
        waiting.remove(next);
        connect(next, agent);
        return true;
    }

    /** The person no longer waits (hung up, or the dialplan gave up on them). */
    void remove(LiveCall call) {
        thread.check();
        waiting.remove(call);
    }

    int waitingCount() {
        thread.check();
        return waiting.size();
    }

    private void connect(LiveCall call, AgentSession agent) {
        call.moveTo(CallPhase.CONNECTING);
        call.agentId = agent.agent.id();
        agent.inbound = call.inbound;
        agents.reserve(agent, call.attemptId(), call.debtorId(), call.phoneId());
        call.redirectedAtMillis = pbxs.millis();
        pbxs.redirect(call.pbx, call.callId(), personTo(agent.agent.extension()), agent.legCallId, legTo(agent.agent.extension()))
                .onFailure(error -> redirectFailed(call, agent, error));
    }

    /** Where a person goes to meet their agent: the agent's conference, as a callee. */
    static DialplanLocation personTo(String extension) {
        return DialplanLocation.of("dialer-agent", extension);
    }

    /** Where the agent's phone leg goes to meet the person: the same conference, as its agent, back to waiting after. */
    static DialplanLocation legTo(String extension) {
        return DialplanLocation.of("dialer-agent-talk", extension);
    }

    /**
     * The person could not be moved: they are first in line again and the agent is free again. The
     * first time, the agent is freed after the person is back in line, so they are offered them once
     * more; after {@link #MAX_REDIRECT_FAILURES} the agent is freed first and the person waits for the
     * next agent who frees up (or for the dialplan's hold limit).
     */
    private void redirectFailed(LiveCall call, AgentSession agent, Throwable error) {
        log.warn("attempt {}: could not move the person to agent {}: {}", call.attemptId(), agent.agent.id(), error.getMessage());
        if (call.phase() != CallPhase.CONNECTING) {
            agents.release(agent, call.attemptId());
            return;
        }
        call.moveTo(CallPhase.WAITING_FOR_AGENT);
        call.agentId = null;
        if (++call.redirectFailures < MAX_REDIRECT_FAILURES) {
            waiting.addFirst(call);
            agents.release(agent, call.attemptId());
        } else {
            agents.release(agent, call.attemptId());
            waiting.addFirst(call);
        }
    }
}
